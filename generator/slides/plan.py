"""Which slides a month has on a display in a language, with every text already fitted to its box."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, urljoin

from generator.addresses import is_public
from generator.alert import AlertVersion, by_urgency, start_of
from generator.i18n import N_, _
from generator.model import CaseVersion, Content, Display, ThemeVersion
from generator.problems import SLIDES, Problems, display_scope
from generator.publication import Publication
from generator.slides.alerts import alert_slides, interleave
from generator.slides.fit import Fitted, break_lines, fit_text
from generator.slides.fonts import bitmap_face, fallback_faces, find_face, missing_characters
from generator.slides.layout import Layer, Layout, layout_for, min_sizes
from generator.slides.measure import REFERENCE_SIZE, text_widths
from generator.slides.memo import FitMemo
from generator.slides.slide import LINE_HEIGHT, Block, Picture, SlidePlan

PADDING = 0.025  # inside a filled band, as a fraction of the display height
BITMAP_UP_TO = 64  # px: mono strips lower than this are drawn with a 16-px bitmap font, scaled by whole pixels
HANG = "\u2003\u2002"  # em space + en space: about the width of the bullet "■ "


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
    root: Path | None = None  # the project: where the logo and the cases' pictures are (None: no pictures)
    now: dt.datetime | None = None  # the build's moment: which alerts are live
    _alerts: dict[tuple[str, str], list[SlidePlan]] = field(default_factory=dict, init=False, repr=False)

    # -- public ---------------------------------------------------------------

    def month(self, display_name: str, display: Display, theme: ThemeVersion) -> list[SlidePlan]:
        """The month's slides, the live alerts first and again after every `alert_every` slides."""
        ctx = self.context(display_name, display, theme.lang)
        plans = [p for p in self.month_slides(ctx, theme) if p is not None]
        plans = interleave(self.alerts(display_name, display, theme.lang), plans, self.content.site.alert_every)
        return [_renumber(plan, n) for n, plan in enumerate(plans, 1)]

    def alerts(self, display_name: str, display: Display, lang: str) -> list[SlidePlan]:
        """The slides of the alerts live now in `lang`, the most urgent first (planned once per display and
        language). Approved alerts still to come are fitted too, so that one too long is said before it starts."""
        key = (display_name, lang)
        if key not in self._alerts:
            publication = Publication(self.today, now=self.now)
            ctx = self.context(display_name, display, lang)
            shown: list[SlidePlan] = []
            for version in by_urgency(self.content.alerts_in(lang)):
                if version.approved and self.now is not None and not version.ended(self.now):
                    plans = alert_slides(ctx, version)
                    shown += plans if publication.alert_live(version) else []
            self._alerts[key] = shown
        return self._alerts[key]

    def context(self, display_name: str, display: Display, lang: str) -> _Context:
        layout = layout_for(display, self.layouts, display_name)
        faces = tuple(fallback_faces(find_face(lang, override=self.fonts.get(lang))))
        return _Context(self, display_name, display, layout, faces, lang)

    def month_slides(self, ctx: _Context, theme: ThemeVersion) -> list[SlidePlan | None]:
        display, lang = ctx.display, theme.lang
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
        return plans

    def preview_case(self, display_name: str, display: Display, version: CaseVersion, mark: str) -> list[SlidePlan]:
        """One case's slides on one display, stamped with `mark`, whatever its review status: the screen
        version a reviewer sees before approving (casecast serve, casecast review --sheet)."""
        ctx = self.context(display_name, display, version.lang)
        if display.kind == "strip":
            text, ref = version.case.slogan or version.case.title, ("slogan" if version.case.slogan else "title",)
            ctx.optional = not version.case.slogan
            plans = [ctx.line(text, (version.file, ref), f"case-{version.id}", version)]
        else:
            plans = list(ctx.case(version))
        return [
            SlidePlan(**{**plan.__dict__, "name": f"{n:02d}-{plan.name}", "mark": mark})
            for n, plan in enumerate((p for p in plans if p is not None), 1)
        ]

    def eligible(self, version: CaseVersion) -> bool:
        return Publication(self.today).on_screens(version)

    def point(self, file: str, path: tuple, text: str | None = None, offset: int = 0, length: int = 0):
        source = self.sources.get(file)
        if source is None:
            return (1, 1)
        if text is not None and length:
            return source.locate(path, text, offset, length)
        return source.position(path)


def file_digest(path: str) -> str:
    stat = os.stat(path)
    return _file_digest(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=1024)
def _file_digest(path: str, size: int, mtime: int) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()[:24]


