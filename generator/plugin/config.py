"""The plugin's options, as `plugins: - casecast: ...` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class CasecastConfig(Config):
    content_dir = opt.Type(str, default="content")
    templates = opt.Type(str, default="theme/pages")
    drafts = opt.Type(bool, default=False)
    today = opt.Optional(opt.Type(str))  # YYYY-MM-DD; fixes "this month" for reproducible builds
    exports = opt.ListOfItems(opt.Choice(["slides", "mobile"]), default=["slides", "mobile"])  # site/exports/
