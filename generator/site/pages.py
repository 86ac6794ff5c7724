"""Build every page of the education site as Markdown (case pages: Markdown and HTML), for every language."""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator.labels import load_labels
from generator.markup import render_markdown
from generator.model import CaseVersion, Content, ReviewStatus, ThemeVersion, third_wednesday
from generator.publication import Publication
from generator.site.alerts import alert_banner
from generator.site.search import SearchEntry, entry_text
from generator.site.text import make_environment

NEWEST = 6
# Where a page's HTML body goes (a month's case cards): a comment, which Markdown passes on as it is. Hundreds
# of cards are HTML from the start (case_cards.html.j2) rather than Markdown MkDocs would parse on every build.
BODY_HERE = "<!-- casecast: cards -->"


@dataclass(frozen=True)
class SiteOptions:
    templates: Path  # theme/pages
    today: dt.date = field(default_factory=dt.date.today)
    drafts: bool = False  # preview: show cases that are not approved yet, under a banner
    directory_urls: bool = True  # False for the portable site: links name the .html file (file:// has no index)
    screen_previews: bool = False  # casecast serve: a waiting case's banner links to its slides and mobile pages
    now: dt.datetime | None = None  # the build's moment: which alerts are live (None: none is)


@dataclass
class SitePages:
    pages: dict[str, str] = field(default_factory=dict)  # src path (with .<lang> suffix) -> Markdown
    # src path -> HTML that MkDocs' Markdown never reads: put in place of BODY_HERE in the page, else after it
    bodies: dict[str, str] = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)  # pages reachable by links, kept out of the nav
    search: list[SearchEntry] = field(default_factory=list)  # case pages' entries, made here (site/search.py)
    images: set[str] = field(default_factory=set)  # content/ paths of the pictures the pages show
    banners: dict[str, str] = field(default_factory=dict)  # lang -> the live alerts' banner (HTML), on every page


# What YAML may not hold unescaped (control characters, DEL, C1, surrogates, U+FFFE/FFFF): one such
# character in a title would make MkDocs read the whole front matter as page text. And its line breaks (NEL,
# U+2028, U+2029), which YAML would fold into a space where JSON keeps them (read_front_matter).
_NOT_YAML_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def front_matter_value(value: Any) -> str:
    """A value as YAML front matter reads it back, whatever characters it holds (JSON with \\u escapes)."""
    text = json.dumps(value, ensure_ascii=False)
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# A front matter as MkDocs finds it (mkdocs.utils.meta.YAML_RE): between '---' lines at the very start
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}  # keys YAML 1.1 reads as no text


def read_front_matter(source: str) -> tuple[str, dict[str, Any]] | None:
    """What front_matter_value wrote, read back with the JSON reader (a tenth of YAML's time, the same
    values): the text under the front matter and its values. None unless every line is `key: <JSON>` with no
    number in it (YAML 1.1 reads `1e3` as text), as a designer's own front matter in a template may not be."""
    match = _FRONT_MATTER.match(source)
    if match is None:
        return None
    data: dict[str, Any] = {}
    for line in match.group(1)[:-1].split("\n"):  # not splitlines(): U+2028 in a title is not a new line
        key, colon, value = line.partition(": ")
        if not colon or not _KEY.fullmatch(key) or key.lower() in _YAML_WORDS or key in data:
            return None
        if value[:1] not in ('"', "{", "["):
            return None
        try:
            data[key] = json.loads(value)
        except (ValueError, RecursionError):
            return None
        if not _no_numbers(data[key]):
            return None
    return source[match.end() :].lstrip("\n"), data


def _no_numbers(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_no_numbers(item) for item in value.values())
    if isinstance(value, list):
        return all(_no_numbers(item) for item in value)
    return isinstance(value, (str, bool)) or value is None


def t_status(labels: dict[str, dict[str, str]], version: CaseVersion) -> str:
    """A case's review state in its own language: 审查中，尚未批准 / 심의 중, 아직 승인 전 / in review, ..."""
    words = {**labels.get("en", {}), **labels.get(version.lang, {})}
    return words.get(f"status_{version.case.review.status.value}", version.case.review.status.value)


def render_site(content: Content, options: SiteOptions) -> SitePages:
    renderer = _Renderer(content, options)
    out = SitePages()
    for lang in content.languages:
        renderer.render_language(lang, out)
    return out


# -----------------------------------------------------------------------------
# paths and links
# -----------------------------------------------------------------------------


def page_path(path: str, lang: str, default: str) -> str:
    """'cases/x.md' in Korean is 'cases/x.ko.md' (the mkdocs-static-i18n suffix convention)."""
    if lang == default:
        return path
    stem, ext = posixpath.splitext(path)
    return f"{stem}.{lang}{ext}"


