"""An urgent alert's slide on each kind of display: a screen slide (the layout's `alert` kind: its level in
a band coloured by level, its text, the hotline and the review line), and on a strip one line that scrolls
when it is longer than the strip."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.alert import AlertVersion, alert_heading
from generator.slides.slide import SlidePlan

if TYPE_CHECKING:
    from generator.slides.plan import _Context


def alert_slides(ctx: _Context, version: AlertVersion) -> list[SlidePlan]:
    """The alert's one slide on this display (none when it cannot be shown: the problem says why)."""
    alert, t = version.alert, ctx.t
    level = " · ".join(alert_heading(t, alert.level))
    text_ref = (version.file, ("text",))
    if ctx.display.kind == "strip":
        plan = ctx.line(f"{level}{t['sep']}{alert.text}", text_ref, f"alert-{version.id}", version, kind="alert")
        return [plan] if plan is not None else []
    org = ctx.site.text(ctx.site.organization, ctx.lang) or ""
    header = (org, ("content/site.yaml", ("organization",)))
    footer = (ctx.footer(), ("content/site.yaml", ("hotline",)))
    if "alert" not in ctx.layout.slides:  # a layouts.yaml from before alerts: the slogan's slide says it
        texts = {"header": header, "slogan": (f"{level}{t['sep']}{alert.text}", text_ref), "footer": footer}
        plan = ctx.slide("slogan", f"alert-{version.id}", texts, version, ctx.pictures())
        return [plan] if plan is not None else []
    review_line = ctx.site.review_line_for(ctx.lang, t["review"] + t["sep"])
    texts = {
        "header": header,
        "level": (level, (version.file, ("level",))),
        "text": (alert.text, text_ref),
        "footer": footer,
        "review": (version.review_line(review_line), (version.file, ("review", "number"))),
    }
    conditions = frozenset({alert.level.value})
    plan = ctx.slide("alert", version.id, texts, version, ctx.pictures(), conditions)
    return [plan] if plan is not None else []


def interleave(alerts: list[SlidePlan], plans: list[SlidePlan], every: int) -> list[SlidePlan]:
    """The alerts first, and again after every `every` slides (the loop then comes back to the first ones)."""
    if not alerts:
        return plans
    shown = list(alerts)
    for start in range(0, len(plans), every):
        shown += (alerts if start else []) + plans[start : start + every]
    return shown
