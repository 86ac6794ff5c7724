"""Every red flag reaches the lobby screens, in order, on one case slide or more; the advice shown is advice #1;
and playlist.json carries the text as drawn."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from generator.checking import check_project
from generator.slides.plan import HANG
from tests.conftest import approve_again, copy_project
from tests.slides.test_slides import TODAY, build, planner

CASE = "content/cases/fake-tax-refund.yaml"
LONG_FLAGS = [
    "自称房管局、税务局等政府部门工作人员来电，要求你当天到ATM或自助机上按提示“操作退款”",
    "对方能准确说出你的姓名、住址小区和购房时间，让你相信他真的是政府部门的工作人员",
    "反复催促“今天是最后一天，过期作废”，一直不让你挂断电话，不给你任何核实的时间",
    "叮嘱你“千万不要声张”，不让你告诉家人，也不让你向网点的银行工作人员和警察求助",
]


def flags_shown(slides) -> list[str]:
    """The red flags as a reader sees them across the case's slides: continuation lines joined to their flag."""
    flags: list[str] = []
    for slide in slides:
        block = next(b for b in slide.blocks if b.role == "flags")
        for line in block.lines:
            if line.startswith(HANG):
                flags[-1] += line.removeprefix(HANG)
            else:
                flags.append(line.removeprefix("■ "))
    return flags


def case_slides(project: Path, display_name: str, case_id: str = "fake-tax-refund"):
    plan = planner(project)
    display = plan.content.site.displays[display_name]
    theme = next(t for t in plan.content.themes.values() if case_id in t.theme.cases and t.lang == "zh")
    return [s for s in plan.month(display_name, display, theme) if s.case == case_id and s.kind == "case"], plan


def long_flags(project: Path) -> dict:
    path = project / CASE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    start = text.index("red_flags:")
    end = text.index("advice:")
    block = "red_flags:\n" + "".join(f"  - {flag}\n" for flag in LONG_FLAGS)
    path.write_text(text[:start] + block + text[end:], encoding="utf-8")
    approve_again(project, CASE)
    return data


def test_four_long_red_flags_all_reach_every_lobby_screen_in_order(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = long_flags(project)
    assert all(len(flag) >= 38 for flag in LONG_FLAGS)
    for name in ("lobby-tv", "led-wall", "totem"):
        slides, plan = case_slides(project, name)
        assert 1 <= len(slides) <= 2, (name, [s.name for s in slides])
        assert flags_shown(slides) == LONG_FLAGS, name
        assert not [p for p in plan.problems if p.rule == "too-long" and p.file == CASE], name
        for slide in slides:  # every slide of the case shows advice #1, never a later one
            advice = "".join(next(b for b in slide.blocks if b.role == "advice").lines)
            assert data["advice"][0].replace(" ", "") in advice.replace(" ", ""), (name, advice)
        if len(slides) == 2:
            assert [s.name for s in slides][1].endswith("case-fake-tax-refund-2.png") or "-2." in slides[1].name
            header = "".join(next(b for b in slides[1].blocks if b.role == "header").lines)
            assert "2/2" in header


def test_a_flag_that_cannot_fit_even_alone_is_reported_by_display_and_item(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / CASE
    text = path.read_text(encoding="utf-8")
    huge = "对方说" + "你的账户涉嫌洗钱必须马上配合调查" * 12
    path.write_text(text.replace("red_flags:\n", f"red_flags:\n  - {huge}\n", 1), encoding="utf-8")
    approve_again(project, CASE)
    _, out, result = build(project)
    assert not list((out / "lobby-tv/2026-03/zh").glob("*fake-tax-refund*"))  # withheld from the lobby TV ...
    assert list((out / "led-strip/2026-03/zh").glob("*fake-tax-refund*"))  # ... the strip still shows its slogan
    problems = [p for p in check_project(project, TODAY).problems if p.rule == "too-long" and p.file == CASE]
    assert problems and all(p.scope.startswith("display:") for p in problems)
    lobby = next(p for p in problems if p.scope == "display:lobby-tv")
    assert "red flag 1" in lobby.message and "lobby-tv" in lobby.message
    lines = text.splitlines()
    assert lobby.line == lines.index("red_flags:") + 2  # the flag's own line


def test_the_playlist_carries_each_slides_lines_and_font_size(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _, out, _ = build(project)
    playlist = json.loads((out / "lobby-tv/2026-11/zh/playlist.json").read_text(encoding="utf-8"))
    case = next(s for s in playlist["slides"] if s["kind"] == "case")
    roles = {t["role"]: t for t in case["text"]}
    assert {"title", "flags", "advice"} <= set(roles)
    assert all(isinstance(t["size"], int) and t["size"] > 0 and t["lines"] for t in case["text"])
    assert playlist["display"] == "lobby-tv" and playlist["width"] == 1920
