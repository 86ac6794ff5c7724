"""The `casecast` command: build, serve, check, new."""

from __future__ import annotations

import datetime as dt
import difflib
import logging
import sys
from collections.abc import Callable
from pathlib import Path

import click

from generator import i18n
from generator.checking import check_project, checked_files
from generator.i18n import _
from generator.problems import format_json, format_text
from generator.scaffold import ScaffoldError, new_alert, new_case, new_theme

ONLY_CHOICES = ("site", "slides", "mobile", "wechat")  # "site" and generator.pipeline.OUTPUTS


def lang_option(*, content: bool = False):
    """--lang, on every command that talks to staff: the language of its messages. On `new` and `export` it
    is also the language of the version written or exported (any of the site's languages)."""
    if content:
        return click.option(
            "--lang",
            default=None,
            help="Language of this version, e.g. ko (and of the messages, if zh, ko or en); "
            "default: the site's default.",
        )
    return click.option(
        "--lang",
        type=click.Choice(i18n.LANGUAGES, case_sensitive=False),
        default=None,
        help="Language of the messages; default: CASECAST_LANG, else the site's default language.",
    )


def _project(lang: str | None = None) -> Path:
    """The project (the nearest folder upwards that has mkdocs.yml and content/), and the command's language
    chosen: --lang, else CASECAST_LANG, else the site's default language."""
    root = _find_project()
    i18n.choose(lang, root)
    if root is None:
        raise click.UsageError(
            _("no Casecast project here: run this inside the folder that has mkdocs.yml and content/")
        )
    return root


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="casecast")
def main() -> None:
    """Turn YAML case files into the monthly consumer-protection education material."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Warnings count as failures too.")
@lang_option()
def check(paths: tuple[Path, ...], fmt: str, strict: bool, lang: str | None) -> None:
    """Validate and lint the content; build nothing."""
    root = _project(lang)
    loaded = check_project(root)
    problems = loaded.problems
    if paths:
        checked = checked_files(root, loaded)
        wanted = [_wanted(path, root, checked) for path in paths]
        problems = type(problems)(
            p for p in problems if any(p.file == w or p.file.startswith(w.rstrip("/") + "/") for w in wanted)
        )
    if fmt == "json":
        click.echo(format_json(problems, loaded.files))
    else:
        click.echo(format_text(problems), err=False)
        if strict and problems.failed(strict) and not problems.failed():
            click.echo(_("--strict: warnings and what waits for review count as failures (exit 1)"))
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
@click.option(
    "--portable", is_flag=True, help="Build the pages into site-portable/, to open from a folder or USB stick."
)
@lang_option()
def build(strict: bool, drafts: bool, only: str, portable: bool, lang: str | None) -> None:
    """Build the site (and exports) into site/."""
    root = _project(lang)
    if portable:
        _build_portable(root, strict, drafts)
        return
    parts = [p.strip() for p in only.split(",") if p.strip()]
    unknown = [p for p in parts if p not in ONLY_CHOICES]
    if unknown or not parts:
        raise click.BadParameter(_("choose from {choices}", choices=", ".join(ONLY_CHOICES)), param_hint="--only")
    _quiet_logs()
    exports = [p for p in parts if p != "site"]
    if "site" in parts:
        from generator.plugin import build_site  # the MkDocs adapter

        built = build_site(root, strict=strict, drafts=drafts, exports=exports)
    else:
        from generator.pipeline import build_exports  # slides and mobile files need no MkDocs

        built = build_exports(root, exports, strict=strict)
    if not built:
        click.echo(_("build failed; site/ was left as it was"), err=True)
        sys.exit(1)
    problems = built.loaded.problems if built.loaded else None
    if problems is not None and problems.failed(building=True):
        left_out = sorted(problems.files_with_errors())
        if left_out:
            click.echo(
                _(
                    "site built in {folder}, without what the errors above concern ({count} file(s) left out entirely)",
                    folder=root / "site",
                    count=len(left_out),
                )
            )
        else:
            click.echo(_("site built in {folder}, without what the errors above concern", folder=root / "site"))
        sys.exit(1)
    click.echo(_("site built in {folder}", folder=root / "site"))


def _build_portable(root: Path, strict: bool, drafts: bool) -> None:
    _quiet_logs()
    from generator.plugin import build_site
    from generator.plugin.commands import PORTABLE

    built = build_site(root, strict=strict, drafts=drafts, portable=True)
    if not built:
        click.echo(_("build failed; {folder} was left as it was", folder=PORTABLE), err=True)
        sys.exit(1)
    click.echo(
        _(
            "portable site built in {folder}: copy the folder to a USB stick or a shared drive and open "
            "index.html in it; no server is needed",
            folder=root / PORTABLE,
        )
    )
    if built.loaded is not None and built.loaded.problems.failed(building=True):
        sys.exit(1)


@main.command()
@click.option("--port", default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@lang_option()
def serve(port: int, host: str, lang: str | None) -> None:
    """Live preview with drafts; saving a file under content/ rebuilds and reloads the page."""
    root = _project(lang)
    _quiet_logs()
    for name in ("mkdocs.livereload", "mkdocs.commands.serve"):
        logging.getLogger(name).setLevel(logging.INFO)  # "Detected file changes", "Serving on ..."
    from generator.plugin import serve_site

    address = f"http://{host}:{port}/"
    click.echo(_("previewing on {address} (drafts shown) — Ctrl+C to stop", address=address))
    serve_site(root, host=host, port=port)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--sheet",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write FILE.png: every waiting case's slides on every display, on one sheet.",
)
@lang_option()
def review(fmt: str, sheet: Path | None, lang: str | None) -> None:
    """List every case (and urgent alert) with its review status, number, reviewer, date and expiry."""
    from generator.buildinfo import build_time
    from generator.review_report import (
        alert_rows,
        format_alert_rows_text,
        format_rows_json,
        format_rows_text,
        review_rows,
    )

    root = _project(lang)
    today = dt.date.today()
    loaded = check_project(root, today, build_time())
    rows, alerts = review_rows(loaded, today), alert_rows(loaded, loaded.now)
    if fmt == "json":
        click.echo(format_rows_json(rows, alerts))
    else:
        click.echo(format_rows_text(rows) + ("\n\n" + format_alert_rows_text(alerts) if alerts else ""))
    if sheet is not None:
        _write_review_sheet(root, loaded, today, sheet)


def _write_review_sheet(root: Path, loaded, today: dt.date, sheet: Path) -> None:
    from generator.preview import review_sheet
    from generator.slides.fonts import FontNotFound
    from generator.slides.layout import LayoutError

    try:
        data, count = review_sheet(root, loaded, today)
    except (LayoutError, FontNotFound) as error:
        click.echo(_("error: {message}", message=error), err=True)
        sys.exit(1)
    if data is None:
        click.echo(
            _("nothing is waiting for review that can be shown on the screens; {file} was not written", file=sheet),
            err=True,
        )
        return
    sheet.parent.mkdir(parents=True, exist_ok=True)
    sheet.write_bytes(data)
    click.echo(_("wrote {file}: the slides of {count} case version(s) waiting for review", file=sheet, count=count))


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
@lang_option(content=True)
@click.option("--number", required=True, help="The review number, e.g. XB-2026-031.")
@click.option("--reviewer", required=True, help="Who approves, e.g. 消费者权益保护办公室.")
@click.option("--until", type=_Day(), default=None, help="Last day the approval is valid (YYYY-MM-DD).")
@click.option(
    "--alert/--case",
    "alert",
    default=None,
    help="ID is an urgent alert (content/alerts/) or a case; needed only when both have that id.",
)
def approve(
    case_id: str, lang: str | None, number: str, reviewer: str, until: dt.date | None, alert: bool | None
) -> None:
    """The office's sign-off: write the review block of case (or alert) CASE_ID, bound to its text as it is now."""
    from generator.approval import short
    from generator.approve import ApproveError, ApproveUsage, approve_case

    root = _project(lang)
    folder = None if alert is None else "alerts" if alert else "cases"
    try:
        done = approve_case(root, case_id, lang, number, reviewer, until, dt.date.today(), folder)
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
            until=_until_words(approval.until, done.kept_until),
            digest=short(approval.digest),
        )
    )


