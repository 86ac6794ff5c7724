"""<id>.page.html: a standalone H5 page for the app's web view — light and dark, large text on demand,
no script, nothing from another origin."""

from __future__ import annotations

from generator.mobile.parts import Parts

FONTS = (
    '-apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", "Apple SD Gothic Neo", '
    '"Noto Sans CJK KR", "Malgun Gothic", sans-serif'
)

STYLE = """
:root { color-scheme: light dark; --fg: #1a1a1a; --bg: #ffffff; --muted: #4a4a4a; --line: #d0d0d0;
  --red: #b71c1c; --green: #1b5e20; --blue: #0d47a1; --tint: #fff4f4; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #f2f2f2; --bg: #121212; --muted: #c8c8c8; --line: #444444;
    --red: #ff8a80; --green: #a5d6a7; --blue: #90caf9; --tint: #2a1515; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font-family: FONTS; font-size: 18px; line-height: 1.75; }
main { max-width: 40em; margin: 0 auto; padding: 1em 1em 2em; overflow-wrap: break-word; }
:lang(ko) main { word-break: keep-all; }
h1 { font-size: 1.45em; line-height: 1.35; margin: 0.2em 0 0.6em; word-break: keep-all; }
h2 { font-size: 1.1em; margin: 0 0 0.3em; }
.summary { font-weight: bold; }
.slogan { font-size: 1.15em; font-weight: bold; color: var(--red); margin: 0.8em 0; }
img { display: block; max-width: 100%; height: auto; border-radius: 0.3em; }
a { color: inherit; }
.box { margin: 1em 0; padding: 0.7em 1em; border-left: 0.35em solid var(--line); border-radius: 0.25em; }
.flags { border-color: var(--red); background: var(--tint); }
.flags h2 { color: var(--red); }
.advice { border-color: var(--green); }
.advice h2 { color: var(--green); }
.contact { border-color: var(--blue); }
.contact h2 { color: var(--blue); }
.hotline { font-size: 1.3em; font-weight: bold; }
ul { padding-left: 1.2em; margin: 0; }
.review { color: var(--muted); font-size: 0.85em; margin-top: 1.5em; }
.size { display: flex; gap: 1em; justify-content: flex-end; font-size: 0.95em; }
.size a { padding: 0.3em 0.5em; }
/* Large text: the "大字版" link opens #large; no script needed. */
#large:target ~ main { font-size: 24px; }
.mark { margin: 0 0 1em; padding: 0.5em 0.8em; border: 0.2em dashed var(--red); color: var(--red); font-weight: bold; }
""".replace("FONTS", FONTS)


def render_page(parts: Parts) -> str:
    t = parts.labels
    flags = "".join(f"<li>{x}</li>" for x in parts.red_flags)
    advice = "".join(f"<li>{x}</li>" for x in parts.advice)
    complaint = "".join(f"<div>{label}{t['sep']}{value}</div>" for label, value in parts.complaint_lines)
    image = f'<img src="{parts.image_uri}" alt="{parts.image_alt}">' if parts.image_uri else ""
    slogan = f'<p class="slogan">{parts.slogan}</p>' if parts.slogan else ""
    return f"""<!DOCTYPE html>
<html lang="{parts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{parts.title} · {parts.organization}</title>
<style>{STYLE}</style>
</head>
<body>
<div id="large"></div>
<main>
<nav class="size" aria-label="{t["text_size"]}">
<a href="#large">{t["large_text"]}</a><a href="#">{t["normal_text"]}</a>
</nav>
{f'<p class="mark" role="note">{parts.mark}</p>' if parts.mark else ""}
<h1>{parts.heading}</h1>
<p class="summary">{parts.summary}</p>
{slogan}
{image}
{parts.story_html}
<section class="box flags"><h2>{t["red_flags"]}</h2><ul>{flags}</ul></section>
<section class="box advice"><h2>{t["advice"]}</h2><ul>{advice}</ul></section>
<section class="box contact"><h2>{t["hotline_box"]}</h2>
<div>{t["hotline"]}{t["sep"]}<span class="hotline">{parts.hotline}</span></div>
{complaint}</section>
<p class="review">{parts.organization} · {parts.review}</p>
</main>
</body>
</html>
"""
