"""Slide layouts as data (theme/slides/layouts.yaml): boxes, colours, text sizes, checked before use."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, fields
from pathlib import Path

from generator.alert import AlertLevel
from generator.i18n import _
from generator.model import Display
from generator.yamlsource import Source, SourceError, read_source

SIZE_CLASSES = ("title", "body", "fine", "line")
MIN_CONTRAST = 7.0
# Layers that show a picture, not text: the bank's logo, a QR code to the case's H5 page, the case's picture.
PICTURE_ROLES = ("logo", "qr", "picture")
# A layer may be used only when the slide has (or lacks) one of those: `when: picture`, `when: no-qr`; on an
# alert's slide, only at one level: `when: danger`.
CONDITIONS = tuple(c for role in PICTURE_ROLES for c in (role, f"no-{role}")) + tuple(AlertLevel)


class LayoutError(Exception):
    """A mistake in theme/slides/layouts.yaml: a designer's error, one sentence at its line."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line, self.column = line, column


@dataclass(frozen=True)
class Layer:
    role: str
    box: tuple[float, float, float, float]
    color: str = "#000000"  # text layers only
    size: str = "body"
    max: float = 0.05
    fill: str | None = None  # a band behind the text; behind a logo or QR code, the plate it sits on
    align: str = "left"
    valign: str = "top"
    bullet: str = ""
    when: str | None = None  # logo | qr | picture | no-logo | no-qr | no-picture | caution | warning | danger

    @property
    def is_picture(self) -> bool:
        return self.role in PICTURE_ROLES

    def applies(self, shown: set[str]) -> bool:
        """Whether the layer is used on a slide that shows `shown` (a subset of PICTURE_ROLES, and an alert's
        level)."""
        if self.when is None:
            return True
        if self.when.startswith("no-"):
            return self.when[3:] not in shown
        return self.when in shown


@dataclass(frozen=True)
class Layout:
    name: str
    margin: float
    background: str
    slides: dict[str, tuple[Layer, ...]]


LAYER_KEYS = {f.name for f in fields(Layer)}
REQUIRED_LAYER_KEYS = ("role", "box", "color", "size", "max")
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def load_layouts(path: Path) -> dict[str, Layout]:
    try:
        source = read_source(path)
    except SourceError as error:
        raise LayoutError(f"{path.name}: {error.message}", error.line, error.column) from None
    if not isinstance(source.data, dict) or not source.data:
        raise LayoutError(
            _(
                "{file}: no layouts in it; each display in content/site.yaml needs the one for its shape "
                "(landscape, portrait, strip or mono)",
                file=path.name,
            )
        )
    layouts = {}
    for name, spec in source.data.items():
        layout = _layout(str(name), spec, source, path)
        check_layout(layout, path, source)
        layouts[str(name)] = layout
    return layouts


def _layout(name: str, spec: object, source: Source, path: Path) -> Layout:
    def fail(message: str, *where: str | int) -> LayoutError:
        return LayoutError(
            _(
                "{file}: {where}: {problem}",
                file=path.name,
                where=".".join(map(str, (name, *where))),
                problem=message,
            ),
            *source.position((name, *where)),
        )

    if not isinstance(spec, dict):
        raise fail(_("must be a set of settings (margin, background, slides)"))
    for key in ("margin", "background", "slides"):
        if key not in spec:
            raise fail(_("'{key}' is missing", key=key))
    if not isinstance(spec["margin"], (int, float)) or not 0 <= spec["margin"] < 0.5:
        raise fail(_("must be a fraction of the display, e.g. 0.05"), "margin")
    if not isinstance(spec["background"], str) or not COLOR.match(spec["background"]):
        raise fail(_("must be a colour such as #7f0000"), "background")
    if not isinstance(spec["slides"], dict):
        raise fail(_("must list the slide kinds (cover, case, slogan …)"), "slides")
    slides = {}
    for kind, layers in spec["slides"].items():
        if not isinstance(layers, list):
            raise fail(_("must be a list of layers"), "slides", kind)
        slides[str(kind)] = tuple(
            _layer(layer, source, path, (name, "slides", kind, i)) for i, layer in enumerate(layers)
        )
    return Layout(name, float(spec["margin"]), spec["background"], slides)


