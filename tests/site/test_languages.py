"""A bank sets its languages in content/site.yaml alone: [zh, ko], [ko] by itself (content folders of
tests/fixtures/scopes/), [ko, zh, en] with Korean first (the sample, renamed); mkdocs.yml is never touched."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.plugin import build_site
from tests.conftest import fixture_project
from tests.published import all_mobile, listed, mobile_files, playlist_cases, says_exactly

MKDOCS_YML = (Path(__file__).resolve().parents[2] / "mkdocs.yml").read_bytes()


def set_languages(project: Path, languages: list[str]) -> None:
    site = project / "content/site.yaml"
    text = re.sub(r"(?m)^languages: .*$", f"languages: [{', '.join(languages)}]", site.read_text("utf-8"))
    site.write_text(text, encoding="utf-8")


def rename_languages(project: Path, renames: dict[str | None, str | None]) -> None:
    """Move every content file from one language suffix to another (None: no suffix, the default)."""
    moves = []
    for folder in ("cases", "themes"):
        for path in (project / "content" / folder).glob("*.yaml"):
            stem, _, lang = path.name.removesuffix(".yaml").partition(".")
            if (lang or None) in renames:
                target = renames[lang or None]
                moves.append((path, path.with_name(f"{stem}.{target}.yaml" if target else f"{stem}.yaml")))
    for path, _ in moves:
        path.rename(path.with_name(path.name + ".moving"))
    for path, target in moves:
        path.with_name(path.name + ".moving").rename(target)


def switcher(html: str) -> list[str]:
    return re.findall(r'hreflang="([a-z]+)" class="md-select__link"', html)


def test_a_bank_with_chinese_and_korean_sets_it_in_site_yaml_only(tmp_path: Path) -> None:
    """[zh, ko] in site.yaml, mkdocs.yml as the sample has it; a Chinese-only and a Korean-only case."""
    project = fixture_project("languages-zh-ko", tmp_path / "project")
    says_exactly(project, [], "0 error(s), 0 warning(s)", 0, "--strict")

    site = project / "site"
    assert switcher((site / "index.html").read_text("utf-8")) == ["zh", "ko"]
    assert "월별 주제" in (site / "ko/index.html").read_text("utf-8")  # the nav in Korean
    assert not (site / "en").exists()
    assert (site / "cases/fake-tax-refund/index.html").is_file() and (site / "ko/cases/fake-tax-refund").is_dir()
    assert (site / "cases/card-renting/index.html").is_file() and not (site / "ko/cases/card-renting").exists()
    assert (site / "ko/cases/prosecutor-voice-phishing/index.html").is_file()
    assert not (site / "cases/prosecutor-voice-phishing").exists()
    assert listed(site / "ko/months/2026-11/index.html", "prosecutor-voice-phishing")
    assert not listed(site / "months/2026-11/index.html", "prosecutor-voice-phishing")
    assert playlist_cases(site, "lobby-tv", "2026-11", "zh") == ["fake-tax-refund", "card-renting"]
    assert playlist_cases(site, "lobby-tv", "2026-11", "ko") == ["fake-tax-refund", "prosecutor-voice-phishing"]
    assert mobile_files(site, "ko", "prosecutor-voice-phishing") == all_mobile("prosecutor-voice-phishing")
    assert mobile_files(site, "zh", "prosecutor-voice-phishing") == []
    assert sorted(p.name for p in (site / "exports/wechat").iterdir()) == ["zh"]  # WeChat in Chinese only


def test_a_korean_only_site_has_its_pages_at_the_root(tmp_path: Path) -> None:
    """[ko] alone: the Korean cases are the default language's files (<id>.yaml)."""
    project = fixture_project("languages-ko", tmp_path / "project")
    says_exactly(project, [], "0 error(s), 0 warning(s)", 0, "--strict")

    site = project / "site"
    home = (site / "index.html").read_text("utf-8")
    assert '<html lang="ko"' in home and "월별 주제" in home
    assert not (site / "ko").exists() and not (site / "zh").exists() and not (site / "en").exists()
    cases = ["loan-refinance-phishing", "messenger-child-impersonation", "fake-loan-app"]
    assert all((site / f"cases/{case}/index.html").is_file() for case in cases)
    assert all(listed(site / "months/2026-11/index.html", case) for case in cases)
    assert playlist_cases(site, "totem", "2026-11", "ko") == cases
    assert sorted(p.name for p in (site / "exports/mobile").iterdir()) == ["ko"]
    feed = json.loads((site / "exports/mobile/ko/feed.json").read_text("utf-8"))
    assert len(feed["items"]) == 3
    assert "대환대출" in (site / "search/search_index.json").read_text("utf-8")
    assert not (site / "exports/wechat").exists()


def test_korean_first_then_chinese_and_english(project: Path) -> None:
    set_languages(project, ["ko", "zh", "en"])
    rename_languages(project, {None: "zh", "ko": None})
    assert build_site(project, strict=True)
    site = project / "site"
    assert '<html lang="ko"' in (site / "index.html").read_text("utf-8")
    assert '<html lang="zh"' in (site / "zh/index.html").read_text("utf-8")
    assert switcher((site / "index.html").read_text("utf-8")) == ["ko", "zh", "en"]
    assert (site / "zh/cases/card-renting/index.html").is_file()


def test_mkdocs_yml_names_no_bank_language() -> None:
    text = MKDOCS_YML.decode("utf-8")
    assert "locale: zh" not in text and "locale: ko" not in text and "language: zh" not in text
