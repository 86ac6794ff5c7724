"""The plugin's options, as `plugins: - casecast: ...` in mkdocs.yml."""

from __future__ import annotations

import datetime as dt

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError

from generator.i18n import _


class IsoDate(opt.Type):
    """A day written YYYY-MM-DD that exists (2026-13-01 is refused with a sentence, not a traceback), or a moment
    of it, YYYY-MM-DDTHH:MM with or without a time zone (without one: the site's)."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        if isinstance(value, dt.date):
            return value.isoformat()
        text = super().run_validation(value)
        try:
            parse_moment(text)
        except ValueError:
            raise ValidationError(_("'{text}' is not a day written YYYY-MM-DD, e.g. 2026-03-18", text=text)) from None
        return text


def parse_moment(text: str) -> dt.date | dt.datetime:
    """2026-11-25 (a day), or 2026-11-25T14:30 / 2026-11-25 14:30+08:00 (a moment); ValueError otherwise."""
    if len(text.strip()) == 10:
        return dt.date.fromisoformat(text.strip())
    return dt.datetime.fromisoformat(text.strip())


class CasecastConfig(Config):
    drafts = opt.Type(bool, default=False)
    today = opt.Optional(IsoDate())  # YYYY-MM-DD[THH:MM]; fixes "this month" and the moment, for reproducible builds
    content_dir = opt.Dir(exists=True, default="content")
    templates = opt.Dir(exists=True, default="theme/pages")
    portable = opt.Type(bool, default=False)  # `casecast build --portable`: a site that works from file://
    exports = opt.ListOfItems(  # site/exports/: generator.pipeline.OUTPUTS
        opt.Choice(["slides", "mobile", "wechat"]), default=["slides", "mobile", "wechat"]
    )
