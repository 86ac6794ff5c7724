"""Model -> Markdown pages (path -> text). Knows nothing of MkDocs; templates live in theme/pages/."""

from generator.site.pages import BODY_HERE, SiteOptions, SitePages, render_site

__all__ = ["BODY_HERE", "SiteOptions", "SitePages", "render_site"]
