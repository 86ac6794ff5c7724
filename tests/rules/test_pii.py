"""Personal data: real numbers are caught, masked forms, service numbers and dates never are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.checking import check_project
from generator.rules.pii import cn_id_valid, find_personal_data, luhn_valid

W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def with_check_digit(first17: str) -> str:
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, W, strict=True)) % 11]


def luhn_complete(prefix: str) -> str:
    for last in "0123456789":
        if luhn_valid(prefix + last):
            return prefix + last
    raise AssertionError


def rules(text: str) -> list[str]:
    return [f.rule for f in find_personal_data(text) if f.severity == "error"]


VALID_ID = with_check_digit("11010519900307123")


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (f"客户身份证号{VALID_ID}，住址", "pii-cn-id"),
        ("联系电话13812345678", "pii-phone"),
        ("电话 138 1234 5678", "pii-phone"),
        ("电话 +86 138-1234-5678", "pii-phone"),
        ("全角１３８１２３４５６７８", "pii-phone"),
        ("卡号 6222 0212 3456 7890 128"[:0] + "卡号 " + luhn_complete("622202123456789012"), "pii-bank-card"),
        ("卡号 4111-1111-1111-1111", "pii-bank-card"),
        ("주민등록번호 900101-1234567", "pii-kr-rrn"),
        ("주민등록번호 0503154123456", "pii-kr-rrn"),
        ("연락처 010-1234-5678", "pii-phone"),
        ("문의 +82 10 1234 5678", "pii-phone"),
        ("邮箱 wang.li@example.com", "pii-email"),
    ],
)
def test_unmasked_personal_data_is_caught(text: str, rule: str) -> None:
    assert rules(text) == [rule]


@pytest.mark.parametrize(
    "text",
    [
        "138****5678",
        "6222 **** **** 0128",
        "110105********002X",
        "010-****-5678",
        "900101-1******",
        "请拨打95588或96110反诈专线",
        "한국 경찰 112, 금융감독원 1332",
        "审查日期2026-02-20，编号XB-2026-031",
        "20260220",
        "退税款7000多元，损失2万余元",
        "订单号 2026 0220",
    ],
)
def test_masked_forms_service_numbers_and_dates_do_not_fire(text: str) -> None:
    assert find_personal_data(text) == []


def test_an_id_with_a_wrong_check_digit_is_not_an_id() -> None:
    wrong = VALID_ID[:-1] + ("0" if VALID_ID[-1] != "0" else "1")
    assert not cn_id_valid(wrong)
    assert "pii-cn-id" not in [f.rule for f in find_personal_data(wrong)]


def test_a_long_digit_run_failing_luhn_is_only_a_warning() -> None:
    (finding,) = find_personal_data("号码 1234567890123456")
    assert (finding.rule, finding.severity) == ("pii-bank-card", "warning")


def test_an_rrn_with_a_failed_checksum_is_still_caught() -> None:
    # Numbers issued since October 2020 have no check digit; date and 7th digit are enough.
    assert rules("901231-2000000") == ["pii-kr-rrn"]


# -- properties -----------------------------------------------------------------

dates = st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2025, 12, 31))
regions = st.integers(110000, 659999).map(str)


@given(regions, dates, st.integers(0, 999))
def test_every_valid_id_number_is_caught_and_its_masked_form_never(region: str, born: dt.date, seq: int) -> None:
    number = with_check_digit(f"{region}{born:%Y%m%d}{seq:03d}")
    assert "pii-cn-id" in rules(f"身份证{number}号")
    assert find_personal_data(f"身份证{number[:6]}********{number[-4:]}号") == []


@given(st.sampled_from("4562"), st.text("0123456789", min_size=14, max_size=17))
def test_every_luhn_valid_card_is_caught_and_its_masked_form_never(first: str, middle: str) -> None:
    number = luhn_complete(first + middle)
    grouped = " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    assert "pii-bank-card" in rules(f"卡号{grouped}")
    assert "pii-bank-card" in rules(f"卡号{number}")
    assert find_personal_data(f"卡号{number[:4]} **** **** {number[-4:]}") == []


@given(dates, st.sampled_from("12345678"), st.text("0123456789", min_size=6, max_size=6))
def test_every_rrn_is_caught_and_its_masked_form_never(born: dt.date, seventh: str, rest: str) -> None:
    number = f"{born:%y%m%d}-{seventh}{rest}"
    century_ok = (seventh in "1256") == (born.year < 2000)
    if not century_ok:
        return  # the 7th digit says another century: not this person's number
    assert "pii-kr-rrn" in rules(f"번호 {number}")
    assert find_personal_data(f"번호 {number[:8]}******") == []


# -- in the files ---------------------------------------------------------------


def test_an_id_on_the_third_line_of_a_story_is_reported_on_that_line(project: Path) -> None:
    case = project / "content/cases/fake-tax-refund.yaml"
    lines = case.read_text(encoding="utf-8").splitlines()
    story = lines.index("story: |")
    third = story + 3  # 0-based index of the story's third line
    lines[third] = f"  客户身份证号{VALID_ID}，已报警。"
    case.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (problem,) = [p for p in check_project(project).problems if p.rule == "pii-cn-id"]
    assert (problem.line, problem.column) == (third + 1, 9)
    assert VALID_ID not in problem.message  # the report itself does not repeat it


def test_personal_data_in_a_theme_slogan_is_found(project: Path) -> None:
    theme = project / "content/themes/2026-06.yaml"
    text = theme.read_text(encoding="utf-8").replace("  - 高收益背后是高风险", "  - 有疑问请联系13912345678")
    theme.write_text(text, encoding="utf-8")
    (problem,) = [p for p in check_project(project).problems if p.rule == "pii-phone"]
    assert problem.file == "content/themes/2026-06.yaml" and problem.severity == "error"


# -- what a reviewer would still see: numbers written to slip past a pattern -----------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (f"身份证 {VALID_ID[:6]} {VALID_ID[6:14]} {VALID_ID[14:]}", "pii-cn-id"),
        (f"身份证 {VALID_ID[:6]}.{VALID_ID[6:14]}.{VALID_ID[14:]}", "pii-cn-id"),
        (f"身份证 {VALID_ID[:6]}-{VALID_ID[6:10]}-{VALID_ID[10:14]}-{VALID_ID[14:]}", "pii-cn-id"),
        ("卡号 4111.1111.1111.1111", "pii-bank-card"),
        ("电话 138.1234.5678", "pii-phone"),
        ("电话 1\u200e3\u200e8 1234 5678", "pii-phone"),
        ("电话 138\u20631234\u20635678", "pii-phone"),
        ("电话 0086 138 1234 5678", "pii-phone"),
        ("电话 0086-13812345678", "pii-phone"),
        ("주민등록번호 900101.1234567", "pii-kr-rrn"),
        ("주민등록번호 900101 - 1234567"[:0] + "주민등록번호 900101\u200e-1234567", "pii-kr-rrn"),
        ("문의 0082 10 1234 5678", "pii-phone"),
        ("문의 0082-10-1234-5678", "pii-phone"),
        ("전화 010.1234.5678", "pii-phone"),
        ("客服说 95599 13812345678 都能打", "pii-phone"),
        ("邮箱 wang.li at example.com", "pii-email"),
        ("메일 kim(at)example.co.kr", "pii-email"),
        ("email: li [at] example [dot] com", "pii-email"),
        ("邮箱 wang＠example.com", "pii-email"),
    ],
)
def test_numbers_and_addresses_written_to_slip_past_are_caught(text: str, rule: str) -> None:
    assert rules(text) == [rule], find_personal_data(text)


@pytest.mark.parametrize(
    "text",
    [
        "订单号 " + luhn_complete("412345678901234"),  # a Luhn-valid order number
        "快递单号：" + luhn_complete("622202123456789"),
        "2019 2020 2021 2022",  # a list of years
        "2019-2020-2021-2022年度",
        "运单号 8801011234567",  # a waybill number shaped like a resident number
        "운송장 번호 9001011234567",
        "立即拨打反诈专线010-12345678",  # a Beijing landline, not a Korean number
        "visit us at demo-bank.com",
        "Look at example.com for the rules",
    ],
)
def test_order_numbers_years_waybills_and_sentences_are_not_personal_data(text: str) -> None:
    assert [f for f in find_personal_data(text) if f.severity == "error"] == [], find_personal_data(text)


def test_a_case_file_named_with_a_phone_number_is_reported(project: Path) -> None:
    source = project / "content/cases/card-renting.yaml"
    source.rename(project / "content/cases/13812345678.yaml")
    problems = check_project(project).problems
    (problem,) = [p for p in problems if p.file == "content/cases/13812345678.yaml" and p.label != "notice"]
    assert problem.rule == "pii-phone" and "file name" in problem.message and "13812345678" not in problem.message


def test_personal_data_in_site_yaml_is_found_but_the_banks_own_numbers_are_not(project: Path) -> None:
    site = project / "content/site.yaml"
    text = site.read_text(encoding="utf-8").replace("每日 8:30–20:30", "每日 8:30–20:30，值班经理王某 13912345678")
    site.write_text(text, encoding="utf-8")
    (problem,) = [p for p in check_project(project).problems if p.file == "content/site.yaml"]
    assert problem.rule == "pii-phone" and problem.line == 14  # the hours line; hotline 95599 is not reported


# -- phone numbers by country and kind ---------------------------------------------------------------


def phones(text: str, lang: str | None = None, public: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    return [(f.severity, f.message) for f in find_personal_data(text, lang, public) if f.rule == "pii-phone"]


@pytest.mark.parametrize(
    "text", ["客户家中座机010-12345678", "电话 021-87654321", "座机 (0755)12345678", "010-8888-6666"]
)
def test_a_chinese_landline_in_a_chinese_file_is_a_landline_warning_never_a_korean_number(text: str) -> None:
    ((severity, message),) = phones(text, "zh")
    assert severity == "warning" and "landline" in message and "Korean" not in message
    assert "public_numbers" in message  # and says how to mark an institution's number as public


@pytest.mark.parametrize(
    "text",
    ["立即拨打反诈专线010-12345678", "服务热线：021-87654321", "请拨打客服电话 0755-12345678", "96110", "12345", "110"],
)
def test_a_hotline_said_to_be_one_and_short_public_numbers_are_not_personal_data(text: str) -> None:
    assert phones(text, "zh") == []


def test_a_korean_mobile_is_a_mobile_and_a_korean_landline_a_warning() -> None:
    ((severity, message),) = phones("연락처 010-1234-5678", "ko")
    assert severity == "error" and "mobile" in message
    ((severity, message),) = phones("사무실 02-123-4567", "ko")
    assert severity == "warning" and "landline" in message
    assert phones("010-1234-5678", "ko") != phones("010-1234-5678", "zh")  # the file's country decides


@pytest.mark.parametrize(
    "text", ["13812345678", "+86 138 1234 5678", "+8613812345678", "0086 13812345678", "（+86）199-1234-5678"]
)
def test_a_chinese_mobile_is_caught_with_or_without_the_country_code(text: str) -> None:
    for lang in ("zh", "ko", None):  # a Chinese mobile, whatever the file's language
        ((severity, message),) = phones(f"联系{text}", lang)
        assert severity == "error" and "mobile" in message


def test_twelve_and_eleven_digit_numbers_not_starting_1_3_to_9_are_no_chinese_mobile() -> None:
    assert phones("编号 12812345678", "zh") == [] and phones("编号 10012345678", "zh") == []


@given(st.sampled_from("3456789"), st.text("0123456789", min_size=9, max_size=9), st.sampled_from(["", "+86 ", "0086"]))
def test_every_chinese_mobile_is_caught_and_its_masked_form_never(second: str, rest: str, prefix: str) -> None:
    number = f"1{second}{rest}"
    assert [severity for severity, _ in phones(f"客户手机{prefix}{number}，已报警", "zh")] == ["error"]
    assert phones(f"客户手机{number[:3]}****{number[-4:]}，已报警", "zh") == []


@given(st.sampled_from(["010", "011", "016", "019"]), st.text("0123456789", min_size=4, max_size=4))
def test_every_korean_mobile_is_caught_in_a_korean_file(prefix: str, last: str) -> None:
    assert [severity for severity, _ in phones(f"연락처 {prefix}-1234-{last}", "ko")] == ["error"]
    assert phones(f"연락처 {prefix}-****-{last}", "ko") == []


def test_numbers_in_public_numbers_and_the_banks_own_are_not_reported(project: Path) -> None:
    case = project / "content/cases/fake-tax-refund.yaml"
    edit_text = case.read_text(encoding="utf-8").replace("要求当天", "留下座机010-12345678，要求当天")
    case.write_text(edit_text, encoding="utf-8")
    (problem,) = [p for p in check_project(project).problems if p.rule == "pii-phone"]
    assert (problem.file, problem.severity) == ("content/cases/fake-tax-refund.yaml", "warning")
    assert "landline" in problem.message and "Korean" not in problem.message
    site = project / "content/site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8").replace(
            'hotline: "95599"', 'hotline: "95599"\npublic_numbers: ["010-1234 5678"]'
        ),
        encoding="utf-8",
    )
    assert [p for p in check_project(project).problems if p.rule == "pii-phone"] == []