def needs_bitmap(display: Display) -> bool:
    return display.kind == "strip" and display.colors == "mono" and display.height < BITMAP_UP_TO


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
        # A low single-colour strip (16 to 63 px: one to three rows of P10 modules) gets GNU Unifont, a bitmap
        # font drawn for 16 px, scaled by whole pixels: an outline font smears at that size.
        self.pixel = 0
        bitmap = bitmap_face() if needs_bitmap(display) else None
        if bitmap is not None:
            self.pixel = h // 16
            self.faces = faces = (bitmap, *faces)
            self.safe = (mx, 0, w - 2 * mx, h)  # the font's cell has its own space above and below
        self.scrolls = display.kind == "strip" and display.scroll == "left"
        self.optional = False  # a text that may be left out (a title standing in for a missing slogan)
        self.logo = self.picture_file(self.site.brand.logo)
        self.qr_base = self.site.url if is_public(self.site.url) else None  # see generator/addresses.py
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
        return self.slide("cover", theme.month, texts, None, self.pictures())

    def case(self, version: CaseVersion) -> list[SlidePlan]:
        """One slide, or more when the red flags need more room: every flag reaches the screen, in order, and
        every slide shows advice #1. The case's picture and QR code are shown where the layout has room for
        them and they cost no words: if the text needs more slides with them (or does not fit), the slides go
        without the picture, then without the QR code."""
        pictures = self.pictures(version)
        options = [pictures]
        for dropped in (("picture",), ("qr",), ("picture", "qr")):
            option = {k: v for k, v in pictures.items() if k not in dropped}
            if option not in options:
                options.append(option)
        least = self.flag_groups(version, set(options[-1]), report=False)  # the slides the words need
        for option in options[:-1]:
            found = len(self.p.problems)
            plans = self.case_slides(version, option)
            del self.p.problems[found:]  # a trial: what it could not fit is said by the last one
            if plans and least is not None and len(plans) <= len(least):
                return plans
        return self.case_slides(version, options[-1])

    def case_slides(self, version: CaseVersion, pictures: dict[str, str]) -> list[SlidePlan]:
        case = version.case
        org = self.site.text(self.site.organization, self.lang) or ""
        category = self.site.category_name(case.category, self.lang)
        groups = self.flag_groups(version, set(pictures))
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
                "qr_label": (self.t.get("scan_qr", ""), ("content/site.yaml", ("url",))),
            }
            if not case.advice:
                del texts["advice"]
            ident = version.id if number == 1 else f"{version.id}-{number}"
            plan = self.slide("case", ident, texts, version, pictures)
            if plan is None:
                return []  # a title or advice #1 that cannot be shown: the problem says which
            plans.append(plan)
        return plans

    def flag_groups(self, version: CaseVersion, shown: set[str], report: bool = True) -> list[list[int]] | None:
        """The red flags in slide-sized groups, in order: as many on a slide as fit at a legible size. None, with
        a problem naming the flag, if one flag alone does not fit the layout's box."""
        flags = list(version.case.red_flags)
        flags_layers = (layer for layer in self.layout.slides["case"] if layer.role == "flags" and layer.applies(shown))
        layer = next(flags_layers, None)
        if layer is None or not flags:
            return [[]] if not flags else [list(range(len(flags)))]
        box = self.box(layer)
        low, high = self.min[layer.size], max(self.min[layer.size], round(layer.max * self.display.height))
        groups: list[list[int]] = []
        start = 0
        while start < len(flags):
            end = len(flags)
            # several flags share a slide only with their phrases whole; one alone may break between any
            while end > start and self.fit(layer, flags[start:end], box, low, high, fine=end - start == 1) is None:
                end -= 1
            if end == start:
                if report:
                    ref = (version.file, ("red_flags", start))
                    self.too_long(layer, flags[start], ref, low, item=_("red flag {number}", number=start + 1))
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
        return self.slide("slogan", str(index + 1), texts, None, self.pictures())

    def line(
        self, text: str, ref, name: str, version: CaseVersion | AlertVersion | None = None, kind: str = "line"
    ) -> SlidePlan | None:
        """A strip's line: still if it fits the strip, else (on a strip that scrolls) one wide image that
        scrolls left at the display's speed. `kind` alert: drawn as the layout's alert line, if it has one."""
        layer = self.layers(kind)[0]
        if self.scrolls and self.glyphs_ok(text, ref):
            low, high = self.line_sizes(layer)
            if self.fit(layer, text, self.box(layer), low, high) is None:
                return self.scrolling(layer, text, name, version)
        return self.slide(kind, name, {"line": (text, ref)}, version)

    def layers(self, kind: str) -> tuple[Layer, ...]:
        """A slide kind's layers; on a strip whose layout has no alert line of its own, the strip's line."""
        if kind not in self.layout.slides and self.display.kind == "strip":
            return self.layout.slides["line"]
        return self.layout.slides[kind]

    def line_sizes(self, layer: Layer) -> tuple[int, int]:
        if self.pixel:
            return 16 * self.pixel, 16 * self.pixel
        low = self.min[layer.size]
        return low, max(low, round(layer.max * self.display.height))

    def scrolling(self, layer: Layer, text: str, name: str, version: CaseVersion | AlertVersion | None) -> SlidePlan:
        low, high = self.line_sizes(layer)
        size = high if self.pixel else max(low, round(high * 0.8))  # an outline font's marks reach below
        text = " ".join(text.split())
        text_width = math.ceil(self.measure_at(size)(text))
        speed = self.display.scroll_speed
        step = pixels_per_frame(speed)
        gap = self.display.width // 2  # blank between one pass and the next
        unit = step * max(1, self.pixel)
        width = -(-(text_width + gap) // unit) * unit
        _, y, _, h = self.box(layer)
        block = Block("line", (gap // 2, y, text_width, h), None, None, layer.color, size, (text,), "left", "middle")
        loop = width / speed
        shown = self.display.seconds or 0
        return SlidePlan(
            name=f"{name}.png",
            kind="scroll",
            **self.timing(version),
            seconds=round(loop * max(1, math.ceil(shown / loop)), 3),  # whole passes, never cut off mid-slogan
            width=width,
            height=self.display.height,
            format="png",
            mono=self.display.colors == "mono",
            background=self.layout.background,
            safe=(0, 0, width, self.display.height),
            blocks=(block,),
            faces=self.faces,
            pixel=self.pixel,
            scroll=(speed, step, self.display.width),
            text=text,
        )

    def pictures(self, version: CaseVersion | None = None) -> dict[str, str]:
        """What a slide may show besides text: the bank's logo; for a case, its picture and a QR code that
        opens its H5 page (only where a customer's phone can open it)."""
        shown = {"logo": self.logo} if self.logo else {}
        if version is not None:
            picture = self.picture_file(version.case.image)
            if picture:
                shown["picture"] = picture
            if self.qr_base:
                page = f"exports/mobile/{quote(self.lang)}/{quote(version.id)}.page.html"
                shown["qr"] = urljoin(self.qr_base if self.qr_base.endswith("/") else self.qr_base + "/", page)
        return shown

    def picture_file(self, ref: str | None) -> str | None:
        if not ref or self.p.root is None:
            return None
        path = self.p.root / "content" / ref
        return str(path) if path.is_file() else None  # a missing picture is the missing-file rule's problem

    def timing(self, version: CaseVersion | AlertVersion | None) -> dict:
        """Whose slide it is and when a player may show it: an alert's `from` and `until`; a case's slides up to
        the day after its last day (its valid_until, or its approval's end, whichever is earlier)."""
        if isinstance(version, AlertVersion):
            starts, ends = version.start.isoformat(), version.end.isoformat()
            return {"case": None, "alert": version.id, "valid_until": None, "starts": starts, "ends": ends}
        if version is None:
            return {"case": None, "valid_until": None}
        last = version.valid_through
        ends = start_of(last + dt.timedelta(days=1), self.site.zone).isoformat() if last else None
        until = version.case.valid_until.isoformat() if version.case.valid_until else None
        return {"case": version.id, "valid_until": until, "ends": ends}

    def footer(self) -> str:
        org = self.site.text(self.site.organization, self.lang) or ""
        return f"{self.t['hotline']} {self.site.hotline} · {org}"

    # -- fitting --------------------------------------------------------------

    def slide(
        self,
        kind: str,
        ident: str,
        texts: dict,
        version: CaseVersion | AlertVersion | None,
        pictures: dict | None = None,
        conditions: frozenset[str] = frozenset(),
    ) -> SlidePlan | None:
        """`conditions`: what else the layers' `when:` may ask for besides the pictures (an alert's level)."""
        layers = self.layers(kind)
        pictures = pictures or {}
        blocks: list[Block] = []
        placed: list[Picture] = []
        ok = True
        for layer in layers:
            if not layer.applies(set(pictures) | conditions):
                continue
            if layer.is_picture:
                if layer.role in pictures:
                    placed.append(self.place(layer, pictures[layer.role]))
                continue
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
        named = kind == "line" or self.display.kind == "strip"  # a strip's lines come with their whole name
        return SlidePlan(
            name=f"{ident}.{fmt}" if named else f"{kind}-{ident}.{fmt}",
            kind="strip" if kind == "line" else kind,
            **self.timing(version),
            seconds=seconds,
            width=self.display.width,
            height=self.display.height,
            format=fmt,
            mono=self.display.colors == "mono",
            background=self.layout.background,
            safe=self.safe,
            blocks=tuple(blocks),
            faces=self.faces,
            pictures=tuple(placed),
            pixel=self.pixel,
            text=shown,
        )

    def place(self, layer: Layer, source: str) -> Picture:
        digest = "" if layer.role == "qr" else file_digest(source)
        fill = None if layer.role == "qr" else layer.fill  # a QR code brings its own white quiet zone
        return Picture(layer.role, self.outer_box(layer), fill, source, digest, layer.align, layer.valign)

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
        low, high = self.line_sizes(layer) if layer.size == "line" else (self.min[layer.size], 0)
        high = high or max(low, round(layer.max * self.display.height))
        fitted = self.fit(layer, text, box, low, high)
        if fitted is None:
            items = {
                "advice": N_("advice 1"),
                "title": N_("the title"),
                "slogan": N_("the slogan"),
                "review": N_("the review line (review_line in site.yaml)"),
                "text": N_("the alert's text"),
                "level": N_("the alert's level"),
            }
            self.too_long(layer, text, ref, low, item=_(items[layer.role]) if layer.role in items else "")
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

    def fit(self, layer: Layer, text: str | list[str], box, low: int, high: int, fine: bool = True) -> Fitted | None:
        key = (self.font_key, layer.size, layer.role, layer.bullet, text, box[2], box[3], low, high, fine)
        return self.p.memo.get(key, lambda: self.fit_now(layer, text, box, low, high, fine))

    def fit_now(self, layer: Layer, text: str | list[str], box, low: int, high: int, fine: bool) -> Fitted | None:
        _, _, w, h = box
        # A header or footer is one line. A review line (준법감시인 심의필 제…호 (…~…)) is one line too, or two
        # where one does not fit at the smallest legible size and its box has the height (a totem's)
        max_lines = 1 if layer.size == "line" or layer.role in ("header", "footer", "review") else None
        if isinstance(text, str):
            line_height = 1.0 if layer.size == "line" else LINE_HEIGHT
            sizes = {"max_size": high, "min_size": low, "line_height": line_height}
            fitted = fit_text(text, w, h, self.measure_at, max_lines=max_lines, **sizes)
            if fitted is None and layer.role == "review":
                fitted = fit_text(text, w, h, self.measure_at, max_lines=2, **sizes)
            return fitted
        return self.fit_list([(layer.bullet, item) for item in text], w, h, low, high, fine)

    def fit_list(self, items: list, width: int, height: int, low: int, high: int, fine: bool) -> Fitted | None:
        """Like fit_text for a bulleted list: between phrases held together, else (if `fine`) between all of
        BudouX's."""
        best = self.fit_items(items, width, height, low, high, False)
        return best if best or not fine else self.fit_items(items, width, height, low, high, True)

    def fit_items(self, items, width: int, height: int, low: int, high: int, fine: bool) -> Fitted | None:
        best = None
        while low <= high:
            size = (low + high) // 2
            measure = self.measure_at(size)
            lines: list[str] = []
            for bullet, item in items:
                indent = measure(bullet)
                broken = break_lines(item, width - indent, measure, fine)
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
                    _(
                        "the character '{character}' (U+{code}) is in no installed font, so a lobby screen would "
                        "show an empty box: its slides are left out (the site and the app show it); remove the "
                        "character or install a font that has it",
                        character=ch,
                        code=f"{ord(ch):04X}",
                    ),
                    scope=SLIDES,
                )
                ok = False
        return ok

    def too_long(self, layer: Layer, text: str | list[str], ref, low: int, item: str = "") -> None:
        file, path = ref if ref else ("content/site.yaml", ())
        line, column = self.p.point(file, path)
        what = _("one line") if layer.size == "line" else _("its box at the smallest legible size ({px} px)", px=low)
        display = dict(display=self.name, size=f"{self.display.width}×{self.display.height}")
        if self.optional:
            message = _(
                "there is no slogan and the title does not fit one line of the {display} display ({size}); "
                "add a short `slogan:` to show this case on the strip",
                **display,
            )
            self.p.problems.add(
                file, line, column, "too-long", message, severity="warning", scope=display_scope(self.name)
            )
            return
        if item:
            message = _(
                "{item} is too long for the {display} display ({size}): it does not fit {what}, so that slide is "
                "left out (the rest is published); shorten it",
                item=item,
                what=what,
                **display,
            )
        else:
            message = _(
                "too long for the {display} display ({size}): it does not fit {what}, so that slide is left out "
                "(the rest is published); shorten it",
                what=what,
                **display,
            )
        self.p.problems.add(file, line, column, "too-long", message, scope=display_scope(self.name))


def pixels_per_frame(speed: int) -> int:
    """Whole pixels a frame (a fraction would judder on an LED matrix), at a frame rate near 30 a second and,
    where the speed allows, a whole number of frames a second (players and controllers prefer one)."""
    whole = [step for step in range(1, speed + 1) if speed % step == 0 and 24 <= speed // step <= 60]
    if whole:
        return min(whole, key=lambda step: abs(speed / step - 30))
    return max(1, round(speed / 30))
