"""Slide layouts as data (theme/slides/layouts.yaml): boxes, colours, text sizes, checked before use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.model import Display

SIZE_CLASSES = ("title", "body", "fine", "line")
MIN_CONTRAST = 7.0


class LayoutError(Exception):
    """A mistake in theme/slides/layouts.yaml: a designer's error, reported in one sentence."""


@dataclass(frozen=True)
class Layer:
    role: str
    box: tuple[float, float, float, float]
    color: str
    size: str
    max: float
    fill: str | None = None
    align: str = "left"
    valign: str = "top"
    bullet: str = ""


@dataclass(frozen=True)
class Layout:
    name: str
    margin: float
    background: str
    slides: dict[str, tuple[Layer, ...]]


def load_layouts(path: Path) -> dict[str, Layout]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise LayoutError(f"{path}: cannot be read ({error})") from None
    layouts = {}
    for name, spec in data.items():
        try:
            slides = {
                kind: tuple(Layer(**{**layer, "box": tuple(layer["box"])}) for layer in layers)
                for kind, layers in spec["slides"].items()
            }
            layout = Layout(name, float(spec["margin"]), spec["background"], slides)
        except (KeyError, TypeError) as error:
            raise LayoutError(f"{path}: layout '{name}' is incomplete or has an unknown setting ({error})") from None
        check_layout(layout, path)
        layouts[name] = layout
    return layouts


def check_layout(layout: Layout, path: Path) -> None:
    for kind, layers in layout.slides.items():
        for layer in layers:
            where = f"{path.name}: {layout.name}.{kind}.{layer.role}"
            x, y, w, h = layer.box
            if min(x, y, w, h) < 0 or x + w > 1.0001 or y + h > 1.0001:
                raise LayoutError(f"{where}: the box {list(layer.box)} leaves the safe area")
            if layer.size not in SIZE_CLASSES:
                raise LayoutError(f"{where}: size must be one of {', '.join(SIZE_CLASSES)}")
            behind = layer.fill or layout.background
            ratio = contrast(layer.color, behind)
            if ratio < MIN_CONTRAST:
                raise LayoutError(
                    f"{where}: {layer.color} on {behind} has contrast {ratio:.1f}:1; "
                    f"at least {MIN_CONTRAST}:1 is needed"
                )


def layout_for(display: Display, layouts: dict[str, Layout]) -> Layout:
    if display.kind == "strip":
        return layouts["mono" if display.colors == "mono" else "strip"]
    return layouts["portrait" if display.height > display.width else "landscape"]


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
