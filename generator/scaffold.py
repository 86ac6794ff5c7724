"""`casecast new case ID`, `casecast new theme YYYY-MM` and `casecast new alert ID`: a commented file to fill in,
in the file's language.

The comments and the example are in the language of the file being written (generator/templates/, one per
language Casecast speaks; any other language gets the English one). A translation starts from what does not
change between languages: a case's category and audience, a theme's cases, an alert's level and times, copied
from the default-language file when there is one."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import yaml

from generator.i18n import LANGUAGES, _
from generator.model import DEFAULT_ZONES, third_wednesday

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MONTH = re.compile(r"^(?:19|20)\d{2}-(?:0[1-9]|1[0-2])$")
TEMPLATES = Path(__file__).resolve().parent / "templates"

# The end-of-line comments that depend on what was found, in the file's own language.
NOTES = {
    "zh": {
        "category": "从下列中选一个：{choices}",
        "audience": "可多选：{choices}",
        "cases": "本月案例的编号，按页面和屏幕上的顺序，例如：[fake-tax-refund, card-renting]",
        "copied": "取自 {file}",
        "level": "级别：caution（注意）、warning（警告）、danger（危险）",
        "from": "开始：年-月-日 时:分（本站时区；别的时区在后面加 +08:00）",
        "until": "结束：从这一刻起不再显示；只写日期就到当天结束",
    },
    "ko": {
        "category": "다음 중 하나: {choices}",
        "audience": "여러 개 가능: {choices}",
        "cases": "이달 사례의 id, 화면에 나올 순서대로. 예: [fake-tax-refund, card-renting]",
        "copied": "{file}에서 가져옴",
        "level": "등급: caution (주의), warning (경고), danger (위험)",
        "from": "시작: 년-월-일 시:분 (사이트 시간대. 다른 시간대면 뒤에 +09:00)",
        "until": "끝: 이 시각부터 나오지 않음. 날짜만 쓰면 그날 끝까지",
    },
    "en": {
        "category": "one of: {choices}",
        "audience": "any of: {choices}",
        "cases": "the ids of this month's cases, in page and screen order, e.g. [fake-tax-refund, card-renting]",
        "copied": "copied from {file}",
        "level": "caution, warning or danger",
        "from": "start: YYYY-MM-DD HH:MM, in the site's time zone (or add +08:00)",
        "until": "end: not shown from then on; a day alone: through that day",
    },
}
COMMENT_AT = 33  # the column where the templates' end-of-line comments start


class ScaffoldError(Exception):
    pass


def new_case(root: Path, case_id: str, lang: str | None = None) -> Path:
    if not ID.match(case_id):
        raise ScaffoldError(
            _(
                "'{id}' cannot be a case id: use lower-case letters, digits and hyphens, e.g. fake-tax-refund",
                id=case_id,
            )
        )
    site = _read_site(root)
    lang, default = _language(site, lang)
    path = _target(root, "cases", case_id, lang, default)
    words = NOTES[_template_language(lang)]
    original = _read_default(root, "cases", case_id) if lang != default else {}
    copied = words["copied"].format(file=f"content/cases/{case_id}.yaml")
    category, audience = original.get("category"), original.get("audience")
    if isinstance(category, str) and category in (site.get("categories") or {}):
        category_line, category_note = category, copied
    else:
        category_line, category_note = "TODO", words["category"].format(choices=", ".join(site.get("categories") or {}))
    if isinstance(audience, list) and audience and all(isinstance(a, str) and a != "TODO" for a in audience):
        audience_line, audience_note = f"[{', '.join(audience)}]", copied
    else:
        choices = ", ".join(site.get("audiences") or {}) or "…"
        audience_line, audience_note = "[TODO]", words["audience"].format(choices=choices)
    today = dt.date.today()
    text = _template("case", lang).format(
        rel=_rel(path, root),
        approve=f"casecast approve {case_id}" + ("" if lang == default else f" --lang {lang}"),
        category=category_line,
        category_note=_comment("category: " + category_line, category_note),
        audience=audience_line,
        audience_note=_comment("audience: " + audience_line, audience_note),
        year=today.year,
        next_year=today.year + 1,
        today=today.isoformat(),
    )
    return _write(path, text)


def new_theme(root: Path, month: str, lang: str | None = None) -> Path:
    if not MONTH.match(month):
        raise ScaffoldError(_("'{month}' is not a month written YYYY-MM, e.g. 2026-03", month=month))
    site = _read_site(root)
    lang, default = _language(site, lang)
    path = _target(root, "themes", month, lang, default)
    words = NOTES[_template_language(lang)]
    original = _read_default(root, "themes", month) if lang != default else {}
    cases = original.get("cases")
    if isinstance(cases, list) and cases and all(isinstance(c, str) for c in cases):
        cases_line, cases_note = f"[{', '.join(cases)}]", words["copied"].format(file=f"content/themes/{month}.yaml")
    else:
        cases_line, cases_note = "[]", words["cases"]
    year, number = (int(part) for part in month.split("-"))
    text = _template("theme", lang).format(
        month=month,
        rel=_rel(path, root),
        cases=cases_line,
        cases_note=_comment("cases: " + cases_line, cases_note),
        checkup_day=third_wednesday(year, number).isoformat(),
    )
    return _write(path, text)


def new_alert(root: Path, alert_id: str, lang: str | None = None) -> Path:
    if not ID.match(alert_id):
        raise ScaffoldError(
            _(
                "'{id}' cannot be an alert id: use lower-case letters, digits and hyphens, e.g. phishing-wave",
                id=alert_id,
            )
        )
    site = _read_site(root)
    lang, default = _language(site, lang)
    path = _target(root, "alerts", alert_id, lang, default)
    words = NOTES[_template_language(lang)]
    original = _read_default(root, "alerts", alert_id) if lang != default else {}
    copied = words["copied"].format(file=f"content/alerts/{alert_id}.yaml")
    now = dt.datetime.now(_zone(site, default)).replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
    values = {
        "level": "TODO",
        "start": now.strftime("%Y-%m-%d %H:%M"),
        "end": (now + dt.timedelta(days=7)).strftime("%Y-%m-%d 18:00"),
    }
    notes = {}
    for key, field in (("level", "level"), ("start", "from"), ("end", "until")):
        value = original.get(field)
        if isinstance(value, (str, dt.date)) and str(value) and not str(value).startswith("TODO"):
            values[key] = value.isoformat(sep=" ") if isinstance(value, dt.datetime) else str(value)
            notes[key] = copied
        else:
            notes[key] = words[field]
    text = _template("alert", lang).format(
        rel=_rel(path, root),
        approve=f"casecast approve {alert_id}"
        + (" --alert" if (root / "content/cases" / path.name).exists() else "")  # a case of that name too
        + ("" if lang == default else f" --lang {lang}"),
        **values,
        **{
            f"{key}_note": _comment(f"{field}: {values[key]}", notes[key])
            for key, field in (("level", "level"), ("start", "from"), ("end", "until"))
        },
    )
    return _write(path, text)


# -----------------------------------------------------------------------------
# helpers
# -----------------------------------------------------------------------------


def _language(site: dict, lang: str | None) -> tuple[str, str]:
    languages = [str(x) for x in site.get("languages") or ["zh"]]
    lang = lang or languages[0]
    if lang not in languages:
        raise ScaffoldError(
            _(
                "'{lang}' is not one of the site's languages ({languages}) in content/site.yaml",
                lang=lang,
                languages=", ".join(languages),
            )
        )
    return lang, languages[0]


def _target(root: Path, folder: str, name: str, lang: str, default: str) -> Path:
    path = root / "content" / folder / (f"{name}.yaml" if lang == default else f"{name}.{lang}.yaml")
    if path.exists():
        raise ScaffoldError(_("{file} already exists; nothing was written", file=_rel(path, root)))
    return path


def _zone(site: dict, default: str) -> dt.tzinfo:
    """The site's time zone as site.yaml says (generator.model.Site.zone), read from the raw file."""
    name = site.get("timezone") or DEFAULT_ZONES.get(default)
    try:
        return zoneinfo.ZoneInfo(str(name)) if name else dt.UTC
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def _template_language(lang: str) -> str:
    return lang if lang in LANGUAGES else "en"


def _template(kind: str, lang: str) -> str:
    return (TEMPLATES / f"{kind}.{_template_language(lang)}.yaml").read_text(encoding="utf-8")


def _comment(line: str, note: str) -> str:
    """An end-of-line comment lined up with the template's others."""
    return " " * max(1, COMMENT_AT - len(line)) + "# " + note


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _read_site(root: Path) -> dict:
    try:
        data = yaml.safe_load((root / "content" / "site.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        raise ScaffoldError(_("content/site.yaml cannot be read; run 'casecast check' to see why")) from None
    return data if isinstance(data, dict) else {}


def _read_default(root: Path, folder: str, name: str) -> dict:
    """The default-language file of the same case or month, if it can be read (a broken one: nothing copied)."""
    try:
        data = yaml.safe_load((root / "content" / folder / f"{name}.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}
