"""`casecast build` and `casecast serve`: MkDocs run into a fresh folder, swapped in only on success."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

import jinja2
from mkdocs.exceptions import Abort, BuildError, ConfigurationError, PluginError

from generator.i18n import _
from generator.pipeline import Built, remove_abandoned_builds
from generator.site.text import template_error
from generator.swap import recover, swap_in

log = logging.getLogger("mkdocs.plugins.casecast")
PORTABLE = "site-portable"  # beside site/: the intranet build is never changed by a portable one


def build_site(
    root: Path,
    *,
    strict: bool = False,
    drafts: bool = False,
    today: str | None = None,
    exports: list[str] | None = None,
    portable: bool = False,
) -> Built:
    """Build into a fresh folder and swap it in only on success: a failed build leaves site/ as it was.

    The content is loaded and checked once, inside the build (the plugin's on_config). `portable` builds the
    pages alone into site-portable/ for reading from a folder or a USB stick without a server: Material's
    offline plugin, and links to .html files; site/ is left as it is."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = Path(root).resolve()
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), strict=strict)
    except (ConfigurationError, Abort) as error:  # MkDocs has already said which setting, and why
        log.error(_("mkdocs.yml: {error}", error=error))
        return Built(False, None)
    plugin = config.plugins["casecast"]
    plugin.config.drafts = drafts
    if exports is not None:
        plugin.config.exports = exports
    if today:
        plugin.config.today = today
    if portable:
        offline = config.plugins.get("material/offline")
        if offline is None:
            log.error(_("mkdocs.yml has no 'offline' plugin, which a portable site needs: add it as the sample does"))
            return Built(False, None)
        offline.config.enabled = True
        plugin.config.portable = True
        plugin.config.exports = []  # pages only: slides have `casecast export slides`
        config.site_dir = str(root / PORTABLE)
    final = Path(config.site_dir)
    plugin.previous_site = None if portable else final
    recover(final)
    remove_abandoned_builds(final.parent)
    work = Path(tempfile.mkdtemp(prefix=f".casecast-build-{os.getpid()}-", dir=final.parent))
    work.chmod(0o755)  # mkdtemp makes it private; the web server's user must be able to read the site
    config.site_dir = str(work)
    try:
        build(config)
    except (Abort, PluginError) as error:
        if not isinstance(error.__context__, BuildError):  # else MkDocs has said it (and adds "Aborted with…")
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
    swap_in(work, final, background=True)
    return Built(True, plugin.loaded)


def serve_site(root: Path, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    from mkdocs.commands.serve import serve

    root = Path(root).resolve()
    serve(config_file=str(root / "mkdocs.yml"), livereload=True, dev_addr=f"{host}:{port}")