def page_url(path: str, lang: str, default: str, directory_urls: bool = True) -> str:
    """URL of a page from the site root: 'ko/cases/x/' (directory-style), or 'ko/cases/x.html'."""
    stem = posixpath.splitext(path)[0]
    prefix = "" if lang == default else f"{lang}/"
    if not directory_urls:
        return f"{prefix}{stem}.html"
    stem = "" if stem == "index" else stem.removesuffix("/index") + "/"
    return prefix + stem


def relative_link(from_path: str, to_path: str) -> str:
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def relative_url(from_url: str, to_url: str) -> str:
    """Between directory-style URLs ('cases/x/' to 'categories/y/'), or between file URLs ('cases/x.html')."""
    if to_url.endswith(".html"):
        return posixpath.relpath(to_url, posixpath.dirname(from_url) or ".")
    rel = posixpath.relpath(to_url or ".", from_url.rstrip("/") or ".")
    return "./" if rel == "." else rel + "/"


def cards_here(body: str) -> Markup:
    """What a Markdown page template prints for its case cards (their HTML is the page's body): BODY_HERE, a
    place MkDocs leaves alone; nothing when there are no cards, so `{% if cards %}` reads naturally."""
    return Markup(BODY_HERE if body else "")


# -----------------------------------------------------------------------------
# the renderer
# -----------------------------------------------------------------------------


