"""The event handlers, in lifecycle order: content in at on_config, generated pages handed to MkDocs,
search entries cut on the other core, exports and build-info after the build."""

from __future__ import annotations

import datetime as dt
import logging
import posixpath
import threading
import urllib.parse
from pathlib import Path

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs_static_i18n.config import I18nPluginLanguage

from generator.buildinfo import build_time, write_build_info
from generator.cache import cache_dir
from generator.checking import SITE_FILE, check_project, publishable
from generator.i18n import _, choose
from generator.labels import LABELS, load_labels
from generator.loading import Loaded
from generator.markup import stored_renderings
from generator.media import clean_image
from generator.model import Site
from generator.pipeline import OUTPUTS, BuildError, CarryOver, report_problems
from generator.plugin.config import CasecastConfig, parse_moment
from generator.plugin.page import GeneratedPage
from generator.plugin.search import SearchParser, page_search_docs
from generator.preview import PREVIEW_FOLDER, PreviewMemory, add_problem_pages, write_waiting_exports
from generator.problems import Problems
from generator.rules.files import image_problem
from generator.site import BODY_HERE, SiteOptions, SitePages, render_site
from generator.site.search import Segmenter, inline_search_indexes, search_entries, split_search_index
from generator.site.text import template_error
from generator.site.theme_css import brand_css
from generator.site.tree import make_folders, write_tree

log = logging.getLogger("mkdocs.plugins.casecast")
IFRAME_WORKER = "assets/javascripts/iframe-worker.js"  # theme/overrides/assets/javascripts/, vendored


