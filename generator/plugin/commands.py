"""`casecast build` and `casecast serve`: MkDocs run into a fresh folder, swapped in only on success."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from generator.buildinfo import build_time
from generator.checking import SITE_FILE, check_project
from generator.labels import LABELS
from generator.loading import Loaded
from generator.plugin.exports import report_problems, write_mobile, write_slides
from generator.site.text import template_error
from generator.swap import recover, swap_in

log = logging.getLogger("mkdocs.plugins.casecast")


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
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), strict=strict)
    except (ConfigurationError, Abort) as error:  # MkDocs has already said which setting, and why
        log.error(f"mkdocs.yml: {error}")
        return Built(False, None)
    plugin = config.plugins["casecast"]
    plugin.config.drafts = drafts
    if exports is not None:
        plugin.config.exports = exports
    if today:
        plugin.config.today = today
    final = Path(config.site_dir)
    plugin.previous_site = final
    recover(final)
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
    swap_in(work, final)
    return Built(True, plugin.loaded)


def build_exports(root: Path, exports: list[str], *, strict: bool = False) -> Built:
    """`casecast build --only slides`: renew site/exports/<kind>/ alone, swapped in whole on success."""
    root = Path(root).resolve()
    today = build_time().date()
    loaded = check_project(root, today)
    report_problems(loaded.problems)
    for file in (LABELS, SITE_FILE):
        if file in loaded.problems.files_with_errors():
            log.error(f"{file} has errors (see above); site/exports/ was left as it was")
            return Built(False, loaded)
    if strict and loaded.problems.failed(strict=True, building=True):
        log.error("build refused (--strict): fix the problems above; site/exports/ was left as it was")
        return Built(False, loaded)
    for kind in exports:
        final = root / "site" / "exports" / kind
        final.parent.mkdir(parents=True, exist_ok=True)
        recover(final)
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
        swap_in(work, final)
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


def serve_site(root: Path, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    from mkdocs.commands.serve import serve

    root = Path(root).resolve()
    serve(config_file=str(root / "mkdocs.yml"), livereload=True, dev_addr=f"{host}:{port}")
