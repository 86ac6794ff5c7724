"""A bank sets its languages in content/site.yaml alone: [zh, ko], [ko] by itself, [ko, zh, en] with Korean
first; mkdocs.yml is never touched."""

from __future__ import annotations

import re
from pathlib import Path

from generator.plugin import build_site

MKDOCS_YML = (Path(__file__).resolve().parents[2] / "mkdocs.yml").read_bytes()


def set_languages(project: Path, languages: list[str]) -> None:
    site = project / "content/site.yaml"
    text = re.sub(r"(?m)^languages: .*$", f"languages: [{', '.join(languages)}]", site.read_text("utf-8"))
    if "zh" not in languages:  # WeChat articles are exported in Chinese only, of a site that has it
        text = text.replace("wechat:", "wechat-off:").replace("\n  languages: [zh]\n", "\n")
        text = re.sub(r"(?m)^wechat-off:.*\n", "", text)
    site.write_text(text, encoding="utf-8")


def rename_languages(project: Path, renames: dict[str | None, str | None]) -> None:
    """Move every content file from one language suffix to another (None: no suffix, the default)."""
    moves = []
    for folder in ("cases", "themes"):
        for path in (project / "content" / folder).glob("*.yaml"):
            stem, _, lang = path.name.removesuffix(".yaml").partition(".")
            key = lang or None
            if key not in renames:
                continue
            target = renames[key]
            if target is False:
                path.unlink()
                continue
            moves.append((path, path.with_name(f"{stem}.{target}.yaml" if target else f"{stem}.yaml")))
    for path, _ in moves:
        path.rename(path.with_name(path.name + ".moving"))
    for path, target in moves:
        path.with_name(path.name + ".moving").rename(target)


def switcher(html: str) -> list[str]:
    return re.findall(r'hreflang="([a-z]+)" class="md-select__link"', html)


def test_a_bank_with_chinese_and_korean_sets_it_in_site_yaml_only(project: Path) -> None:
    set_languages(project, ["zh", "ko"])
    rename_languages(project, {"en": False})
    assert build_site(project, strict=True)
    site = project / "site"
    assert (site / "ko/cases/fake-tax-refund/index.html").is_file() and not (site / "en").exists()
    assert switcher((site / "index.html").read_text("utf-8")) == ["zh", "ko"]
    assert "월별 주제" in (site / "ko/index.html").read_text("utf-8")  # the nav in Korean


def test_a_korean_only_site_has_its_pages_at_the_root(project: Path) -> None:
    set_languages(project, ["ko"])
    rename_languages(project, {None: False, "en": False, "ko": None})
    assert build_site(project, strict=True)
    site = project / "site"
    home = (site / "index.html").read_text("utf-8")
    assert '<html lang="ko"' in home and "월별 주제" in home
    assert (site / "cases/fake-tax-refund/index.html").is_file()
    assert not (site / "ko").exists() and not (site / "en").exists()
    assert (site / "exports/mobile/ko/feed.json").is_file()
    assert "세금 환급" in (site / "search/search_index.json").read_text("utf-8")


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