def _until_words(until: dt.date | None, kept: bool) -> str:
    if until is None:
        return ""
    if kept:
        return _(", still valid until {date} as before (--until gives another day)", date=until.isoformat())
    return _(", valid until {date}", date=until.isoformat())


@main.command()
@click.option("--to", "target", required=True, type=click.Path(path_type=Path), help="The web server's folder.")
@click.option("--rollback", is_flag=True, help="Switch back to the release before the current one.")
@click.option("--list", "show", is_flag=True, help="List the releases with build time, content version, hash.")
@click.option("--keep", default=5, show_default=True, help="How many releases to keep.")
@click.option("--allow-warnings", is_flag=True, help="Publish a build that has warnings.")
@lang_option()
def publish(target: Path, rollback: bool, show: bool, keep: int, allow_warnings: bool, lang: str | None) -> None:
    """Publish the last build to DIR/releases/<time>/ and switch DIR/current to it in one step."""
    from generator.buildinfo import forget_hashes
    from generator.publish import ChangedSinceBuild, PublishError, list_releases
    from generator.publish import publish as publish_site
    from generator.publish import rollback as roll_back

    target = target.resolve()
    if show or rollback:  # the server's folder, wherever this is run
        i18n.choose(lang, _find_project())
    root = None if show or rollback else _project(lang)

    def waiting() -> None:
        click.echo(_("another publish to {target} is under way; waiting for it to finish…", target=target), err=True)

    try:
        if show:
            releases = list_releases(target)
            for r in releases:
                mark = "*" if r.current else " "
                click.echo(
                    _(
                        "{mark} {name}  built {built}  content {content}  tree {tree}",
                        mark=mark,
                        name=r.name,
                        built=r.built,
                        content=r.content[:12] + ("+uncommitted" if r.content.endswith("+uncommitted") else ""),
                        tree=r.tree[:16],
                    )
                )
            if not releases:
                click.echo(_("no releases in {target}", target=target))
            return
        if rollback:
            release = roll_back(target, waiting)
            click.echo(
                _(
                    "{current} now serves {name} (built {built})",
                    current=target / "current",
                    name=release.name,
                    built=release.built,
                )
            )
            return
        release = publish_site(root / "site", target, keep=keep, allow_warnings=allow_warnings, waiting=waiting)
    except PublishError as error:
        if isinstance(error, ChangedSinceBuild) and root is not None:
            forget_hashes(root)  # so that building again, as the message says, reads every file anew
        click.echo(_("error: {message}", message=error), err=True)
        sys.exit(1)
    click.echo(
        _(
            "published {name} (tree {tree}); {current} now serves it",
            name=release.name,
            tree=release.tree[:16],
            current=target / "current",
        )
    )


