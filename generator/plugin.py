"""The MkDocs adapter: the only module that imports MkDocs. Thin: it hands generated pages to MkDocs."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel

from generator.buildinfo import build_time, write_build_info
from generator.cache import cache_dir
from generator.checking import check_project, publishable
from generator.labels import LABELS
from generator.loading import Loaded
from generator.media import clean_image
from generator.mobile import build_mobile
from generator.problems import Problems
from generator.rules.files import image_problem
from generator.site import SiteOptions, SitePages, render_site
from generator.site.search import Segmenter, search_entries, split_search_index
from generator.site.text import template_error
from generator.site.theme_css import brand_css
from generator.site.tree import write_tree
from generator.slides import SlideOptions, build_slides
from generator.slides.fonts import FontNotFound
from generator.slides.layout import LayoutError

try:  # the very parser Material's search uses to cut a page into sections
    from material.plugins.search.plugin import Parser as SearchParser
except ImportError:  # without it, Material indexes the pages (and cuts their Chinese) itself
    SearchParser = None

log = logging.getLogger("mkdocs.plugins.casecast")


class CasecastConfig(Config):
    content_dir = opt.Type(str, default="content")
    templates = opt.Type(str, default="theme/pages")
    drafts = opt.Type(bool, default=False)
    today = opt.Optional(opt.Type(str))  # YYYY-MM-DD; fixes "this month" for reproducible builds
    exports = opt.ListOfItems(opt.Choice(["slides", "mobile"]), default=["slides", "mobile"])  # site/exports/


class CasecastPlugin(BasePlugin[CasecastConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.loaded: Loaded | None = None
        self.pages: SitePages | None = None
        self.pages_dir = Path()
        self.reported = False
        self.segmenter: Segmenter | None = None
        self.search_docs: list[dict] = []  # every page's search entries, Chinese not yet cut into words

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
        if not getattr(i18n, "building", False):
            self._load(root)
            if config.strict and self.loaded and self.loaded.problems.failed(strict=True):
                raise PluginError("build refused (--strict): fix the problems above; site/ was left as it was")
        lang = getattr(i18n, "current_language", None) or getattr(i18n, "default_language", None)
        content = publishable(self.loaded) if self.loaded else None
        if content is None:
            raise PluginError("content/site.yaml has errors (see above); fix them and build again")
        lang = lang or content.site.default_language
        _check_languages(content.site.languages, i18n)
        config.site_name = content.site.text(content.site.name, lang) or config.site_name
        org = content.site.text(content.site.organization, lang)
        config.copyright = f"© {self._today().year} {org}"
        if content.site.brand.logo:
            config.theme["logo"] = content.site.brand.logo
        if "assets/stylesheets/casecast-brand.css" not in config.extra_css:
            config.extra_css.append("assets/stylesheets/casecast-brand.css")
        config.docs_dir = str(self.pages_dir)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.pages is not None
        for file in files:
            if file.src_uri in self.pages.hidden:
                file.inclusion = InclusionLevel.NOT_IN_NAV
        return files

    @event_priority(100)  # before any other plugin reads the page's HTML
    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files: Files) -> str:
        """A case page's body was rendered as HTML by the site renderer: MkDocs converted only its title."""
        body = self.pages.bodies.get(page.file.src_uri) if self.pages else None
        return html if body is None else f"{html}\n{body}"

    @event_priority(100)  # before Material's search plugin, which then skips the page
    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        """Index the page as Material would, but leave cutting its Chinese into words to the other core."""
        search = page.meta.get("search") or {}
        if self.segmenter is None or not isinstance(search, dict) or search.get("exclude") or SearchParser is None:
            return context
        docs = page_search_docs(page)
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
        if i18n is not None:
            languages = [lang.locale for lang in i18n.config.languages]
        else:  # a one-language site (content/site.yaml lists one language; mkdocs.yml has no i18n)
            languages = [self.loaded.content.site.default_language] if self.loaded and self.loaded.content else ["en"]
        entries = search_entries(self.search_docs, self.segmenter)
        split_search_index(Path(config.site_dir), languages[0], languages[1:], entries)
        root = Path(config.config_file_path).parent
        if self.serving:
            return  # the preview is for pages; exports are written by `casecast build`
        if "slides" in self.config.exports:
            write_slides(root, self.loaded, Path(config.site_dir) / "exports" / "slides", self._today())
        if "mobile" in self.config.exports:
            write_mobile(root, self.loaded, Path(config.site_dir) / "exports" / "mobile", self._today())
        content = publishable(self.loaded) if self.loaded else None
        write_build_info(
            Path(config.site_dir),
            root,
            self.loaded.problems if self.loaded else Problems(),
            cases=len(content.cases) if content else 0,
            drafts=self.config.drafts or self.serving,
            strict=bool(config.strict),
        )

    # -------------------------------------------------------------------------
    # helpers
    # -------------------------------------------------------------------------

    def _today(self) -> dt.date:
        if self.config.today:
            return dt.date.fromisoformat(self.config.today)
        return build_time().date()  # SOURCE_DATE_EPOCH, when set, makes builds reproducible

    def _load(self, root: Path) -> None:
        self.loaded = check_project(root, self._today())
        content = publishable(self.loaded)
        _report(self.loaded.problems)
        if LABELS in self.loaded.problems.files_with_errors():
            raise PluginError(f"{LABELS} has errors (see above); fix them and build again")
        if content is None:
            return
        options = SiteOptions(
            templates=root / self.config.templates,
            today=self._today(),
            drafts=self.config.drafts or self.serving,
        )
        try:
            self.pages = render_site(content, options)
        except jinja2.TemplateError as error:
            raise PluginError(template_error(error, root)) from None
        # Case pages' Chinese is cut into words on another core while MkDocs renders (site/search.py)
        self.segmenter = Segmenter(cache_dir(root) / "search-words.json")
        self.segmenter.add([text for e in self.pages.search for text in (e.title, e.text)])
        self.search_docs = [{"location": e.location, "title": e.title, "text": e.text} for e in self.pages.search]
        # mkdocs-static-i18n only localises files that exist under docs_dir, so the generated pages
        # are written to disk (only when changed, so `serve` does not rebuild in a loop).
        self.pages_dir = root / ".cache" / "casecast" / ("preview" if options.drafts else "pages")
        files = dict(self.pages.pages)
        files["assets/stylesheets/casecast-brand.css"] = brand_css(content.site.brand)
        images = root / self.config.content_dir / "images"
        blobs = {
            image.relative_to(images.parent).as_posix(): clean_image(image)
            for image in (sorted(images.rglob("*")) if images.is_dir() else [])
            if image.is_file()
            and image.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp")
            and image_problem(image, images.resolve()) is None
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


def _report(problems: Problems) -> None:
    for problem in sorted(problems):
        level = logging.ERROR if problem.severity == "error" else logging.WARNING
        log.log(level, problem.as_text())
    skipped = sorted(f for f in problems.files_with_errors() if f.startswith("content/"))
    if skipped:
        log.warning(f"left out of the site because of errors: {', '.join(skipped)}")


def slide_options(root: Path, today: dt.date) -> SlideOptions:
    return SlideOptions(root=root, today=today, cache=cache_dir(root) / "slides")


def write_slides(root: Path, loaded: Loaded | None, out: Path, today: dt.date, only=None) -> None:
    content = publishable(loaded) if loaded else None
    if content is None or not content.site.displays:
        return
    started = time.perf_counter()
    try:
        result = build_slides(content, loaded.sources, slide_options(root, today), out, progress=log.info, only=only)
    except (LayoutError, FontNotFound) as error:
        raise PluginError(str(error)) from None
    log.info(
        f"slides: {result.slides} in {result.folders} folders "
        f"({result.rendered} drawn, {result.slides - result.rendered} unchanged from the cache) "
        f"in {time.perf_counter() - started:.2f} s"
    )


def write_mobile(root: Path, loaded: Loaded | None, out: Path, today: dt.date) -> None:
    content = publishable(loaded) if loaded else None
    if content is None:
        return
    started = time.perf_counter()
    labels = root / "theme" / "pages" / "labels.yaml"
    result = build_mobile(content, root, out, today, labels, cache=cache_dir(root) / "mobile")
    log.info(
        f"mobile: {result.cases} cases (fragment, H5 page, SMS) and a feed per language "
        f"({result.rendered} rendered, {result.cases - result.rendered} unchanged from the cache) "
        f"in {time.perf_counter() - started:.2f} s; "
        f"largest fragment {result.largest_fragment / 1024:.1f} KB without images (budget 16 KB)"
    )
    for name in result.over_budget:
        log.warning(f"mobile: {name} is over the 16 KB budget; shorten the story")


def page_search_docs(page) -> list[dict]:
    """A page's sections as Material's search plugin makes them (material/plugins/search/plugin.py)."""
    parser = SearchParser()
    parser.feed(page.content)
    parser.close()
    docs = []
    for section in parser.data:
        if section.is_excluded():
            continue
        item = _toc_item(page.toc, section.id)
        url = page.url + item.url if item else page.url + (f"#{section.id}" if section.id else "")
        title = "".join(section.title).strip() or str(page.meta.get("title", page.title))
        docs.append({"location": url, "title": title, "text": "".join(section.text).strip()})
    return docs


def _toc_item(toc, anchor: str | None):
    for item in toc:
        if item.id == anchor:
            return item
        found = _toc_item(item.children, anchor)
        if found is not None:
            return found
    return None


def _check_languages(languages: list[str], i18n) -> None:
    if i18n is None:
        if len(languages) > 1:
            raise PluginError("content/site.yaml lists several languages but mkdocs.yml has no i18n plugin")
        return
    configured = [lang.locale for lang in i18n.config.languages]
    if sorted(configured) != sorted(languages) or configured[0] != languages[0]:
        raise PluginError(
            f"content/site.yaml has languages {languages} but mkdocs.yml's i18n plugin has {configured}; "
            "make them the same, default language first"
        )


@dataclass
class Built:
    """What a build did: whether site/ was renewed, and the content and problems it was built from."""

    ok: bool
    loaded: Loaded | None = None

    def __bool__(self) -> bool:
        return self.ok


def build_site(
    root: Path,
    *,
    strict: bool = False,
    drafts: bool = False,
    today: str | None = None,
    exports: list[str] | None = None,
) -> Built:
    """Build into a fresh folder and swap it in only on success: a failed build leaves site/ as it was.

    The content is loaded and checked once, inside the build (the plugin's on_config)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = Path(root).resolve()
    config = load_config(config_file=str(root / "mkdocs.yml"), strict=strict)
    plugin = config.plugins["casecast"]
    plugin.config.drafts = drafts
    if exports is not None:
        plugin.config.exports = exports
    if today:
        plugin.config.today = today
    final = Path(config.site_dir)
    _remove_abandoned_builds(final.parent)
    work = Path(tempfile.mkdtemp(prefix=f".casecast-build-{os.getpid()}-", dir=final.parent))
    work.chmod(0o755)  # mkdtemp makes it private; the web server's user must be able to read the site
    config.site_dir = str(work)
    try:
        build(config)
    except (Abort, PluginError) as error:
        log.error(str(error))
        shutil.rmtree(work, ignore_errors=True)
        return Built(False, plugin.loaded)
    except jinja2.TemplateError as error:  # in theme/overrides/, which Material renders
        log.error(template_error(error, root))
        shutil.rmtree(work, ignore_errors=True)
        return Built(False, plugin.loaded)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    _swap(work, final)
    return Built(True, plugin.loaded)


def build_exports(root: Path, exports: list[str], *, strict: bool = False) -> Built:
    """`casecast build --only slides`: renew site/exports/<kind>/ alone, swapped in whole on success."""
    root = Path(root).resolve()
    today = build_time().date()
    loaded = check_project(root, today)
    _report(loaded.problems)
    if LABELS in loaded.problems.files_with_errors():
        log.error(f"{LABELS} has errors (see above); site/exports/ was left as it was")
        return Built(False, loaded)
    if strict and loaded.problems.failed(strict=True):
        log.error("build refused (--strict): fix the problems above; site/exports/ was left as it was")
        return Built(False, loaded)
    for kind in exports:
        final = root / "site" / "exports" / kind
        final.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".casecast-build-{os.getpid()}-", dir=final.parent))
        work.chmod(0o755)
        try:
            if kind == "slides":
                write_slides(root, loaded, work, today)
            else:
                write_mobile(root, loaded, work, today)
        except PluginError as error:
            log.error(str(error))
            shutil.rmtree(work, ignore_errors=True)
            return Built(False, loaded)
        _swap(work, final)
    return Built(True, loaded)


def _remove_abandoned_builds(folder: Path) -> None:
    """A build killed half-way leaves its temporary folder behind; the next build clears it away."""
    for leftover in folder.glob(".casecast-build-*"):
        pid = leftover.name.split("-")[2]
        if pid.isdigit() and _running(int(pid)):
            continue  # another build is working there right now
        shutil.rmtree(leftover, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _swap(new: Path, final: Path) -> None:
    old = final.with_name(final.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        os.replace(final, old)
    os.replace(new, final)
    shutil.rmtree(old, ignore_errors=True)


def serve_site(root: Path, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    from mkdocs.commands.serve import serve

    root = Path(root).resolve()
    serve(config_file=str(root / "mkdocs.yml"), livereload=True, dev_addr=f"{host}:{port}")
