"""What a build published, read from site/ as staff and the screens find it: pages, slides, playlists,
app files; and the problem lines a command printed."""

from __future__ import annotations

import json
import re
from pathlib import Path

PLACE = re.compile(r"^\S+:\d+:\d+: ")  # file:line:column: at the start of a problem's line
MOBILE = ("{id}.html", "{id}.page.html", "{id}.sms.json", "{id}.txt")  # what the app gets of each case


def problem_lines(output: str) -> list[str]:
    """The lines of a command's output that point at a place in a file."""
    return [line for line in output.splitlines() if PLACE.match(line)]


def says_exactly(project: Path, lines: list[str], summary: str, code: int, *build_args: str) -> str:
    """`casecast check` prints just `lines` and its `summary` ("1 error(s), 0 warning(s)"), and `casecast build`
    (with `build_args`) points at the same lines; both exit with `code`. Returns what the build printed."""
    from tests.test_cli import casecast

    check = casecast(project, "check")
    assert (check.returncode, check.stdout) == (code, "".join(f"{line}\n" for line in lines) + f"{summary}\n")
    build = casecast(project, "build", *build_args)
    assert build.returncode == code and problem_lines(build.stderr) == lines, build.stderr
    return build.stderr


def slides_of(site: Path, display: str, case_id: str) -> list[Path]:
    """The case's slides on one display, every month and language (a long case continues on `<id>-2`)."""
    return sorted(
        path
        for path in (site / "exports/slides" / display).rglob(f"*-case-{case_id}*")
        if re.fullmatch(rf"\d+-case-{re.escape(case_id)}(-\d+)?\.\w+", path.name)
    )


def playlist_cases(site: Path, display: str, month: str, lang: str) -> list[str]:
    """The cases a display's loop shows that month, in order (a case on two slides counts once)."""
    playlist = json.loads((site / "exports/slides" / display / month / lang / "playlist.json").read_text("utf-8"))
    return list(dict.fromkeys(slide["case"] for slide in playlist["slides"] if slide["case"]))


def listed(page: Path, case_id: str) -> bool:
    """The page (a month, a category, the home page) links to the case's page."""
    return f'cases/{case_id}/"' in page.read_text(encoding="utf-8")


def mobile_files(site: Path, lang: str, case_id: str) -> list[str]:
    return sorted(p.name for p in (site / "exports/mobile" / lang).glob(f"{case_id}.*"))


def all_mobile(case_id: str) -> list[str]:
    return sorted(name.format(id=case_id) for name in MOBILE)
