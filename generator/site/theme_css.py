"""Brand colours from site.yaml as CSS custom properties for Material."""

from __future__ import annotations

from generator.model import Brand


def _shade(color: str, factor: float) -> str:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{max(0, min(255, round(c * factor))):02x}" for c in (r, g, b))


def brand_css(brand: Brand) -> str:
    return f""":root > * {{
  --md-primary-fg-color: {brand.primary};
  --md-primary-fg-color--light: {_shade(brand.primary, 1.15)};
  --md-primary-fg-color--dark: {_shade(brand.primary, 0.8)};
  --md-primary-bg-color: #ffffff;
  --md-accent-fg-color: {_shade(brand.primary, 0.8)};
  --md-typeset-a-color: {brand.primary};
  --cc-accent: {brand.accent};
}}
"""