@main.group()
def export() -> None:
    """Pack material for a device: slides for a USB stick."""


@export.command("slides")
@click.option("--display", "display", required=True, help="A display name from content/site.yaml, e.g. led-wall.")
@click.option("--month", required=True, help="YYYY-MM")
@lang_option(content=True)
@click.option("-o", "output", required=True, type=click.Path(path_type=Path), help="The .zip file to write.")
def export_slides(display: str, month: str, lang: str | None, output: Path) -> None:
    """Write one display's slides for one month as a zip: images, playlist.json, index.html."""
    import tempfile

    from generator.checking import SITE_FILE, publishable
    from generator.slides import export_zip

    root = _project(lang)
    loaded = check_project(root)
    content = publishable(loaded)
    if content is None or SITE_FILE in loaded.problems.files_with_errors():
        click.echo(format_text(loaded.problems), err=True)
        sys.exit(1)
    lang = lang or content.site.default_language
    if display not in content.site.displays:
        raise click.BadParameter(
            _("choose one of {choices}", choices=", ".join(content.site.displays)), param_hint="--display"
        )
    if (month, lang) not in content.themes:
        months = sorted(m for m, l in content.themes if l == lang)
        raise click.BadParameter(
            _("no '{lang}' theme for {month}; there are: {months}", lang=lang, month=month, months=", ".join(months)),
            param_hint="--month",
        )
    _quiet_logs()
    from generator.pipeline import write_slides

    with tempfile.TemporaryDirectory() as tmp:
        write_slides(root, loaded, Path(tmp), dt.date.today(), only=(display, month, lang))
        count = export_zip(Path(tmp) / display / month / lang, output.resolve())
    click.echo(_("wrote {output} ({count} files: slides, playlist.json, index.html)", output=output, count=count))


