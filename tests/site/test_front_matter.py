"""Generated pages' front matter is read back with the JSON reader (generator.site.pages.read_front_matter): it
must give exactly what MkDocs' YAML reading gives, for every title a case may have, and step aside when a
designer writes front matter of their own in a page template."""

from __future__ import annotations

import pytest
import yaml

from generator.site.pages import front_matter_value, read_front_matter
from tests.hostile import PAYLOADS

TITLES = [
    "冒充“税务局”退税，ATM前的转账都是骗局",
    "“日赚300元”的刷单兼职：先垫钱、后失联 💸",
    "전화로 '저금리 대환대출' 권유? 100% 사기입니다",
    "title: with a colon, # a hash and 'quotes' \\ backslash",
    "line\u2028separator\u0085next line\u00a0and\ttab",
    "control \x01\x1f\x7f\x9f and noncharacters \ufffe\uffff",
    "yes",
    "1e3",
    "null",
    "",
    *(p.text for p in PAYLOADS),
]


def yaml_reading(source: str) -> tuple[str, dict]:
    """What MkDocs does with a page's front matter (mkdocs.utils.meta.get_data, libyaml's safe loader)."""
    head, _, body = source.removeprefix("---\n").partition("\n---\n")
    return body.lstrip("\n"), yaml.load(head + "\n", Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@pytest.mark.parametrize("title", TITLES)
def test_a_title_reads_back_as_yaml_reads_it(title: str) -> None:
    meta = {"title": title, "search": {"exclude": True}, "casecast_preview": {"url": "../x/", "label": title}}
    source = "---\n" + "\n".join(f"{k}: {front_matter_value(v)}" for k, v in meta.items()) + "\n---\n\n# 标题\n"
    assert read_front_matter(source) == yaml_reading(source) == ("# 标题\n", meta)


@pytest.mark.parametrize(
    "front_matter",
    [
        "hide:\n  - navigation\n  - toc",  # YAML's block list, as a designer writes it
        "template: main.html\ntitle: 首页",  # plain YAML text
        "toc_depth: 2",  # a number
        'extra: {"ratio": 1e3}',  # a number YAML 1.1 reads as text
        'title: "a"\ntitle: "b"',  # the same key twice
        "title: yes",
        'yes: "a key YAML reads as true"',
    ],
)
def test_a_designers_own_front_matter_is_left_to_yaml(front_matter: str) -> None:
    assert read_front_matter(f"---\n{front_matter}\n---\n正文\n") is None


def test_a_page_without_front_matter_is_left_to_mkdocs() -> None:
    assert read_front_matter("# 标题\n\n正文\n") is None
