"""The `casecast` command: build, serve, check, new."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path

import click

from generator.checking import check_project
from generator.i18n import _
from generator.problems import format_json, format_text
from generator.scaffold import ScaffoldError, new_case

ONLY_CHOICES = ("site", "slides", "mobile", "wechat")  # "site" and generator.pipeline.OUTPUTS


def _root() -> Path:
    """The project is the nearest folder upwards that has mkdocs.yml and content/."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "content").is_dir():
            return folder
    raise click.UsageError("no Casecast project here: run this inside the folder that has mkdocs.yml and content/")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="casecast")
def main() -> None:
    """Turn YAML case files into the monthly consumer-protection education material."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Warnings count as failures too.")
def check(paths: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Validate and lint the content; build nothing."""
    root = _root()
    loaded = check_project(root)
    problems = loaded.problems
    if paths:
        wanted = [_relative(p, root) for p in paths]
        problems = type(problems)(
            p for p in problems if any(p.file == w or p.file.startswith(w.rstrip("/") + "/") for w in wanted)
        )
    if fmt == "json":
        click.echo(format_json(problems, loaded.files))
    else:
        click.echo(format_text(problems), err=False)
    sys.exit(1 if problems.failed(strict) else 0)


@main.command()
@click.option("--strict", is_flag=True, help="Any problem fails the build; site/ is left as it was.")
@click.option("--drafts", is_flag=True, help="Include cases not yet approved, under a DRAFT banner.")
@click.option(
    "--only",
    default=",".join(ONLY_CHOICES),
    show_default=True,
    help="Comma-separated: " + ", ".join(ONLY_CHOICES) + ".",
)
def build(strict: bool, drafts: bool, only: str) -> None:
    """Build the site (and exports) into site/."""
    parts = [p.strip() for p in only.split(",") if p.strip()]
    unknown = [p for p in parts if p not in ONLY_CHOICES]
    if unknown or not parts:
        raise click.BadParameter(f"choose from {', '.join(ONLY_CHOICES)}", param_hint="--only")
    root = _root()
    _quiet_logs()
    exports = [p for p in parts if p != "site"]
    if "site" in parts:
        from generator.plugin import build_site  # the MkDocs adapter

        built = build_site(root, strict=strict, drafts=drafts, exports=exports)
    else:
        from generator.pipeline import build_exports  # slides and mobile files need no MkDocs

        built = build_exports(root, exports, strict=strict)
    if not built:
        click.echo("build failed; site/ was left as it was", err=True)
        sys.exit(1)
    problems = built.loaded.problems if built.loaded else None
    if problems is not None and problems.failed(building=True):
        left_out = sorted(problems.files_with_errors())
        click.echo(
            f"site built in {root / 'site'}, without what the errors above concern"
            + (f" ({len(left_out)} file(s) left out entirely)" if left_out else "")
        )
        sys.exit(1)
    click.echo(f"site built in {root / 'site'}")


