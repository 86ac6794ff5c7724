"""The plugin's options, as `plugins: - casecast: ...` in mkdocs.yml."""

from __future__ import annotations

import datetime as dt

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError

from generator.i18n import _


class IsoDate(opt.Type):
    """A day written YYYY-MM-DD that exists (2026-13-01 is refused with a sentence, not a traceback)."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        if isinstance(value, dt.date):
            return value.isoformat()
        text = super().run_validation(value)
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            raise ValidationError(_("'{text}' is not a day written YYYY-MM-DD, e.g. 2026-03-18", text=text)) from None
        return text


class CasecastConfig(Config):
    drafts = opt.Type(bool, default=False)
    today = opt.Optional(IsoDate())  # YYYY-MM-DD; fixes "this month" for reproducible builds
    content_dir = opt.Dir(exists=True, default="content")
    templates = opt.Dir(exists=True, default="theme/pages")
    portable = opt.Type(bool, default=False)  # `casecast build --portable`: a site that works from file://
    exports = opt.ListOfItems(  # site/exports/: generator.pipeline.OUTPUTS
        opt.Choice(["slides", "mobile", "wechat"]), default=["slides", "mobile", "wechat"]
    )
