"""Which slides a month has on a display in a language, with every text already fitted to its box."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.cache import code_digest, write_atomic
from generator.model import CaseVersion, Content, Display, ThemeVersion
from generator.problems import SLIDES, Problems, display_scope
from generator.publication import Publication
from generator.slides.fit import Fitted, break_lines, fit_text
from generator.slides.fonts import FontFace, face_for, fallback_faces, find_face, missing_characters, pillow_font
from generator.slides.layout import Layer, Layout, layout_for, min_sizes

LINE_HEIGHT = 1.25
PADDING = 0.025  # inside a filled band, as a fraction of the display height
HANG = "\u2003\u2002"  # em space + en space: about the width of the bullet "■ "


@dataclass(frozen=True)
class Block:
    role: str
    box: tuple[int, int, int, int]  # x, y, w, h in pixels: the text area
    fill_box: tuple[int, int, int, int] | None
    fill: str | None
    color: str
    size: int
    lines: tuple[str, ...]
    align: str
    valign: str


@dataclass(frozen=True)
class SlidePlan:
    name: str  # NN-kind-id.ext
    kind: str
    case: str | None
    valid_until: str | None
    seconds: int
    width: int
    height: int
    format: str
    mono: bool
    background: str
    safe: tuple[int, int, int, int]
    blocks: tuple[Block, ...]
    faces: tuple[FontFace, ...]
    text: str = field(default="", compare=False)

    def key(self) -> str:
        """Digest of everything that decides the pixels: text, layout, size, fonts (and their files)."""
        data = asdict(self)
        data.pop("text")
        data["fonts"] = [(f.path, os.stat(f.path).st_mtime_ns) for f in self.faces]
        data["code"] = code_digest("slides/render.py", "slides/plan.py", "slides/fonts.py", "lib:pillow")  # drawing
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:24]


class FitMemo:
    """Fitted texts from earlier builds: fitting is pure (text, box, sizes, font files in, lines out), and a
    rebuild fits the same few thousand texts again, twice (the check, then the slides). Kept as JSON."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.known: dict[str, list | None] = {}
        self.used: set[str] = set()
        self.added = False
        if file is not None:
            try:
                data = json.loads(file.read_text(encoding="utf-8"))
                if data.get("version") == _fit_code():
                    self.known = data["fits"]
            except (OSError, ValueError, KeyError, AttributeError):
                pass

    def get(self, key: tuple, compute) -> Fitted | None:
        digest = hashlib.sha1(json.dumps(key, ensure_ascii=False, default=str).encode()).hexdigest()
        self.used.add(digest)
        if digest in self.known:
            found = self.known[digest]
            return Fitted(found[0], list(found[1])) if found else None
        fitted = compute()
        self.known[digest] = [fitted.size, fitted.lines] if fitted else None
        self.added = True
        return fitted

    def save(self) -> None:
        if self.file is None or not self.added:
            return
        kept = {k: v for k, v in self.known.items() if k in self.used}
        write_atomic(self.file, json.dumps({"version": _fit_code(), "fits": kept}, ensure_ascii=False))
        self.added = False


def _fit_code() -> str:
    """Fitting's own code: change how texts are fitted and every fit is done again."""
    return code_digest("slides/plan.py", "slides/fit.py", "slides/fonts.py", "slides/layout.py", "lib:pillow")


@dataclass
class Planner:
    content: Content
    layouts: dict[str, Layout]
    labels: dict[str, dict[str, str]]
    sources: dict  # file -> Source, for pointing problems at their line
    today: dt.date
    fonts: dict[str, str] = field(default_factory=dict)  # lang -> font file override
    problems: Problems = field(default_factory=Problems)
    memo: FitMemo = field(default_factory=lambda: FitMemo(None))

    # -- public ---------------------------------------------------------------

    def month(self, display_name: str, display: Display, theme: ThemeVersion) -> list[SlidePlan]:
        lang = theme.lang
        layout = layout_for(display, self.layouts, display_name)
        faces = tuple(fallback_faces(find_face(lang, override=self.fonts.get(lang))))
        ctx = _Context(self, display_name, display, layout, faces, lang)
        cases = [c for c in (self.content.case(i, lang) for i in theme.theme.cases) if c and self.eligible(c)]
        plans: list[SlidePlan | None] = []
        if display.kind == "strip":
            for i, slogan in enumerate(theme.theme.slogans):
                plans.append(ctx.line(slogan, (theme.file, ("slogans", i)), f"slogan-{i + 1}"))
            for version in cases:
                ref, name = (version.file, ("slogan",)), f"case-{version.id}"
                if version.case.slogan:
                    plans.append(ctx.line(version.case.slogan, ref, name, version))
                else:  # the title, if it happens to fit one line; otherwise the case has no strip slide
                    ctx.optional = True
                    plans.append(ctx.line(version.case.title, (version.file, ("title",)), name, version))
                    ctx.optional = False
        else:
            plans.append(ctx.cover(theme))
            for version in cases:
                plans += ctx.case(version)
            for i, slogan in enumerate(theme.theme.slogans):
                plans.append(ctx.slogan(slogan, (theme.file, ("slogans", i)), i))
        numbered = []
        for plan in (p for p in plans if p is not None):
            numbered.append(_renumber(plan, len(numbered) + 1))
        return numbered

    def eligible(self, version: CaseVersion) -> bool:
        return Publication(self.today).on_screens(version)

    def point(self, file: str, path: tuple, text: str | None = None, offset: int = 0, length: int = 0):
        source = self.sources.get(file)
        if source is None:
            return (1, 1)
        if text is not None and length:
            return source.locate(path, text, offset, length)
        return source.position(path)


