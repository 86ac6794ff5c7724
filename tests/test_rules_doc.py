"""Each rule is stated once: every rule slug a problem can carry is explained in docs/rules.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.problems import RULES, Problem

DOC = (Path(__file__).resolve().parent.parent / "docs/rules.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule", RULES)
def test_every_rule_is_explained_in_the_rules_page(rule: str) -> None:
    assert f"`{rule}`" in DOC


def test_a_problem_with_a_rule_nobody_documented_cannot_be_made() -> None:
    with pytest.raises(ValueError, match="unknown rule"):
        Problem("content/site.yaml", 1, 1, "made-up-rule", "error", "x")