@main.command()
@click.option("--port", default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
def serve(port: int, host: str) -> None:
    """Live preview with drafts; saving a file under content/ rebuilds and reloads the page."""
    root = _root()
    _quiet_logs()
    for name in ("mkdocs.livereload", "mkdocs.commands.serve"):
        logging.getLogger(name).setLevel(logging.INFO)  # "Detected file changes", "Serving on ..."
    from generator.plugin import serve_site

    click.echo(f"previewing on http://{host}:{port}/ (drafts shown) — Ctrl+C to stop")
    serve_site(root, host=host, port=port)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def review(fmt: str) -> None:
    """List every case with its review status, number, reviewer, date and expiry."""
    from generator.review_report import format_rows_json, format_rows_text, review_rows

    root = _root()
    today = dt.date.today()
    rows = review_rows(check_project(root, today), today)
    click.echo(format_rows_json(rows) if fmt == "json" else format_rows_text(rows))


class _Day(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx) -> dt.date:  # noqa: ANN001
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(_("'{value}' is not a day written YYYY-MM-DD, e.g. 2027-06-15", value=value), param, ctx)


@main.command()
@click.argument("case_id")
@click.option("--lang", default=None, help="Language of the version approved, e.g. ko; default: the site's default.")
@click.option("--number", required=True, help="The review number, e.g. XB-2026-031.")
@click.option("--reviewer", required=True, help="Who approves, e.g. 消费者权益保护办公室.")
@click.option("--until", type=_Day(), default=None, help="Last day the approval is valid (YYYY-MM-DD).")
def approve(case_id: str, lang: str | None, number: str, reviewer: str, until: dt.date | None) -> None:
    """The office's sign-off: write CASE_ID's review block, bound to its text as it is now."""
    from generator.approval import short
    from generator.approve import ApproveError, ApproveUsage, approve_case

    root = _root()
    try:
        done = approve_case(root, case_id, lang, number, reviewer, until, dt.date.today())
    except ApproveError as error:
        click.echo(_("error: {message}", message=str(error)), err=True)
        if error.problems:
            click.echo("\n".join(p.as_text() for p in sorted(error.problems)), err=True)
        sys.exit(2 if isinstance(error, ApproveUsage) else 1)
    approval = done.approval
    click.echo(
        _(
            "approved {file} as {number} by {reviewer} on {date}{until}, bound to its text (digest {digest}); "
            "the next build publishes it",
            file=done.file,
            number=approval.number,
            reviewer=approval.reviewer,
            date=approval.date.isoformat(),
            until=_(", valid until {date}", date=approval.until.isoformat()) if approval.until else "",
            digest=short(approval.digest),
        )
    )


@main.command()
@click.option("--to", "target", required=True, type=click.Path(path_type=Path), help="The web server's folder.")
@click.option("--rollback", is_flag=True, help="Switch back to the release before the current one.")
@click.option("--list", "show", is_flag=True, help="List the releases with build time, content version, hash.")
@click.option("--keep", default=5, show_default=True, help="How many releases to keep.")
@click.option("--allow-warnings", is_flag=True, help="Publish a build that has warnings.")
def publish(target: Path, rollback: bool, show: bool, keep: int, allow_warnings: bool) -> None:
    """Publish the last build to DIR/releases/<time>/ and switch DIR/current to it in one step."""
    from generator.publish import PublishError, list_releases
    from generator.publish import publish as publish_site
    from generator.publish import rollback as roll_back

    target = target.resolve()

    def waiting() -> None:
        click.echo(f"another publish to {target} is under way; waiting for it to finish…", err=True)

    try:
        if show:
            releases = list_releases(target)
            for r in releases:
                mark = "*" if r.current else " "
                click.echo(f"{mark} {r.name}  built {r.built}  content {r.content[:12]}  tree {r.tree[:16]}")
            if not releases:
                click.echo(f"no releases in {target}")
            return
        if rollback:
            release = roll_back(target, waiting)
            click.echo(f"{target / 'current'} now serves {release.name} (built {release.built})")
            return
        release = publish_site(_root() / "site", target, keep=keep, allow_warnings=allow_warnings, waiting=waiting)
    except PublishError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    click.echo(f"published {release.name} (tree {release.tree[:16]}); {target / 'current'} now serves it")


@main.group()
def export() -> None:
    """Pack material for a device: slides for a USB stick."""


@export.command("slides")
@click.option("--display", "display", required=True, help="A display name from content/site.yaml, e.g. led-wall.")
@click.option("--month", required=True, help="YYYY-MM")
@click.option("--lang", default=None, help="Language; default: the site's default.")
@click.option("-o", "output", required=True, type=click.Path(path_type=Path), help="The .zip file to write.")
def export_slides(display: str, month: str, lang: str | None, output: Path) -> None:
    """Write one display's slides for one month as a zip: images, playlist.json, index.html."""
    import tempfile

    from generator.checking import SITE_FILE, publishable
    from generator.slides import export_zip

    root = _root()
    loaded = check_project(root)
    content = publishable(loaded)
    if content is None or SITE_FILE in loaded.problems.files_with_errors():
        click.echo(format_text(loaded.problems), err=True)
        sys.exit(1)
    lang = lang or content.site.default_language
    if display not in content.site.displays:
        raise click.BadParameter(f"choose one of {', '.join(content.site.displays)}", param_hint="--display")
    if (month, lang) not in content.themes:
        months = sorted(m for m, l in content.themes if l == lang)
        raise click.BadParameter(f"no '{lang}' theme for {month}; there are: {', '.join(months)}", param_hint="--month")
    _quiet_logs()
    from generator.pipeline import write_slides

    with tempfile.TemporaryDirectory() as tmp:
        write_slides(root, loaded, Path(tmp), dt.date.today(), only=(display, month, lang))
        count = export_zip(Path(tmp) / display / month / lang, output.resolve())
    click.echo(f"wrote {output} ({count} files: slides, playlist.json, index.html)")


@main.command(hidden=True)
def schema() -> None:
    """Rewrite content/schema/*.schema.json from the models (for editors' completion)."""
    from generator.schema import write_schemas

    root = _root()
    for path in write_schemas(root / "content" / "schema"):
        click.echo(f"wrote {path.relative_to(root)}")


@main.group()
def new() -> None:
    """Start a new content file from a commented template."""


@new.command("case")
@click.argument("case_id")
@click.option("--lang", default=None, help="Language of this version, e.g. ko; default: the site's default.")
def new_case_command(case_id: str, lang: str | None) -> None:
    """Write content/cases/CASE_ID.yaml (or CASE_ID.LANG.yaml) to fill in."""
    root = _root()
    try:
        path = new_case(root, case_id, lang)
    except ScaffoldError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    click.echo(f"wrote {path.relative_to(root)}: fill in the places marked TODO, then run 'casecast check'")


# -----------------------------------------------------------------------------
# helpers
# -----------------------------------------------------------------------------


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


class _Formatter(logging.Formatter):
    """Our problems already say 'error:' or 'warning:'; MkDocs' own messages get their level in front."""

    def format(self, record: logging.LogRecord) -> str:
        if record.name.startswith("mkdocs.plugins.casecast"):
            return record.getMessage()
        return f"{record.levelname}: {record.getMessage()}"


def _quiet_logs() -> None:
    """MkDocs' own chatter stays quiet; our problems and MkDocs warnings still show."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.WARNING)
    logging.getLogger("mkdocs.plugins.casecast").setLevel(logging.INFO)
    import jieba

    jieba.setLogLevel(logging.WARNING)


if __name__ == "__main__":
    main()