class _Renderer:
    def __init__(self, content: Content, options: SiteOptions) -> None:
        self.content = content
        self.site = content.site
        self.options = options
        self.default = content.site.default_language
        self.env = make_environment(options.templates)
        self.labels = load_labels(options.templates / "labels.yaml")
        self.publication = Publication(options.today, options.drafts, now=options.now)

    # -- which cases show -----------------------------------------------------

    def visible(self, version: CaseVersion) -> bool:
        return self.publication.on_site(version)

    def listed(self, version: CaseVersion) -> bool:
        return self.publication.listed(version)

    # -- per language ---------------------------------------------------------

    def render_language(self, lang: str, out: SitePages) -> None:
        self._lang = lang
        t = {**self.labels.get("en", {}), **self.labels.get(lang, {})}
        cases = [c for c in self.content.cases_in(lang) if self.visible(c)]
        themes = self.content.themes_in(lang)
        out.banners[lang] = alert_banner(self.publication.live_alerts(self.content, lang), t)
        for version in cases:
            path = self.path(f"cases/{version.id}.md", lang)
            out.pages[path], out.bodies[path] = self.case_page(version, t)
            if version.case.image:
                out.images.add(version.case.image)
            out.hidden.add(path)
            out.search.append(self.search_entry(version, t))
        # The nav stays the same size however many months and categories pile up over the years: it holds
        # this month's theme; the calendar and the categories page link all the others.
        current, _ = self.current_theme(themes)
        for theme in themes:
            path = self.path(f"months/{theme.month}.md", lang)
            out.pages[path], out.bodies[path] = self.month_page(theme, t)
            if theme is not current:
                out.hidden.add(path)
        used = sorted({c.case.category for c in cases}, key=list(self.site.categories).index)
        for category in used:
            path = self.path(f"categories/{category}.md", lang)
            out.pages[path], out.bodies[path] = self.category_page(category, lang, t)
            out.hidden.add(path)
        path = self.path("categories/index.md", lang)
        out.pages[path] = self.categories_page(used, lang, path, t)
        path = self.path("calendar.md", lang)
        out.pages[path] = self.calendar_page(themes, lang, path, t)
        path = self.path("archive.md", lang)
        expired = [c for c in cases if c.expired(self.options.today)]
        cards = self.cards([self.card(v, "archive.md") for v in self.newest_first(expired)], t)
        out.pages[path] = self.render("archive.md.j2", meta=self.meta(t["archive"], None), cards=cards_here(cards), t=t)
        out.bodies[path] = cards
        path = self.path("index.md", lang)
        out.pages[path], out.bodies[path] = self.home_page(themes, cases, lang, path, t)

    def path(self, path: str, lang: str) -> str:
        return page_path(path, lang, self.default)

    def link(self, from_path: str, to: str, lang: str) -> str:
        return relative_link(from_path, self.path(to, lang))

    # -- pages ----------------------------------------------------------------

    def case_page(self, version: CaseVersion, t: dict) -> tuple[str, str]:
        """The page's Markdown (front matter and title) and its body as HTML. The body skips MkDocs'
        Markdown: its story is rendered once (generator.markup) and the rest is plain HTML, so links
        are final URLs here."""
        case, lang = version.case, version.lang
        directory_urls = self.options.directory_urls
        here = page_url(f"cases/{version.id}.md", lang, self.default, directory_urls)

        def url(to: str, in_lang: str = lang) -> str:
            return relative_url(here, page_url(to, in_lang, self.default, directory_urls))

        month = self.content.month_of(version.id)
        month_link = url(f"months/{month}.md") if month and (month, lang) in self.content.themes else None
        translations = [
            {
                "name": self.labels.get(other.lang, {}).get("lang_name", other.lang),
                "url": url(f"cases/{version.id}.md", other.lang),
            }
            for other in self.content.translations(version.id)
            if other.lang != lang and self.visible(other)
        ]
        preview = None
        if self.options.screen_previews and case.review.status in (ReviewStatus.draft, ReviewStatus.in_review):
            preview = posixpath.relpath(f"exports/preview/{lang}/{version.id}/index.html", here.rstrip("/"))
        markdown = self.render(
            "case.md.j2",
            meta=self.meta(case.title, case.summary, case.review.status, t, preview, searched_by_us=True),
            case=case,
            t=t,
        )
        body = self.render(
            "case.html.j2",
            case=case,
            t=t,
            category_name=self.site.category_name(case.category, lang),
            category_link=url(f"categories/{case.category}.md"),
            audiences=[self.site.audience_name(a, lang) for a in case.audience],
            month=month,
            month_link=month_link,
            expired=version.expired(self.options.today),
            translations=translations,
            review_line=version.review_line(self.site.review_line_for(lang, t["review"] + t["sep"])),
            # Images live once at the site root, shared by every language: a plain URL, not a page link.
            image_link=posixpath.relpath(case.image, here.rstrip("/") if directory_urls else posixpath.dirname(here))
            if case.image
            else None,
        )
        return markdown, body

    def search_entry(self, version: CaseVersion, t: dict) -> SearchEntry:
        case = version.case
        category = self.site.category_name(case.category, version.lang)
        return SearchEntry(
            location=page_url(f"cases/{version.id}.md", version.lang, self.default, self.options.directory_urls),
            title=html.escape(case.title, quote=False),  # the index holds HTML: Material shows it as such
            text=entry_text(
                case.summary,
                render_markdown(case.story),
                [(t["red_flags"], list(case.red_flags)), (t["advice"], list(case.advice))],
                f"{t['category']}{t['sep']}{category} · "
                + version.review_line(self.site.review_line_for(version.lang, t["review"] + t["sep"])),
            ),
        )

    def month_page(self, theme: ThemeVersion, t: dict) -> tuple[str, str]:
        """The page's Markdown and its case cards (HTML)."""
        here = f"months/{theme.month}.md"
        items = []
        for case_id in theme.theme.cases:
            version = self.content.case(case_id, theme.lang)
            if version is not None and self.listed(version):
                items.append(self.card(version, here))
        cards = self.cards(items, t)
        markdown = self.render(
            "month.md.j2",
            meta=self.meta(theme.theme.title, None),
            theme=theme.theme,
            checkup_day=theme.checkup_day.isoformat(),
            cards=cards_here(cards),
            t=t,
        )
        return markdown, cards

    def category_page(self, category: str, lang: str, t: dict) -> tuple[str, str]:
        here = f"categories/{category}.md"
        versions = [c for c in self.content.cases_in(lang) if c.case.category == category and self.listed(c)]
        name = self.site.category_name(category, lang)
        cards = self.cards([self.card(v, here) for v in self.newest_first(versions)], t)
        markdown = self.render("category.md.j2", meta=self.meta(name, None), name=name, cards=cards_here(cards), t=t)
        return markdown, cards

    def categories_page(self, used: list[str], lang: str, path: str, t: dict) -> str:
        counts = {c: 0 for c in used}
        for version in self.content.cases_in(lang):
            if self.listed(version) and version.case.category in counts:
                counts[version.case.category] += 1
        items = [
            {
                "name": self.site.category_name(c, lang),
                "link": relative_link(path, self.path(f"categories/{c}.md", lang)),
                "count": counts[c],
            }
            for c in used
        ]
        return self.render("categories.md.j2", meta=self.meta(t["all_categories"], None), categories=items, t=t)

    def calendar_page(self, themes: list[ThemeVersion], lang: str, path: str, t: dict) -> str:
        by_month = {theme.month: theme for theme in themes}
        years = sorted({int(m[:4]) for m in by_month} or {self.options.today.year})
        table = []
        for year in years:
            rows = []
            for month in range(1, 13):
                key = f"{year}-{month:02d}"
                theme = by_month.get(key)
                checkup = theme.checkup_day if theme else third_wednesday(year, month)
                listed = [
                    c
                    for c in (theme.theme.cases if theme else [])
                    if (v := self.content.case(c, lang)) is not None and self.listed(v)
                ]
                rows.append(
                    {
                        "month": key,
                        "title": theme.theme.title if theme else "",
                        "link": self.link(path, f"months/{key}.md", lang) if theme else None,
                        "checkup_day": checkup.isoformat(),
                        "count": len(listed),
                    }
                )
            table.append({"year": year, "rows": rows})
        return self.render("calendar.md.j2", meta=self.meta(t["calendar"], None), years=table, t=t)

    def home_page(self, themes, cases, lang: str, path: str, t: dict) -> tuple[str, str]:
        current = None
        chosen, coming = self.current_theme(themes)
        if chosen:
            current = {
                "theme": chosen.theme,
                "month": chosen.month,
                "coming": coming,
                "checkup_day": chosen.checkup_day.isoformat(),
                "link": self.link(path, f"months/{chosen.month}.md", lang),
            }
        newest = self.newest_first([c for c in cases if self.listed(c)])[:NEWEST]
        cards = self.cards([self.card(v, "index.md") for v in newest], t)
        markdown = self.render(
            "home.md.j2",
            meta=self.meta(t["home"], None),  # in the nav, under the site's name (its title is the page's h1)
            site=self.site,
            current=current,
            cards=cards_here(cards),
            calendar_link=self.link(path, "calendar.md", lang),
            categories_link=self.link(path, "categories/index.md", lang),
            t=t,
        )
        return markdown, cards

    # -- helpers --------------------------------------------------------------

    def current_theme(self, themes: list[ThemeVersion]) -> tuple[ThemeVersion | None, bool]:
        """This month's theme; else the next one, which is still to come (True); else none: a past month's
        theme, its checkup day gone, is never shown as this month's."""
        this_month = self.options.today.strftime("%Y-%m")
        for theme in themes:
            if theme.month == this_month:
                return theme, False
            if theme.month > this_month:
                return theme, True
        return None, False

    def card(self, version: CaseVersion, here: str) -> dict[str, Any]:
        """A case's card on the page `here` ('months/2026-11.md', in the case's language)."""
        return {
            "case": version.case,
            "link": self.url(here, f"cases/{version.id}.md", version.lang),
            "category_name": self.site.category_name(version.case.category, version.lang),
            "draft": self.publication.in_preview_only(version),
            "status": t_status(self.labels, version),
        }

    def cards(self, items: list[dict[str, Any]], t: dict) -> str:
        """Case cards as HTML: a page's body (BODY_HERE marks their place in its Markdown)."""
        return self.render("case_cards.html.j2", cases=items, t=t) if items else ""

    def url(self, here: str, to: str, lang: str) -> str:
        """The link from page `here` to page `to`, both in `lang` ('cases/x.md'), as the site's final URL."""
        directory_urls = self.options.directory_urls
        return relative_url(
            page_url(here, lang, self.default, directory_urls), page_url(to, lang, self.default, directory_urls)
        )

    @staticmethod
    def newest_first(versions: list[CaseVersion]) -> list[CaseVersion]:
        return sorted(versions, key=lambda v: (v.case.review.date or dt.date.min, v.id), reverse=True)

    @staticmethod
    def meta(
        title: str,
        description: str | None,
        status: ReviewStatus | None = None,
        t: dict | None = None,
        preview: str | None = None,
        *,
        searched_by_us: bool = False,
    ) -> str:
        meta: dict[str, Any] = {"title": title}
        if searched_by_us:
            meta["search"] = {"exclude": True}  # Material skips the page; its entry comes from search_entry()
        if description:
            meta["description"] = description
        if status is not None and status is not ReviewStatus.approved and t is not None:
            # The banner says, in the page's language, what state the case is in (theme/overrides/main.html)
            meta["casecast_status"] = status.value
            meta["casecast_mark"] = t["draft_mark"]
            meta["casecast_banner"] = f"{t[f'status_{status.value}']} · {t['draft_status']}"
            if preview:
                meta["casecast_preview"] = {"url": preview, "label": t["preview_link"]}
        # JSON values are YAML too, and json writes a thousand front matters in a blink (yaml's emitter doesn't)
        return "\n".join(f"{key}: {front_matter_value(value)}" for key, value in meta.items())

    def render(self, template: str, **context: Any) -> str:
        context.setdefault("site", self.site)
        context.setdefault("lang", self._lang)
        return self.env.get_template(template).render(**context)