def _renumber(plan: SlidePlan, number: int) -> SlidePlan:
    return SlidePlan(**{**plan.__dict__, "name": f"{number:02d}-{plan.name}"})


class _Context:
    """One display, one language: turns texts into fitted blocks, or problems."""

    def __init__(self, planner: Planner, display_name: str, display: Display, layout: Layout, faces, lang: str):
        self.p, self.name, self.display, self.layout, self.faces, self.lang = (
            planner,
            display_name,
            display,
            layout,
            faces,
            lang,
        )
        self.t = {**planner.labels.get("en", {}), **planner.labels.get(lang, {})}
        self.site = planner.content.site
        self.min = min_sizes(display)
        w, h = display.width, display.height
        mx, my = round(layout.margin * w), round(layout.margin * h)
        self.safe = (mx, my, w - 2 * mx, h - 2 * my)
        self.optional = False  # a text that may be left out (a title standing in for a missing slogan)
        self.font_key = [(f.path, f.index, os.stat(f.path).st_mtime_ns) for f in faces]

    # -- slides ---------------------------------------------------------------

    def cover(self, theme: ThemeVersion) -> SlidePlan | None:
        org = self.site.text(self.site.organization, self.lang) or ""
        texts = {
            "header": (org, ("content/site.yaml", ("organization",))),
            "title": (theme.theme.title, (theme.file, ("title",))),
            "subtitle": (
                f"{self.t['checkup_day']}{self.t['sep']}{theme.checkup_day.isoformat()}",
                (theme.file, ("checkup_day",)),
            ),
            "footer": (self.footer(), ("content/site.yaml", ("hotline",))),
        }
        return self.slide("cover", theme.month, texts, None)

    def case(self, version: CaseVersion) -> list[SlidePlan]:
        """One slide, or more when the red flags need more room: every flag reaches the screen, in order, and
        every slide shows advice #1."""
        case = version.case
        org = self.site.text(self.site.organization, self.lang) or ""
        category = self.site.category_name(case.category, self.lang)
        groups = self.flag_groups(version)
        if groups is None:
            return []
        plans = []
        for number, group in enumerate(groups, 1):
            part = f" · {number}/{len(groups)}" if len(groups) > 1 else ""
            texts = {
                "header": (f"{org} · {category}{part}", ("content/site.yaml", ("organization",))),
                "title": (case.title, (version.file, ("title",))),
                "flags": ([case.red_flags[i] for i in group], (version.file, ("red_flags", group[0]))),
                "advice": (
                    f"{self.t['slide_advice']}{self.t['sep']}{case.advice[0]}" if case.advice else "",
                    (version.file, ("advice", 0)),
                ),
                "footer": (self.footer(), ("content/site.yaml", ("hotline",))),
                "review": (
                    version.review_line(self.site.review_line_for(self.lang, self.t["review"] + self.t["sep"])),
                    (version.file, ("review", "number")),
                ),
            }
            if not case.advice:
                del texts["advice"]
            ident = version.id if number == 1 else f"{version.id}-{number}"
            plan = self.slide("case", ident, texts, version)
            if plan is None:
                return []  # a title or advice #1 that cannot be shown: the problem says which
            plans.append(plan)
        return plans

    def flag_groups(self, version: CaseVersion) -> list[list[int]] | None:
        """The red flags in slide-sized groups, in order: as many on a slide as fit at a legible size. None, with
        a problem naming the flag, if one flag alone does not fit the layout's box."""
        flags = list(version.case.red_flags)
        layer = next((layer for layer in self.layout.slides["case"] if layer.role == "flags"), None)
        if layer is None or not flags:
            return [[]] if not flags else [list(range(len(flags)))]
        box = self.box(layer)
        low, high = self.min[layer.size], max(self.min[layer.size], round(layer.max * self.display.height))
        groups: list[list[int]] = []
        start = 0
        while start < len(flags):
            end = len(flags)
            while end > start and self.fit(layer, flags[start:end], box, low, high) is None:
                end -= 1
            if end == start:
                ref = (version.file, ("red_flags", start))
                self.too_long(layer, flags[start], ref, low, item=f"red flag {start + 1}")
                return None
            groups.append(list(range(start, end)))
            start = end
        return groups

    def slogan(self, slogan: str, ref, index: int) -> SlidePlan | None:
        org = self.site.text(self.site.organization, self.lang) or ""
        texts = {
            "header": (org, ("content/site.yaml", ("organization",))),
            "slogan": (slogan, ref),
            "footer": (self.footer(), ("content/site.yaml", ("hotline",))),
        }
        return self.slide("slogan", str(index + 1), texts, None)

    def line(self, text: str, ref, name: str, version: CaseVersion | None = None) -> SlidePlan | None:
        plan = self.slide("line", name, {"line": (text, ref)}, version)
        return plan

    def footer(self) -> str:
        org = self.site.text(self.site.organization, self.lang) or ""
        return f"{self.t['hotline']} {self.site.hotline} · {org}"

    # -- fitting --------------------------------------------------------------

    def slide(self, kind: str, ident: str, texts: dict, version: CaseVersion | None) -> SlidePlan | None:
        layers = self.layout.slides["line" if kind == "line" else kind]
        blocks: list[Block] = []
        ok = True
        for layer in layers:
            if layer.role not in texts:
                continue
            text, ref = texts[layer.role]
            block = self.block(layer, text, ref)
            if block is None:
                ok = False
            else:
                blocks.append(block)
        if not ok:
            return None
        shown = " ".join(line for b in blocks if b.role not in ("header", "footer", "review") for line in b.lines)
        seconds = self.display.seconds or max(8, round(len(shown) / 4 + 2))
        fmt = self.display.format
        prefix = "line" if kind == "line" else kind
        return SlidePlan(
            name=f"{prefix}-{ident}.{fmt}" if kind != "line" else f"{ident}.{fmt}",
            kind="strip" if kind == "line" else kind,
            case=version.id if version else None,
            valid_until=version.case.valid_until.isoformat() if version and version.case.valid_until else None,
            seconds=seconds,
            width=self.display.width,
            height=self.display.height,
            format=fmt,
            mono=self.display.colors == "mono",
            background=self.layout.background,
            safe=self.safe,
            blocks=tuple(blocks),
            faces=self.faces,
            text=shown,
        )

    def box(self, layer: Layer) -> tuple[int, int, int, int]:
        """The layer's text area in pixels (inside its band's padding, if it has a filled band)."""
        box = self.outer_box(layer)
        if layer.fill:
            pad = round(PADDING * self.display.height)
            box = (box[0] + pad, box[1] + pad // 2, box[2] - 2 * pad, box[3] - pad)
        return box

    def outer_box(self, layer: Layer) -> tuple[int, int, int, int]:
        sx, sy, sw, sh = self.safe
        x, y, w, h = layer.box
        return (sx + round(x * sw), sy + round(y * sh), round(w * sw), round(h * sh))

    def block(self, layer: Layer, text: str | list[str], ref) -> Block | None:
        fill_box = self.outer_box(layer) if layer.fill else None
        box = self.box(layer)
        if not self.glyphs_ok(text, ref):
            return None
        low = self.min[layer.size]
        high = max(low, round(layer.max * self.display.height))
        fitted = self.fit(layer, text, box, low, high)
        if fitted is None:
            item = {"advice": "advice 1", "title": "the title", "slogan": "the slogan"}.get(layer.role, "")
            self.too_long(layer, text, ref, low, item=item)
            return None
        return Block(
            layer.role,
            box,
            fill_box,
            layer.fill,
            layer.color,
            fitted.size,
            tuple(fitted.lines),
            layer.align,
            layer.valign,
        )

    def fit(self, layer: Layer, text: str | list[str], box, low: int, high: int) -> Fitted | None:
        key = (self.font_key, layer.size, layer.role, layer.bullet, text, box[2], box[3], low, high)
        return self.p.memo.get(key, lambda: self.fit_now(layer, text, box, low, high))

    def fit_now(self, layer: Layer, text: str | list[str], box, low: int, high: int) -> Fitted | None:
        _, _, w, h = box
        max_lines = 1 if layer.size == "line" or layer.role in ("header", "footer", "review") else None
        if isinstance(text, str):
            return fit_text(
                text,
                w,
                h,
                self.measure_at,
                max_size=high,
                min_size=low,
                max_lines=max_lines,
                line_height=1.0 if layer.size == "line" else LINE_HEIGHT,
            )
        return self.fit_list([(layer.bullet, item) for item in text], w, h, low, high)

    def fit_list(self, items: list[tuple[str, str]], width: int, height: int, low: int, high: int) -> Fitted | None:
        best = None
        while low <= high:
            size = (low + high) // 2
            measure = self.measure_at(size)
            lines: list[str] = []
            for bullet, item in items:
                indent = measure(bullet)
                broken = break_lines(item, width - indent, measure)
                if broken is None:
                    lines = []
                    break
                # Continuation lines hang under the text, not under the bullet.
                lines += [bullet + broken[0]] + [HANG + line for line in broken[1:]]
            if lines and len(lines) * size * LINE_HEIGHT <= height + size * (LINE_HEIGHT - 1):
                best, low = Fitted(size, lines), size + 1
            else:
                high = size - 1
        return best

    def measure_at(self, size: int):
        width = text_widths(self.faces)
        scale = size / REFERENCE_SIZE

        def measure(text: str) -> float:
            return width(text) * scale

        return measure

    # -- problems -------------------------------------------------------------

    def glyphs_ok(self, text: str | list[str], ref) -> bool:
        items = [text] if isinstance(text, str) else text
        ok = True
        for i, item in enumerate(items):
            for offset in missing_characters(item, list(self.faces)):
                ch = item[offset]
                file, path = ref if ref else ("content/site.yaml", ())
                if not isinstance(text, str):
                    path = (*path, i)
                line, column = self.p.point(file, path, item, offset, 1)
                self.p.problems.add(
                    file,
                    line,
                    column,
                    "missing-glyph",
                    f"the character '{ch}' (U+{ord(ch):04X}) is in no installed font, so a lobby screen would "
                    "show an empty box: its slides are left out (the site and the app show it); remove the "
                    "character or install a font that has it",
                    scope=SLIDES,
                )
                ok = False
        return ok

    def too_long(self, layer: Layer, text: str | list[str], ref, low: int, item: str = "") -> None:
        file, path = ref if ref else ("content/site.yaml", ())
        line, column = self.p.point(file, path)
        what = "one line" if layer.size == "line" else f"its box at the smallest legible size ({low} px)"
        size = f"{self.name} display ({self.display.width}×{self.display.height})"
        if self.optional:
            message = (
                f"there is no slogan and the title does not fit one line of the {size}; "
                "add a short `slogan:` to show this case on the strip"
            )
            self.p.problems.add(
                file, line, column, "too-long", message, severity="warning", scope=display_scope(self.name)
            )
            return
        self.p.problems.add(
            file,
            line,
            column,
            "too-long",
            f"{item or 'too long'}{' is too long' if item else ''} for the {size}: it does not fit {what}, so "
            "that slide is left out (the rest is published); shorten it",
            scope=display_scope(self.name),
        )


REFERENCE_SIZE = 200
INVISIBLE = set("\ufe0e\ufe0f\u200d\u200b")  # emoji and text presentation selectors, joiners: not drawn
SAFETY = 1.02  # advances scale with size; keep a hair of room for hinting at small sizes


class TextWidths:
    """Widths at REFERENCE_SIZE of texts drawn with one chain of faces, remembered: fitting a thousand cases
    measures a few hundred thousand texts, mostly the same lines again at other sizes (widths scale)."""

    def __init__(self, faces: tuple[FontFace, ...]) -> None:
        self.faces = faces
        self.known: dict[str, float] = {}
        self.face_of: dict[str, FontFace] = {}

    def __call__(self, text: str) -> float:
        width = self.known.get(text)
        if width is None:
            width = SAFETY * sum(pillow_font(face, REFERENCE_SIZE).getlength(run) for face, run in self.runs(text))
            self.known[text] = width
        return width

    def runs(self, text: str) -> list[tuple[FontFace, str]]:
        """Runs drawn with the same font: the first face in the chain that has each character."""
        out: list[tuple[FontFace, str]] = []
        for ch in text:
            if ch in INVISIBLE:
                continue  # a fallback font would draw ☎️'s variation selector as a dotted circle
            face = self.face_of.get(ch)
            if face is None:
                face = self.face_of[ch] = face_for(ch, list(self.faces)) or self.faces[0]
            if out and out[-1][0] == face:
                out[-1] = (face, out[-1][1] + ch)
            else:
                out.append((face, ch))
        return out


@lru_cache(maxsize=64)
def text_widths(faces: tuple[FontFace, ...]) -> TextWidths:
    return TextWidths(faces)


def runs(text: str, faces) -> list[tuple[FontFace, str]]:
    return text_widths(tuple(faces)).runs(text)


def describe(plan: SlidePlan) -> dict:
    return {
        "file": plan.name,
        "seconds": plan.seconds,
        "kind": plan.kind,
        "case": plan.case,
        "valid_until": plan.valid_until,
        # The text as drawn, line by line: for LED controllers that take text, and for screen readers.
        "text": [{"role": b.role, "size": b.size, "lines": list(b.lines)} for b in plan.blocks],
    }