class CasecastPlugin(BasePlugin[CasecastConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.loaded: Loaded | None = None
        self.pages: SitePages | None = None
        self.pages_dir = Path()
        self.segmenter: Segmenter | None = None
        self.search_docs: list[dict] = []  # every page's search entries, Chinese not yet cut into words
        self.previous_site: Path | None = None  # set by `casecast build`, which builds into a fresh folder
        self.memory = PreviewMemory()  # `casecast serve`: pages as they last built well (plugins outlive rebuilds)
        self.folders: list[threading.Thread] = []  # making the pages' folders ahead of MkDocs (on_nav)
        self.carry: CarryOver | None = None  # `--only site`: the last build's other exports, kept (on_files)

    # -------------------------------------------------------------------------
    # event handlers, in lifecycle order
    # -------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        i18n = config.plugins.get("i18n")
        # mkdocs-static-i18n builds each further language inside the first build: load content once
        building_more = getattr(i18n, "building", False)
        if self.config.portable:  # links name the .html file; search runs without a server (no Worker)
            config.use_directory_urls = False
            polyfills = config.extra.get("polyfills") or []
            if IFRAME_WORKER not in polyfills:  # never Material's default, which loads it from the internet
                config.extra["polyfills"] = [*polyfills, IFRAME_WORKER]
        if not building_more:
            choose(None, root)  # `casecast build` has chosen already; `mkdocs build` chooses here
            self._load(root, config.use_directory_urls)
            if config.strict and self.loaded and self.loaded.problems.failed(strict=True, building=True):
                raise PluginError(_("build refused (--strict): fix the problems above"))
        content = publishable(self.loaded) if self.loaded else None
        if content is None:
            raise PluginError(_("content/site.yaml has errors (see above); fix them and build again"))
        if not building_more:
            set_languages(config, i18n, content.site, load_labels(root / LABELS))
        lang = getattr(i18n, "current_language", None) or getattr(i18n, "default_language", None)
        lang = lang or content.site.default_language
        # Material prints these into every page as they are (MkDocs' templates do not escape): as Markup
        # they are escaped text once, and Material's own `| e` leaves them so.
        config.site_name = Markup.escape(content.site.text(content.site.name, lang) or config.site_name)
        # The live alerts' banner, at the top of every page of this language (theme/overrides/main.html)
        config.extra["casecast_alert"] = Markup(self.pages.banners.get(lang, "") if self.pages else "")
        org = content.site.text(content.site.organization, lang) or ""
        config.copyright = Markup("© {} {}").format(self._today().year, org)
        if content.site.brand.logo:
            config.theme["logo"] = urllib.parse.quote(content.site.brand.logo)  # a quote in a name stays in it
        if "assets/stylesheets/casecast-brand.css" not in config.extra_css:
            config.extra_css.append("assets/stylesheets/casecast-brand.css")
        config.docs_dir = str(self.pages_dir)
        return config

    def _add_pages(self, files: Files, *, config: MkDocsConfig) -> Files:
        """The generated pages join the files MkDocs found in docs_dir (their text is in memory, see
        on_page_read_source), before mkdocs-static-i18n sorts every file into its language (priority -100)."""
        assert self.pages is not None
        for src_uri in self.pages.pages:
            if files.get_file_from_path(src_uri) is None:
                files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
        for file in files:
            if file.src_uri in self.pages.hidden:
                file.inclusion = InclusionLevel.NOT_IN_NAV
        i18n = config.plugins.get("i18n")
        kinds = sorted(set(OUTPUTS) - set(self.config.exports))
        if kinds and self.previous_site is not None and not self.serving and not getattr(i18n, "building", False):
            # after MkDocs has emptied site_dir; joined in on_post_build
            root = Path(config.config_file_path).parent
            self.carry = CarryOver(self.previous_site / "exports", Path(config.site_dir) / "exports", kinds, root)
            self.carry.start()
        return files

    @event_priority(-200)  # after mkdocs-static-i18n has made each language's files anew
    def _generated_pages(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Each generated page is read and rendered as a GeneratedPage: MkDocs takes a page a plugin made."""
        if self.pages is not None:
            for file in files.documentation_pages():
                if file.page is None and file.src_uri in self.pages.pages:
                    GeneratedPage(None, file, config)
        return files

    on_files = CombinedEvent(_add_pages, _generated_pages)

    def on_page_read_source(self, *, page, config: MkDocsConfig) -> str | None:
        """A generated page's Markdown, from memory: a thousand cases are never written to disk as Markdown."""
        return self.pages.pages.get(page.file.src_uri) if self.pages else None

    def on_page_markdown(self, markdown: str, *, page, config: MkDocsConfig, files: Files) -> str:
        """A page's title and description come from content: Material prints them into the page's HTML
        (title, header, nav, <meta>) as they are, so they go in as escaped text."""
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[key] = Markup.escape(value)
        return markdown

    @event_priority(-200)  # after mkdocs-static-i18n has given each page its place in this language's site
    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        """Make every page's folder on another thread while MkDocs renders: MkDocs makes each just before it
        writes the page, and a thousand cases are a thousand folders (the slowest part of writing them)."""
        self.folders.append(make_folders([file.abs_dest_path for file in files.documentation_pages()]))
        return nav

    @event_priority(100)  # before any other plugin reads the page's HTML
    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files: Files) -> str:
        """A page's body rendered as HTML by the site renderer (a case page, a month's case cards): MkDocs'
        Markdown read only the rest of the page."""
        body = self.pages.bodies.get(page.file.src_uri) if self.pages else None
        if not body:
            return html
        if BODY_HERE in html:
            return html.replace(BODY_HERE, body, 1)
        return f"{html}\n{body}"

    @event_priority(100)  # before Material's search plugin, which then skips the page
    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        """Index the page as Material would, but leave cutting its Chinese into words to the other core."""
        search = page.meta.get("search") or {}
        if self.segmenter is None or not isinstance(search, dict) or search.get("exclude") or SearchParser is None:
            return context
        # a month's case cards are left out of its entry (data-search-exclude): each case has its own
        docs = page_search_docs(page, leave_out=self.pages.bodies.get(page.file.src_uri) if self.pages else None)
        self.segmenter.add([text for doc in docs for text in (doc["title"], doc["text"])])
        self.search_docs += docs
        page.meta["search"] = {**search, "exclude": True}
        return context

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # Material's templates are compiled again for every language and every build; keep the compiled
        # code (Jinja checks each template's source before reusing it).
        root = Path(config.config_file_path).parent
        folder = cache_dir(root) / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        # A mistake in theme/overrides/ becomes one sentence with its file and line, in builds and in the
        # preview alike (MkDocs prints a traceback for any other error while it serves).
        env.template_class = _theme_template_class(root)
        get_template = env.get_template

        def get_checked_template(*args, **kwargs):
            try:
                return get_template(*args, **kwargs)
            except jinja2.TemplateSyntaxError as error:
                raise PluginError(template_error(error, root)) from None

        env.get_template = get_checked_template
        return env

    @event_priority(-200)  # after mkdocs-static-i18n has built every language and merged the index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        i18n = config.plugins.get("i18n")
        if getattr(i18n, "building", False):
            return
        self._join_folders()
        if i18n is not None:
            languages = [lang.locale for lang in i18n.config.languages]
        else:  # a one-language site (content/site.yaml lists one language; mkdocs.yml has no i18n)
            languages = [self.loaded.content.site.default_language] if self.loaded and self.loaded.content else ["en"]
        entries = search_entries(self.search_docs, self.segmenter)
        split_search_index(Path(config.site_dir), languages[0], languages[1:], entries)
        if self.config.portable:
            inline_search_indexes(Path(config.site_dir))
        root = Path(config.config_file_path).parent
        if self.serving:  # the real exports are `casecast build`'s; the preview shows what waits for review
            if self.loaded is not None:
                write_waiting_exports(root, self.loaded, Path(config.site_dir) / PREVIEW_FOLDER, self._today())
            return
        exports = Path(config.site_dir) / "exports"
        for kind in self.config.exports:
            try:
                OUTPUTS[kind](root, self.loaded, exports / kind, self._today())
            except BuildError as error:
                raise PluginError(str(error)) from None
        hashed, listed = self._join_carry()  # `--only site`: the last build's slides and mobile files stay
        content = publishable(self.loaded) if self.loaded else None
        write_build_info(
            Path(config.site_dir),
            root,
            self.loaded.problems if self.loaded else Problems(),
            cases=len(content.cases) if content else 0,
            drafts=self.config.drafts or self.serving,
            strict=bool(config.strict),
            hashed=hashed,
            listed=listed,
            zone=content.site.zone if content else dt.UTC,
        )

    def on_build_error(self, *, error: Exception) -> None:
        self._join_folders()
        if self.carry is not None:
            self.carry.join()
            self.carry = None
        if self.segmenter is not None:
            self.segmenter.close()  # no word-cutting worker outlives a failed build

    def on_shutdown(self) -> None:
        if self.segmenter is not None:
            self.segmenter.close()  # nor the end of `casecast serve`

    # -------------------------------------------------------------------------
    # helpers
    # -------------------------------------------------------------------------

    def _join_carry(self) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
        """The carried-over exports' file hashes and listings (write_build_info), once they are all in place."""
        carry, self.carry = self.carry, None
        if carry is None:
            return {}, {}
        carry.join()
        if carry.error is not None:
            raise PluginError(_("the last build's exports could not be kept: {error}", error=carry.error))
        return carry.hashed, carry.listed

    def _join_folders(self) -> None:
        while self.folders:
            self.folders.pop().join()

    def _today(self) -> dt.date:
        if self.config.today:
            moment = parse_moment(self.config.today)
            return moment.date() if isinstance(moment, dt.datetime) else moment
        return build_time().date()  # SOURCE_DATE_EPOCH, when set, makes builds reproducible

    def _now(self) -> dt.datetime | dt.date:
        """The build's moment (which alerts are live): the `today` option (a day alone: its start, in the site's
        time zone), else SOURCE_DATE_EPOCH, else the clock."""
        return parse_moment(self.config.today) if self.config.today else build_time()

    def _load(self, root: Path, directory_urls: bool = True) -> None:
        # `--only site` draws no slide and lays out no article, so fits and checks none (the preview shows all)
        outputs = None if self.serving else ["site", *self.config.exports]
        self.loaded = check_project(root, self._today(), self._now(), outputs=outputs)
        preview = self.config.drafts or self.serving
        content = publishable(self.loaded, preview=preview)
        report_problems(self.loaded.problems)
        if LABELS in self.loaded.problems.files_with_errors():
            raise PluginError(_("{file} has errors (see above); fix them and build again", file=LABELS))
        if SITE_FILE in self.loaded.problems.files_with_errors():
            raise PluginError(
                _("{file} has errors (see above); it is part of every page, so nothing was built", file=SITE_FILE)
            )
        if content is None:
            return
        options = SiteOptions(
            templates=root / self.config.templates,
            today=self._today(),
            drafts=preview,
            directory_urls=directory_urls,
            screen_previews=self.serving,
            now=self.loaded.now,
        )
        try:
            with stored_renderings(cache_dir(root) / "stories.json"):
                self.pages = render_site(content, options)
        except jinja2.TemplateError as error:
            raise PluginError(template_error(error, root)) from None
        if self.serving:  # a case or month with an error shows why, not a 404
            self.memory.remember(self.pages)
            add_problem_pages(self.loaded, self.pages, self.memory)
        # Case pages' Chinese is cut into words on another core while MkDocs renders (site/search.py)
        self.segmenter = Segmenter(cache_dir(root) / "search-words.json")
        self.segmenter.add([text for e in self.pages.search for text in (e.title, e.text)])
        self.search_docs = [{"location": e.location, "title": e.title, "text": e.text} for e in self.pages.search]
        # docs_dir holds the stylesheet and pictures; the pages' Markdown stays in memory (on_files). A page
        # left on disk by an earlier version is removed, or MkDocs would find it twice. Written only when
        # changed, so `casecast serve` (which watches docs_dir) does not rebuild in a loop.
        self.pages_dir = root / ".cache" / "casecast" / ("preview" if options.drafts else "pages")
        files = {"assets/stylesheets/casecast-brand.css": brand_css(content.site.brand)}
        # Only the pictures a published page shows, and the logo: nothing else in content/images/ (a draft's
        # photo, a file nobody refers to) reaches the site.
        folder = root / self.config.content_dir
        shown = sorted(self.pages.images | ({content.site.brand.logo} if content.site.brand.logo else set()))
        blobs = {
            posixpath.normpath(ref): clean_image(folder / ref)
            for ref in shown
            if image_problem(folder / ref, (folder / "images").resolve()) is None
        }
        write_tree(self.pages_dir, files, blobs)


# -----------------------------------------------------------------------------
# module-level functions
# -----------------------------------------------------------------------------


def _theme_template_class(root: Path) -> type[jinja2.Template]:
    class ThemeTemplate(jinja2.Template):
        def render(self, *args, **kwargs) -> str:
            try:
                return super().render(*args, **kwargs)
            except jinja2.TemplateError as error:
                raise PluginError(template_error(error, root)) from None

    return ThemeTemplate


def set_languages(config: MkDocsConfig, i18n, site: Site, labels: dict[str, dict[str, str]]) -> None:
    """content/site.yaml is the one place a bank sets its languages: mkdocs-static-i18n and Material are
    configured from it (mkdocs.yml holds a placeholder), names and nav words from theme/pages/labels.yaml."""
    if i18n is None:  # a one-language site whose mkdocs.yml has no i18n plugin
        if len(site.languages) > 1:
            raise PluginError(_("content/site.yaml lists several languages but mkdocs.yml has no i18n plugin"))
        config.theme["language"] = site.default_language
        return
    languages = []
    for lang in site.languages:
        words = {**labels.get("en", {}), **labels.get(lang, {})}
        option = I18nPluginLanguage()
        option.load_dict(
            {
                "locale": lang,
                "name": words.get("lang_name", lang),
                "default": lang == site.default_language,
                "build": True,
                "nav_translations": {"Months": words["all_months"], "Categories": words["all_categories"]},
            }
        )
        failed, _warnings = option.validate()
        if failed:
            raise PluginError(
                _("content/site.yaml: language '{lang}' cannot be built ({reason})", lang=lang, reason=failed[0][1])
            )
        languages.append(option)
    i18n.config.languages = languages
