"""Messages staff read are in their language: every sentence in the code has its Chinese and Korean
translation, and each command speaks --lang, else CASECAST_LANG, else the site's default language."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from click.testing import CliRunner

from generator import checking, i18n
from generator.checking import TextRules, check_project
from generator.cli import main
from tests.test_loading import edit

REPO = Path(__file__).resolve().parent.parent
CASE = "content/cases/card-renting.yaml"


def placeholders(text: str) -> list[tuple[str, str]]:
    return sorted((name, spec) for _, name, spec, _ in string.Formatter().parse(text) if name is not None)


def test_every_message_has_a_chinese_and_a_korean_translation_with_the_same_placeholders() -> None:
    said = {
        message: f"{file}:{line}"
        for file, line, message, _, _ in extract_from_dir(
            REPO / "generator", method_map=[("**.py", "python")], keywords={"_": None, "N_": None}
        )
        if isinstance(message, str)
    }
    assert len(said) > 200  # the extractor found the package's sentences
    for lang in ("zh", "ko"):
        with (REPO / f"generator/locale/{lang}/LC_MESSAGES/casecast.po").open("rb") as po:
            catalogue = {m.id: m for m in read_po(po, locale=lang) if m.id}
        for message, where in said.items():
            entry = catalogue.get(message)
            assert entry is not None and entry.string and not entry.fuzzy, (
                f"{where}: no {lang} translation of {message!r}: run 'make messages' and translate it"
            )
            assert placeholders(entry.string) == placeholders(message), (
                f"{where}: the {lang} translation of {message!r} loses or invents a placeholder: {entry.string!r}"
            )


def test_the_sites_default_language_is_read_even_from_a_broken_site_yaml(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    site = tmp_path / "content/site.yaml"
    site.write_text("name: 银行\nlanguages: [ko, zh]  # ko first\nhotline：95599\n\tbroken: [\n", encoding="utf-8")
    assert i18n.site_language(tmp_path) == "ko"
    site.write_text("# settings\nlanguages:\n  # the default first\n  - 'zh'\n  - ko\ncomplaint: {\n", encoding="utf-8")
    assert i18n.site_language(tmp_path) == "zh"
    site.unlink()
    assert i18n.site_language(tmp_path) is None


def test_the_language_is_lang_else_casecast_lang_else_the_sites_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content/site.yaml").write_text("languages: [ko, zh, en]\n", encoding="utf-8")
    monkeypatch.delenv(i18n.ENV, raising=False)
    assert i18n.choose(None, tmp_path) == "ko"
    monkeypatch.setenv(i18n.ENV, "zh_CN.UTF-8")
    assert i18n.choose(None, tmp_path) == "zh"
    assert i18n.choose("EN", tmp_path) == "en" and i18n.current() == "en"
    monkeypatch.setenv(i18n.ENV, "fr")
    assert i18n.choose(None, tmp_path) == "ko"  # a language Casecast does not speak is passed over


def run(project: Path, monkeypatch: pytest.MonkeyPatch, *args: str, lang: str | None = None):
    """`casecast ARGS` in the project, in this process, as staff run it: CASECAST_LANG unset unless given."""
    monkeypatch.chdir(project)
    if lang is None:
        monkeypatch.delenv(i18n.ENV, raising=False)
    else:
        monkeypatch.setenv(i18n.ENV, lang)
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_check_speaks_the_sites_default_language_chinese_and_lang_ko_korean(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(project, CASE, "title:", "tittle:")
    chinese = run(project, monkeypatch, "check")
    assert chinese.exit_code == 1
    assert f"{CASE}:2:1: error: schema: 未知的项 'tittle'；是不是 'title'？" in chinese.output
    assert "1 个错误，0 个警告" in chinese.output
    korean = run(project, monkeypatch, "check", "--lang", "ko")
    assert korean.exit_code == 1
    assert f"{CASE}:2:1: error: schema: 알 수 없는 항목 'tittle'. 'title'을(를) 말씀하신 건가요?" in korean.output
    assert "오류 1건, 경고 0건" in korean.output
    english = run(project, monkeypatch, "check", lang="en")
    assert "unknown key 'tittle'; did you mean 'title'?" in english.output and "1 error(s)" in english.output


def test_findings_kept_between_checks_are_said_in_the_language_asked(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The personal-data findings are cached with their message: per language, never in the last one used."""
    edit(project, CASE, "slogan: 不租不借不卖卡", "slogan: 不租不借不卖卡，有疑问打13912345678")
    english = run(project, monkeypatch, "check", lang="en")
    assert "an unmasked mobile phone number" in english.output
    chinese = run(project, monkeypatch, "check", "--lang", "zh")
    assert "未遮挡的手机号" in chinese.output and "unmasked" not in chinese.output
    assert "an unmasked mobile phone number" in run(project, monkeypatch, "check", lang="en").output


def test_a_worker_process_speaks_the_language_of_the_command(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(project, CASE, "slogan: 不租不借不卖卡", "slogan: 不租不借不卖卡，有疑问打13912345678")
    started = []
    pool = checking.worker_pool
    monkeypatch.setattr(checking, "worker_pool", lambda n: started.append(n) or pool(n))
    monkeypatch.setattr(TextRules, "IN_WORKER_FROM", 1)
    monkeypatch.setenv("CASECAST_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv(i18n.ENV, "ko")
    (problem,) = [p for p in check_project(project).problems if p.rule == "pii-phone"]
    assert started == [1], "the text rules ran in a worker"
    assert "가리지 않은 휴대전화 번호" in problem.message
