"""A corpus of hostile values, and a project that puts every one of them into real fields of every file type.

Each value that could run calls alert(N) with its own N, so a test that sees something run can say which.
`reported=True`: `casecast check` must report it at its line. The others are harmless text (template
syntax, URL-encoded markup, punctuation) that must be shown exactly as typed, and never run either."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from PIL import Image


@dataclass(frozen=True)
class Hostile:
    n: int
    text: str
    reported: bool = True


PAYLOADS = [
    Hostile(1, "<script>alert(1)</script>"),
    Hostile(2, "<img src=x onerror=alert(2)>"),
    Hostile(3, "<img/src/onerror=alert(3)>"),
    Hostile(4, "<svg/onload=alert(4)>"),
    Hostile(5, "<IMG SRC=x OnError=alert(5)>"),
    Hostile(6, '"><img src=x onerror=alert(6)>'),
    Hostile(7, "'><svg onload=alert(7)>"),
    Hostile(8, "</title><script>alert(8)</script>"),
    Hostile(9, "</textarea><script>alert(9)</script>"),
    Hostile(10, '退税诈骗 {: autofocus onfocus="alert(10)" }'),
    Hostile(11, "[点我领取](javascript:alert(11))"),
    Hostile(12, '<a href="javascript:alert(12)">点我</a>'),
    Hostile(13, "&lt;img src=x onerror=alert(13)&gt;"),
    Hostile(14, "&#60;svg onload=alert(14)&#62;"),
    Hostile(15, "<details open ontoggle=alert(15)>"),
    Hostile(16, '<iframe srcdoc="<script>alert(16)</script>"></iframe>'),
    Hostile(17, '<math><mi xlink:href="javascript:alert(17)">x</mi></math>'),
    Hostile(18, "javascript:alert(18)"),
    Hostile(19, "data:text/html,<script>alert(19)</script>"),
    Hostile(20, "<body onload=alert(20)>"),
    Hostile(21, "<style>@import 'http://198.51.100.7/x.css';</style>"),
    Hostile(22, '<link rel="stylesheet" href="http://198.51.100.7/x.css">'),
    Hostile(23, "<!-- <script>alert(23)</script> -->"),
    Hostile(24, "<![CDATA[<script>alert(24)</script>]]>"),
    Hostile(25, "<x onclick=alert(25)>点这里</x>"),
    Hostile(26, "<a href=&#106;avascript:alert(26)>x</a>"),
    Hostile(27, "<javascript:alert(27)>"),
    Hostile(28, '![截图](x" onerror="alert(28))'),
    Hostile(29, "[官网](javascript&#58;alert(29))"),
    Hostile(30, "[官网](&#x6A;avascript:alert(30))"),
    Hostile(31, '<noscript><p title="</noscript><img src=x onerror=alert(31)>">'),
    Hostile(32, "<svg><style><img src=x onerror=alert(32)></style></svg>"),
    Hostile(33, '<base href="http://198.51.100.7/">'),
    Hostile(34, '<meta http-equiv="refresh" content="0;url=javascript:alert(34)">'),
    Hostile(35, "<form action=javascript:alert(35)><button>提交</button></form>"),
    Hostile(36, '<object data="javascript:alert(36)"></object>'),
    Hostile(37, '<embed src="javascript:alert(37)">'),
    Hostile(38, "<video><source onerror=alert(38)></video>"),
    Hostile(39, "<marquee onstart=alert(39)>滚动</marquee>"),
    Hostile(40, "<input autofocus onfocus=alert(40)>"),
    Hostile(41, "<select autofocus onfocus=alert(41)></select>"),
    Hostile(42, "<scr<script>ipt>alert(42)</scr</script>ipt>"),
    Hostile(43, '<svg><a xlink:href="javascript:alert(43)"><text>x</text></a></svg>'),
    Hostile(44, "java&#x09;script:alert(44)"),
    Hostile(45, "JaVaScRiPt:alert(45)"),
    Hostile(46, '<a href="https://example.com/" onclick=alert(46)>链接</a>'),
    Hostile(47, '" onmouseover="alert(47)'),
    Hostile(48, "</style><script>alert(48)</script>"),
    Hostile(49, "<template><script>alert(49)</script></template>"),
    Hostile(50, "＜script＞alert(50)＜/script＞"),
    Hostile(51, "<img src=x onerror=alert(51)"),
    Hostile(52, "\u202e<img src=x onerror=alert(52)>"),
    Hostile(53, "冒充公检法\x7f<img src=x onerror=alert(53)>"),
    Hostile(54, "\x1b[31m<script>alert(54)</script>"),
    Hostile(55, "<div markdown>*x*<img src=x onerror=alert(55)></div>"),
    Hostile(56, "`<img src=x onerror=alert(56)>`"),
    Hostile(57, "<a href='vbscript:alert(57)'>x</a>"),
    Hostile(58, "<svg onload=alert&#40;58&#41;>"),
    Hostile(59, '<img src=x onerror="&#97;lert(59)">'),
    Hostile(60, "&lt;script&gt;alert(60)&lt;/script&gt;"),
    Hostile(61, "]]></script><script>alert(61)</script>"),
    Hostile(62, "<img src=x onerror=alert(62)>\u200b零\u200b风\u200b险"),
    Hostile(63, "<<script>alert(63)//<</script>"),
    Hostile(64, "<svg><animate onbegin=alert(64) attributeName=x dur=1s>"),
    Hostile(65, "{{ 7*7 }} {% if true %}模板{% endif %}", reported=False),
    Hostile(66, "${alert(66)} #{alert(66)}", reported=False),
    Hostile(67, "%3Cscript%3Ealert(67)%3C%2Fscript%3E", reported=False),
    Hostile(68, "收益 < 成本 > 0 & \"利息\" 'x' `y` | z \\ 7*7", reported=False),
    Hostile(69, "\u2028分行\u2029通知 alert(69)", reported=False),
]
URL_PAYLOADS = [
    Hostile(101, "javascript:alert(101)"),
    Hostile(102, "data:text/html,<script>alert(102)</script>"),
    Hostile(103, "JaVaScRiPt:alert(103)"),
    Hostile(104, "java&#x09;script:alert(104)"),
    Hostile(105, 'https://example.com/" onclick="alert(105)'),
    Hostile(106, "https://example.com/<script>alert(106)</script>"),
    Hostile(107, "https://example.com/%3Cscript%3Ealert(107)%3C/script%3E", reported=False),
]
SHORT = [p for p in PAYLOADS if len(p.text) <= 40]  # an SMS must fit one message (70 characters)

LOGO = "images/lo\"go'<x>.png"  # a file name with quotes and angle brackets
PHOTO = 'images/atm" onerror="alert(201).png'


@dataclass(frozen=True)
class Placement:
    file: str  # from the project root
    path: tuple  # the key path in the file
    value: str  # the whole value as written
    payload: Hostile


class _Slots:
    """Hands out payloads in turn, so every payload lands in some field and every field gets several."""

    def __init__(self) -> None:
        self.turn = {"any": 0, "url": 0, "short": 0}
        self.placed: list[Placement] = []

    def take(self, file: str, path: tuple, kind: str = "any", wrap: str = "{}") -> str:
        pool = {"any": PAYLOADS, "url": URL_PAYLOADS, "short": SHORT}[kind]
        payload = pool[self.turn[kind] % len(pool)]
        self.turn[kind] += 1
        value = wrap.format(payload.text) if kind == "any" else payload.text
        self.placed.append(Placement(file, path, value, payload))
        return value


def write_hostile_project(root: Path) -> list[Placement]:
    """Replace the sample content of a copied project by hostile content; return where each value went."""
    content = root / "content"
    for folder in ("cases", "themes"):
        shutil.rmtree(content / folder)
        (content / folder).mkdir()
    Image.new("RGB", (120, 40), (183, 28, 28)).save(content / LOGO)
    Image.new("RGB", (160, 90), (30, 60, 160)).save(content / PHOTO)
    slots = _Slots()
    cases = [(f"hostile-{n}", lang) for n in range(1, 9) for lang in ["zh", "zh", "ko", "en"][n % 4 : n % 4 + 1]]
    for case_id, lang in cases:
        _write_case(content, case_id, lang, slots)
    _write_theme(content, slots, {lang: [c for c, l in cases if l == lang] for lang in ("zh", "ko")})
    _write_site(content, slots)
    assert {p.payload.n for p in slots.placed} >= {p.n for p in PAYLOADS + URL_PAYLOADS}, "every payload is used"
    return slots.placed


def yaml_text(value: str) -> str:
    """A YAML double-quoted scalar for any text (JSON, with what YAML may not hold raw written as \\u escapes)."""
    text = json.dumps(value, ensure_ascii=False)
    return re.sub(
        "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", lambda m: f"\\u{ord(m[0]):04x}", text
    )


def _write_case(content: Path, case_id: str, lang: str, slots: _Slots) -> None:
    name = f"{case_id}.yaml" if lang == "zh" else f"{case_id}.{lang}.yaml"
    file = f"content/cases/{name}"

    def q(path: tuple, kind: str = "any", wrap: str = "{}") -> str:
        return yaml_text(slots.take(file, path, kind, wrap))

    story = slots.take(file, ("story",), wrap="有人自称客服来电。\n{}\n请拨打官方电话核实。")
    story_block = "story: |\n" + "".join(f"  {line}\n" for line in story.splitlines())
    if any((ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029" for c in story):
        story_block = f"story: {yaml_text(story)}\n"
    text = (
        f"title: {q(('title',), wrap='hostile 退税 {}')}\n"
        "category: telecom-fraud\n"
        "audience: [elderly]\n"
        f"summary: {q(('summary',), wrap='有人来电称可退税，{}')}\n"
        f"{story_block}"
        "red_flags:\n"
        + "".join(f"  - {q(('red_flags', i), wrap='来电要求到ATM操作{}')}\n" for i in range(3))
        + "advice:\n"
        + "".join(f"  - {q(('advice', i))}\n" for i in range(2))
        + f"slogan: {q(('slogan',), wrap='转账前{}')}\n"
        f"sms: {q(('sms',), 'short')}\n"
        f"image: {yaml_text(PHOTO)}\n"
        f"source: {q(('source',))}\n"
        "references:\n"
        f"  - title: {q(('references', 0, 'title'))}\n"
        f"    url: {q(('references', 0, 'url'), 'url')}\n"
        "review:\n"
        "  status: approved\n"
        f"  number: {q(('review', 'number'))}\n"
        f"  reviewer: {q(('review', 'reviewer'))}\n"
        "  date: 2026-11-02\n"
    )
    (content / "cases" / name).write_text(text, encoding="utf-8")


def _write_theme(content: Path, slots: _Slots, case_ids: dict[str, list[str]]) -> None:
    for lang, listed in case_ids.items():
        name = "2026-11.yaml" if lang == "zh" else f"2026-11.{lang}.yaml"
        file = f"content/themes/{name}"
        text = (
            f"title: {yaml_text(slots.take(file, ('title',), wrap='hostile 月度主题 {}'))}\n"
            f"intro: {yaml_text(slots.take(file, ('intro',), wrap='本月主题：{}'))}\n"
            f"cases: {json.dumps(listed)}\n"
            "slogans:\n"
            + "".join(f"  - {yaml_text(slots.take(file, ('slogans', i), wrap='转账前多核实{}'))}\n" for i in range(2))
        )
        (content / "themes" / name).write_text(text, encoding="utf-8")


def _write_site(content: Path, slots: _Slots) -> None:
    file = "content/site.yaml"

    def q(path: tuple, kind: str = "any", wrap: str = "{}") -> str:
        return yaml_text(slots.take(file, path, kind, wrap))

    def localized(path: tuple, wrap: str = "{}", en: str | None = None) -> str:
        english = yaml_text(en) if en else q((*path, "en"))
        return "{zh: " + q((*path, "zh"), wrap=wrap) + ", ko: " + q((*path, "ko")) + ", en: " + english + "}"

    lines = {
        r"^name: .*$": "name: " + localized(("name",), wrap="金融教育{}"),
        r"^organization: .*$": "organization: " + localized(("organization",), wrap="示范银行{}"),
        r"^url: .*$": "url: " + q(("url",), "url"),
        r"^    zh: 示范银行消费者权益保护部.*$": "    zh: " + q(("complaint", "address", "zh")),
        r"^  hours: .*$": "  hours: {zh: " + q(("complaint", "hours", "zh")) + "}",
        r"^  web: .*$": "  web: {zh: " + q(("complaint", "web", "zh")) + "}",
        r"^  logo: .*$": f"  logo: {yaml_text(LOGO)}",
        r"^  telecom-fraud: .*$": "  telecom-fraud: " + localized(("categories", "telecom-fraud"), en="Telecom fraud"),
        r"^  elderly: .*$": "  elderly: " + localized(("audiences", "elderly"), en="Older people"),
    }
    site = (content / "site.yaml").read_text(encoding="utf-8")
    for pattern, line in lines.items():
        site = re.sub(pattern, lambda _, line=line: line, site, count=1, flags=re.M)
    (content / "site.yaml").write_text(site, encoding="utf-8")
