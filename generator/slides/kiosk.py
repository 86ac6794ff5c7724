"""playlist.json and a self-contained kiosk page that loops the slides full-screen in a browser."""

from __future__ import annotations

import html
import json

from generator.slides.plan import SlidePlan, describe


def playlist(display: str, month: str, lang: str, slides: list[SlidePlan]) -> str:
    data = {
        "display": display,
        "month": month,
        "language": lang,
        "width": slides[0].width if slides else None,
        "height": slides[0].height if slides else None,
        "slides": [describe(plan) for plan in slides],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def kiosk_page(display: str, month: str, lang: str, slides: list[SlidePlan]) -> str:
    images = "\n".join(
        f'<img src="{html.escape(p.name)}" alt="{html.escape(p.text[:200])}" data-seconds="{p.seconds}">'
        for p in slides
    )
    title = html.escape(f"{display} · {month} · {lang}")
    return f"""<!doctype html>
<html lang="{html.escape(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
html, body {{ margin: 0; height: 100%; background: #000; overflow: hidden; cursor: none; }}
img {{ position: fixed; inset: 0; width: 100%; height: 100%; object-fit: contain; }}
img {{ opacity: 0; transition: opacity .5s; }}
img.on {{ opacity: 1; }}
</style>
</head>
<body>
{images}
<script>
(function () {{
  var slides = document.querySelectorAll("img"), i = -1;
  function next() {{
    if (!slides.length) return;
    if (i >= 0) slides[i].classList.remove("on");
    i = (i + 1) % slides.length;
    slides[i].classList.add("on");
    setTimeout(next, Number(slides[i].dataset.seconds) * 1000);
  }}
  next();
}})();
</script>
</body>
</html>
"""