def _layer(spec: object, source: Source, path: Path, where: tuple) -> Layer:
    shown = ".".join(str(w + 1 if isinstance(w, int) else w) for w in where)

    def fail(message: str, *key: str) -> LayoutError:
        return LayoutError(
            _("{file}: {where}: {problem}", file=path.name, where=shown, problem=message),
            *source.position((*where, *key), key=bool(key)),
        )

    if not isinstance(spec, dict):
        raise fail(_("must be {example}", example="{role: …, box: […], color: …, size: …, max: …}"))
    for key in spec:
        if key not in LAYER_KEYS:
            guess = difflib.get_close_matches(str(key), LAYER_KEYS, n=1)
            if guess:
                raise fail(_("unknown setting '{key}'; did you mean '{guess}'?", key=key, guess=guess[0]), key)
            raise fail(_("unknown setting '{key}'", key=key), key)
    picture = spec.get("role") in PICTURE_ROLES
    for key in REQUIRED_LAYER_KEYS[:2] if picture else REQUIRED_LAYER_KEYS:
        if key not in spec:
            raise fail(_("'{key}' is missing", key=key))
    if spec.get("when") is not None and spec["when"] not in CONDITIONS:
        raise fail(_("when must be one of {choices}", choices=", ".join(CONDITIONS)), "when")
    box = spec["box"]
    if not (isinstance(box, list) and len(box) == 4 and all(isinstance(v, (int, float)) for v in box)):
        raise fail(_("box must be [x, y, width, height], fractions of the safe area"), "box")
    for key in ("color", "fill"):
        if spec.get(key) is not None and not (isinstance(spec[key], str) and COLOR.match(spec[key])):
            raise fail(_("{key} must be a colour such as #ffffff", key=key), key)
    if not picture and (not isinstance(spec["max"], (int, float)) or not 0 < spec["max"] <= 1):
        raise fail(_("max must be a fraction of the display height, e.g. 0.08"), "max")
    if spec.get("align", "left") not in ("left", "center", "right"):
        raise fail(_("align must be left, center or right"), "align")
    if spec.get("valign", "top") not in ("top", "middle", "bottom"):
        raise fail(_("valign must be top, middle or bottom"), "valign")
    return Layer(**{**spec, "box": tuple(float(v) for v in box), "max": float(spec.get("max", 0.05))})


def check_layout(layout: Layout, path: Path, source: Source | None = None) -> None:
    for kind, layers in layout.slides.items():
        for index, layer in enumerate(layers):
            where = f"{path.name}: {layout.name}.{kind}.{layer.role}"
            at = source.position((layout.name, "slides", kind, index)) if source else (1, 1)
            x, y, w, h = layer.box
            if min(x, y, w, h) < 0 or x + w > 1.0001 or y + h > 1.0001:
                raise LayoutError(
                    _("{where}: the box {box} leaves the safe area", where=where, box=list(layer.box)), *at
                )
            if layer.is_picture:
                continue  # no text to read, so no size or contrast to check
            if layer.size not in SIZE_CLASSES:
                raise LayoutError(
                    _("{where}: size must be one of {sizes}", where=where, sizes=", ".join(SIZE_CLASSES)), *at
                )
            behind = layer.fill or layout.background
            ratio = contrast(layer.color, behind)
            if ratio < MIN_CONTRAST:
                raise LayoutError(
                    _(
                        "{where}: {color} on {behind} has contrast {ratio:.1f}:1; at least {least}:1 is needed",
                        where=where,
                        color=layer.color,
                        behind=behind,
                        ratio=ratio,
                        least=MIN_CONTRAST,
                    ),
                    *at,
                )


def layout_for(display: Display, layouts: dict[str, Layout], name: str = "") -> Layout:
    if display.kind == "strip":
        wanted = "mono" if display.colors == "mono" else "strip"
    else:
        wanted = "portrait" if display.height > display.width else "landscape"
    if wanted not in layouts:
        raise LayoutError(
            _(
                "layouts.yaml has no '{layout}' layout, which the {display} display needs; add it",
                layout=wanted,
                display=name,
            )
        )
    return layouts[wanted]


def min_sizes(display: Display) -> dict[str, int]:
    """The smallest text size in pixels for each size class on this display."""
    if display.min_text_px:
        body = display.min_text_px
        title = round(body * 1.6)
    else:
        body, title = round(display.height * 0.05), round(display.height * 0.08)
    return {
        "title": title,
        "body": body,
        "fine": max(12, round(display.height * 0.02)),
        "line": round(display.height * 0.45),
    }


# -----------------------------------------------------------------------------
# WCAG 2.x contrast
# -----------------------------------------------------------------------------


def rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def luminance(color: str | tuple[int, int, int]) -> float:
    values = rgb(color) if isinstance(color, str) else color

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in values)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str | tuple[int, int, int], b: str | tuple[int, int, int]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
