"""Model -> Markdown pages (path -> text). Knows nothing of MkDocs; templates live in theme/pages/."""

from generator.site.pages import SiteOptions, SitePages, render_site

__all__ = ["SiteOptions", "SitePages", "render_site"]
