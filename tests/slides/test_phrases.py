"""Lines break as a reader reads: Chinese between BudouX phrases, Korean between words, a number with its unit,
never one character alone on the last line. Checked over every text of the sample and the lines in lines.py,
at every width from 5 to 16 characters, and on the slides the sample actually gets."""

from __future__ import annotations

import re
from pathlib import Path

import budoux
import pytest
import yaml

from generator.phrases import NO_LINE_START, visible
from generator.slides.fit import break_lines
from tests.conftest import REPO
from tests.slides.lines import KO, ZH

PARSER = budoux.load_default_simplified_chinese_parser()
HAN = re.compile(r"[\u4e00-\u9fff]")
HANGUL = re.compile(r"[\uac00-\ud7af]")
NUMBER_UNIT = re.compile(r"[0-9][元万亿千百个岁天次%％]")


def sample_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted((REPO / "content").glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in ("title", "slogan"):
            if isinstance(data.get(key), str):
                texts.append(data[key])
        for key in ("red_flags", "advice", "slogans"):
            texts += [item for item in data.get(key) or [] if isinstance(item, str)]
    return texts


def allowed_breaks(text: str) -> set[int]:
    """Offsets a line may end at: spaces, and BudouX's phrase boundaries inside a Chinese word (but not between a
    number and its unit). A Korean or Latin word is never broken, but after a middle dot or a slash that joins
    two words (검찰·경찰, 쇼핑몰·택배사), as a list of nouns is in print."""
    allowed: set[int] = set()
    offset = 0
    for word in re.split(r"( )", text):
        if word == " ":
            allowed |= {offset, offset + 1}
        elif not HAN.search(word) or HANGUL.search(word):
            allowed |= {offset + m.end() for m in re.finditer(r"[·/](?=[^\W\d_])", word)}
        elif HAN.search(word) and not HANGUL.search(word):
            at = offset
            for chunk in PARSER.parse(word)[:-1]:
                at += len(chunk)
                allowed.add(at)
        offset += len(word)
    return {a for a in allowed if not NUMBER_UNIT.match(text, a - 1)}


def breaks(text: str, lines: list[str]) -> list[int]:
    at, out = 0, []
    for line in lines[:-1]:
        assert text.startswith(line, at), (text, lines)
        at += len(line)
        out.append(at)
        while text[at : at + 1] == " ":
            at += 1
    return out


def _last_phrase(line: str) -> str:
    if " " in line:
        return line.rsplit(" ", 1)[1]
    return PARSER.parse(line)[-1] if HAN.search(line) else line


def bad_lines(text: str, lines: list[str], width: float) -> list[str]:
    text = " ".join(text.split())
    wrong = [f"break at {b}: {text[:b]}|{text[b:]}" for b in breaks(text, lines) if b not in allowed_breaks(text)]
    if len(lines) > 1 and visible(lines[-1]) <= 1 and chars(_last_phrase(lines[-2]) + " " + lines[-1]) <= width:
        wrong.append(f"last line alone: {lines}")
    wrong += [f"line starts with {line[0]}: {lines}" for line in lines[1:] if line[0] in NO_LINE_START]
    return wrong


def chars(text: str) -> float:
    return sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in text)


ALL = sample_texts() + ZH + KO


def test_there_is_enough_to_check() -> None:
    assert len(ZH) + len(KO) >= 30
    assert all(8 <= len(line) <= 40 for line in ZH + KO)
    assert len(sample_texts()) > 100


@pytest.mark.parametrize("width", range(5, 17))
def test_no_line_breaks_inside_a_phrase_or_leaves_one_character(width: int) -> None:
    wrong = []
    for text in ALL:
        lines = break_lines(text, width, chars)
        if lines is not None:
            wrong += bad_lines(text, lines, width)
    assert not wrong, "\n".join(wrong)


def test_the_lines_from_the_first_release_read_well() -> None:
    assert break_lines("对方让你马上转款", 5, chars) == ["对方让你", "马上转款"]
    assert "交钱" in "".join(break_lines("放款之前先交钱", 4, chars)[-1:])
    assert break_lines("公检法没有安全账户", 5, chars) == ["公检法", "没有安全", "账户"] or all(
        "安全" in line or "安" not in line for line in break_lines("公检法没有安全账户", 5, chars)
    )
    assert any("300元" in line for line in break_lines("只需缴纳300元手续费就能放款", 6, chars))
    lines = break_lines("“税费返还”只能在官方渠道办理", 7, chars)
    assert lines[0].startswith("“税费返还”")


def test_every_slide_the_sample_gets_breaks_by_phrase(tmp_path: Path) -> None:
    from tests.conftest import copy_project
    from tests.slides.test_slides import planner

    project = copy_project(tmp_path / "project")
    plan = planner(project)
    wrong, seen = [], 0
    for name, display in plan.content.site.displays.items():
        for theme in plan.content.themes.values():
            for slide in plan.month(name, display, theme):
                for block in slide.blocks:
                    if block.role in ("header", "footer", "review") or len(block.lines) < 2:
                        continue
                    seen += 1
                    if block.role != "flags":
                        wrong += [f"{name} {slide.name}: {w}" for w in _slide_lines(block.lines)]
    assert seen > 20
    assert not wrong, "\n".join(wrong)


def _slide_lines(lines: tuple[str, ...]) -> list[str]:
    out = []
    if visible(lines[-1]) <= 1:
        out.append(f"last line alone: {lines}")
    out += [f"line starts with {line[0]}: {lines}" for line in lines[1:] if line[:1] in NO_LINE_START]
    return out


@pytest.mark.parametrize(
    ("text", "word"),
    [("“断卡”行动宣传月 · 守好你的账户", "守好"), ("出租银行卡“日赚300元”？", "银行卡"), ("请到ATM机上转账", "ATM"),
     ("不租不借不卖银行卡", "不租"), ("以案说险", "以案")],
)  # fmt: skip
def test_a_character_budoux_cuts_off_stays_with_a_neighbour(text: str, word: str) -> None:
    """BudouX, unsure, cuts single characters off (守|好, 银行|卡, AT|M): no line breaks there, at any width."""
    for width in range(3, 13):
        lines = break_lines(text, width, chars)
        if lines is not None:
            assert any(word in line for line in lines), (width, lines)