@main.command(hidden=True)
def schema() -> None:
    """Rewrite content/schema/*.schema.json from the models (for editors' completion)."""
    from generator.schema import write_schemas

    root = _project()
    for path in write_schemas(root / "content" / "schema"):
        click.echo(_("wrote {file}", file=path.relative_to(root).as_posix()))


@main.group()
def new() -> None:
    """Start a new content file from a commented template."""


@new.command("case")
@click.argument("case_id")
@lang_option(content=True)
def new_case_command(case_id: str, lang: str | None) -> None:
    """Write content/cases/CASE_ID.yaml (or CASE_ID.LANG.yaml) to fill in."""
    _write_new(lambda root: new_case(root, case_id, lang), lang)


@new.command("theme")
@click.argument("month")
@lang_option(content=True)
def new_theme_command(month: str, lang: str | None) -> None:
    """Write content/themes/MONTH.yaml (or MONTH.LANG.yaml), MONTH as YYYY-MM, to fill in."""
    _write_new(lambda root: new_theme(root, month, lang), lang)


@new.command("alert")
@click.argument("alert_id")
@lang_option(content=True)
def new_alert_command(alert_id: str, lang: str | None) -> None:
    """Write content/alerts/ALERT_ID.yaml (or ALERT_ID.LANG.yaml), an urgent alert, to fill in."""
    _write_new(lambda root: new_alert(root, alert_id, lang), lang)


# -----------------------------------------------------------------------------
# helpers
# -----------------------------------------------------------------------------


def _write_new(write: Callable[[Path], Path], lang: str | None) -> None:
    """`casecast new …`: write the file to fill in and say where, or say why not (exit 2)."""
    root = _project(lang)
    try:
        path = write(root)
    except ScaffoldError as error:
        click.echo(_("error: {message}", message=error), err=True)
        sys.exit(2)
    click.echo(
        _(
            "wrote {file}: fill in the places marked TODO, then run 'casecast check'",
            file=path.relative_to(root).as_posix(),
        )
    )


def _find_project() -> Path | None:
    here = Path.cwd().resolve()
    return next((f for f in (here, *here.parents) if (f / "mkdocs.yml").is_file() and (f / "content").is_dir()), None)


def _wanted(path: Path, root: Path, checked: set[str]) -> str:  # noqa: RET503 (exits)
    """A PATH given to `check`, as the project-relative prefix of the files it means; one that means no file
    Casecast checks is bad usage, never an all-clear."""
    wanted = _relative(path, root)
    prefix = wanted.rstrip("/") + "/"
    if wanted in checked or any(file.startswith(prefix) for file in checked):
        return wanted
    if path.exists():
        said = [_("{path} is not a file Casecast checks.", path=path)]
    else:
        said = [_("{path} does not exist.", path=path)]
    by_name = {Path(f).name: f for f in sorted(checked, reverse=True)}
    guess = difflib.get_close_matches(Path(wanted).name, list(by_name), n=1, cutoff=0.75)
    if guess:
        said.append(_("Did you mean {file}?", file=by_name[guess[0]]))
    cases = sum(f.startswith("content/cases/") for f in checked)
    themes = sum(f.startswith("content/themes/") for f in checked)
    said.append(
        _(
            "Casecast checks content/site.yaml, {cases} case file(s) in content/cases/ and {themes} theme file(s) "
            "in content/themes/ (run 'casecast check' without a path for all of them).",
            cases=cases,
            themes=themes,
        )
    )
    message = i18n.sentences(said)
    click.echo(_("error: {message}", message=message), err=True)
    sys.exit(2)  # bad usage


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
