"""Each channel's limits at their edges, counted as the carrier counts, each problem saying the count and the
limit at the field's line: Chinese SMS (70, then 67 a part), Korean SMS / LMS (90 / 2,000 bytes), WeChat
articles (title 32, digest 128, content under 20,000 characters of HTML)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator.channels import korean_bytes, measure, sms_message
from generator.loading import Loaded, load_project
from generator.model import CaseVersion
from generator.problems import SMS, WECHAT, Problems
from generator.rules import sms
from generator.wechat import check_wechat
from tests.conftest import REPO

LABELS = REPO / "theme/pages/labels.yaml"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASECAST_LANG", "en")


@pytest.fixture(scope="module")
def sample() -> Loaded:
    return load_project(REPO)


def version(sample: Loaded, lang: str, **fields: object) -> CaseVersion:
    found = sample.content.case("fake-tax-refund", lang)
    return replace(found, case=found.case.model_copy(update=fields))


def problems_of(sample: Loaded, one: CaseVersion, check=sms.check) -> Problems:
    content = replace(sample.content, cases={(one.id, one.lang): one})
    if check is check_wechat:
        return check_wechat(content, sample.sources, REPO, LABELS)
    return check(content, sample.sources)


def line_of(sample: Loaded, lang: str, key: str) -> int:
    file = sample.content.case("fake-tax-refund", lang).file
    return next(i for i, t in enumerate((REPO / file).read_text(encoding="utf-8").splitlines(), 1) if t.startswith(key))


# -- Chinese SMS ----------------------------------------------------------------


@pytest.mark.parametrize(("body", "count", "parts"), [(64, 70, 1), (65, 71, 2), (128, 134, 2), (129, 135, 3)])
def test_a_chinese_sms_is_counted_with_its_signature_and_split_into_67s(
    sample: Loaded, body: int, count: int, parts: int
) -> None:
    case = version(sample, "zh", sms="防" * body)  # no signature written: the carrier's 【示范银行】 counts
    message = sms_message(case, sample.content.site)
    assert message.text == "【示范银行】" + "防" * body and (message.count, message.parts) == (count, parts)
    found = problems_of(sample, case)
    if parts == 1:
        assert found == []
        return
    (problem,) = found
    assert (problem.rule, problem.severity, problem.line) == ("too-long", "warning", line_of(sample, "zh", "sms:"))
    assert problem.message.startswith(
        f"the text message has {count} characters, the signature included: it goes out as {parts} messages"
    )
    assert "one message holds 70, each part of a longer one 67" in problem.message


def test_a_signature_written_by_staff_is_not_added_again(sample: Loaded) -> None:
    case = version(sample, "zh", sms="防骗提示：挂断电话再核实。【示范银行】")
    assert sms_message(case, sample.content.site).text == "防骗提示：挂断电话再核实。【示范银行】"


def test_a_message_made_from_the_slogan_is_signed_and_never_cut(sample: Loaded) -> None:
    short = sms_message(version(sample, "zh", sms=None, slogan="转" * 80), sample.content.site)
    assert short.text == "【示范银行】接到“退税”电话让你去ATM转账？是诈骗。如有疑问请拨打95599"  # the title fits one
    made = sms_message(version(sample, "zh", sms=None, slogan="转" * 80, title="标" * 90), sample.content.site)
    assert made.text == "【示范银行】" + "转" * 80 + "。咨询95599" and made.field == "slogan" and made.parts == 2
    own = sms_message(version(sample, "zh", sms=None, slogan="退税电话先挂断，拨95599核实"), sample.content.site)
    assert own.text == "【示范银行】退税电话先挂断，拨95599核实。"  # its own hotline is not repeated
    other = sms_message(version(sample, "zh", sms=None, slogan="损失1955990元"), sample.content.site)
    assert other.text.endswith("。如有疑问请拨打95599")  # a number that merely holds the digits is not it


# -- Korean SMS and LMS -----------------------------------------------------------


@pytest.mark.parametrize(("text", "count"), [("가" * 45, 90), ("가" * 45 + "a", 91)])
def test_a_korean_message_over_90_bytes_is_an_lms_and_says_so(sample: Loaded, text: str, count: int) -> None:
    case = version(sample, "ko", sms=text)
    assert korean_bytes(text) == (count, "")
    found = problems_of(sample, case)
    if count <= 90:
        assert found == [] and sms_message(case, sample.content.site).kind == "sms"
        return
    (problem,) = found
    assert (problem.severity, problem.line) == ("warning", line_of(sample, "ko", "sms:"))
    assert problem.message.startswith(
        "the text message has 91 bytes (a Hangul syllable counts 2): over 90 bytes it goes out as an LMS, "
        "which costs more than an SMS, with the subject '[시범은행] 환급은 ATM으로 받지 않습니다'"
    )
    assert korean_bytes("[시범은행] 환급은 ATM으로 받지 않습니다")[0] <= 40


@pytest.mark.parametrize(("text", "severity"), [("가" * 1000, "warning"), ("가" * 1000 + "a", "error")])
def test_a_korean_message_over_2000_bytes_is_withheld(sample: Loaded, text: str, severity: str) -> None:
    (problem,) = problems_of(sample, version(sample, "ko", sms=text))
    assert problem.severity == severity
    if severity == "error":
        assert problem.scope == SMS
        assert problem.message.startswith("the text message has 2001 bytes (a Hangul syllable counts 2); an LMS holds")
        assert "at most 2000: the text message is left out (the rest is published)" in problem.message


def test_a_character_no_korean_carrier_can_send_is_named(sample: Loaded) -> None:
    (problem,) = problems_of(sample, version(sample, "ko", sms="송금 전 확인 🙏 문의 95599"))
    assert (problem.severity, problem.scope) == ("error", SMS) and "'🙏'" in problem.message


def test_an_english_text_is_counted_in_the_gsm_alphabet() -> None:
    assert (measure("a" * 160, "en").parts, measure("a" * 161, "en").parts) == (1, 2)
    assert measure("a" * 306, "en").parts == 2 and measure("a" * 307, "en").parts == 3  # 153 a part
    assert measure("a" * 70 + "“", "en").parts == 2  # a curly quote: the whole text goes as UCS-2


# -- WeChat articles ------------------------------------------------------------


@pytest.mark.parametrize(("field", "key", "limit"), [("title", "title:", 32), ("summary", "summary:", 128)])
def test_wechat_title_and_digest_at_their_limits(sample: Loaded, field: str, key: str, limit: int) -> None:
    assert problems_of(sample, version(sample, "zh", **{field: "诈" * limit}), check_wechat) == []
    (problem,) = problems_of(sample, version(sample, "zh", **{field: "诈" * (limit + 1)}), check_wechat)
    assert (problem.rule, problem.scope, problem.line) == ("too-long", WECHAT, line_of(sample, "zh", key))
    assert f"has {limit + 1} characters" in problem.message and f"{limit}: the WeChat article is left out" in (
        problem.message
    )


def test_wechat_content_must_stay_under_20000_characters_of_html(sample: Loaded) -> None:
    (long,) = problems_of(sample, version(sample, "zh", story="字" * 30000), check_wechat)
    base = int(long.message.split(" is ")[1].split(" characters")[0]) - 30000
    assert problems_of(sample, version(sample, "zh", story="字" * (19999 - base)), check_wechat) == []
    (problem,) = problems_of(sample, version(sample, "zh", story="字" * (20000 - base)), check_wechat)
    assert problem.line == line_of(sample, "zh", "story:")
    assert problem.message.startswith(
        "the WeChat article's content is 20000 characters of HTML, tags counted; WeChat takes fewer than 20000"
    )


def test_only_the_languages_the_bank_posts_in_are_checked_for_wechat(sample: Loaded) -> None:
    assert sample.content.site.wechat.languages == ["zh"]
    assert problems_of(sample, version(sample, "en", title="x" * 60), check_wechat) == []
