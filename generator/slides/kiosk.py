"""playlist.json and a self-contained kiosk page that loops the slides full-screen in a browser."""

from __future__ import annotations

import html
import json

from generator.slides.scroll import SCROLL_CSS
from generator.slides.slide import SlidePlan, describe


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
    """The month's loop. A slide carries its `from` / `until`: the page skips one the player's own clock says is
    not (or no longer) to be shown, so a screen left running past an alert's end stops showing it."""
    items = []
    for p in slides:
        alt = html.escape(p.text[:200])
        timing = "".join(
            f' data-{name}="{html.escape(value)}"' for name, value in (("from", p.starts), ("until", p.ends)) if value
        )
        if p.scroll:
            items.append(
                f'<div class="slide scroll" role="marquee" aria-label="{alt}" data-seconds="{p.seconds}"{timing}>'
                f'<div class="track" style="animation-duration: {p.loop_seconds:.3f}s">'
                f'<img src="{html.escape(p.name)}" alt="{alt}"><img src="{html.escape(p.name)}" alt=""></div></div>'
            )
        else:
            items.append(
                f'<img class="slide" src="{html.escape(p.name)}" alt="{alt}" data-seconds="{p.seconds}"{timing}>'
            )
    images = "\n".join(items)
    title = html.escape(f"{display} · {month} · {lang}")
    return f"""<!doctype html>
<html lang="{html.escape(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{SCROLL_CSS}
img.slide {{ position: fixed; inset: 0; width: 100%; height: 100%; object-fit: contain; }}
.slide {{ opacity: 0; transition: opacity .5s; }}
.slide.on {{ opacity: 1; }}
</style>
</head>
<body>
{images}
<script>
(function () {{
  var slides = document.querySelectorAll(".slide"), i = -1;
  function due(slide) {{
    var now = Date.now(), from = slide.dataset.from, until = slide.dataset.until;
    return !(from && Date.parse(from) > now) && !(until && Date.parse(until) <= now);
  }}
  function next() {{
    if (i >= 0) slides[i].classList.remove("on");
    for (var tried = 0; tried < slides.length; tried++) {{
      i = (i + 1) % slides.length;
      if (due(slides[i])) {{
        slides[i].classList.add("on");
        setTimeout(next, Number(slides[i].dataset.seconds) * 1000);
        return;
      }}
    }}
    setTimeout(next, 60000);  // nothing to show now: a dark screen, looked at again in a minute
  }}
  next();
}})();
</script>
</body>
</html>
"""
