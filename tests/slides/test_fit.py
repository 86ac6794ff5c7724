"""Line breaking: Chinese between phrases with kinsoku, Korean and English between words."""

from __future__ import annotations

from generator.phrases import NO_LINE_END, NO_LINE_START
from generator.slides.fit import balance, break_lines, fit_text


def chars(text: str) -> float:
    return float(len(text))


def test_chinese_breaks_between_phrases() -> None:
    assert break_lines("转账之前多核实陌生来电", 6, chars) == ["转账之前多", "核实陌生来电"]
    assert break_lines("公检法没有安全账户", 5, chars) == ["公检法没有", "安全账户"]


def test_no_closing_punctuation_at_the_start_of_a_line() -> None:
    for mark in "。，、！？）」":
        lines = break_lines(f"一二三四{mark}五六", 4, chars)
        assert lines is not None and all(line[0] not in NO_LINE_START for line in lines), (mark, lines)
        assert any(f"四{mark}" in line for line in lines)  # pushed out together with the character before it


def test_no_opening_bracket_at_the_end_of_a_line() -> None:
    for mark in "（「":
        lines = break_lines(f"一二三{mark}四五六", 4, chars)
        assert lines is not None and all(line[-1] not in NO_LINE_END for line in lines), (mark, lines)


def test_latin_words_and_numbers_inside_chinese_stay_whole() -> None:
    lines = break_lines("请到ATM机上转账7000元", 6, chars)
    assert lines is not None
    assert any("ATM" in line for line in lines) and any("7000元" in line for line in lines)


def test_korean_breaks_between_words_only() -> None:
    lines = break_lines("세금 환급 전화로 이체를 시킨다면 사기입니다", 9, chars)
    assert lines == ["세금 환급 전화로", "이체를 시킨다면", "사기입니다"]


def test_english_breaks_between_words_only() -> None:
    assert break_lines("Refunds never need an ATM", 12, chars) == ["Refunds", "never need", "an ATM"]


def test_a_word_wider_than_the_box_does_not_fit() -> None:
    assert break_lines("Supercalifragilistic", 8, chars) is None


def test_fit_picks_the_largest_size_that_fits() -> None:
    def at(size: int):
        return lambda text: len(text) * size

    fitted = fit_text("转账之前多核实", 700, 100, at, max_size=200, min_size=10, line_height=1.0)
    assert fitted is not None and fitted.size == 100 and fitted.lines == ["转账之前多核实"]


def test_fit_gives_up_below_the_minimum() -> None:
    def at(size: int):
        return lambda text: len(text) * size

    assert fit_text("转账之前多核实陌生来电要警惕", 300, 60, at, max_size=100, min_size=50) is None


def test_lines_are_balanced() -> None:
    assert (
        balance("公检法没有安全账户，请勿转账", 10, 2, chars) == ["公检法没有安全账户，", "请勿转账"]
        or max(map(len, balance("公检法没有安全账户，请勿转账", 10, 2, chars))) <= 8
    )


def test_korean_quoted_words_are_not_split_at_their_quote_marks() -> None:
    lines = break_lines('대출금 받기 전에 "해제 수수료"부터? 가짜 대출 앱의 수법', 14, chars)
    assert lines is not None
    assert all(not line.startswith('"부터') for line in lines)
    assert any('수수료"부터?' in line for line in lines)
