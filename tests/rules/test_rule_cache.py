"""Findings kept between builds are never stale: a changed file, or changed rules, are checked again."""

from __future__ import annotations

import json
from pathlib import Path

from generator.cache import cache_dir
from generator.checking import check_project
from tests.test_loading import edit

CASE = "content/cases/fake-tax-refund.yaml"


def findings(project: Path) -> list[str]:
    return [p.rule for p in check_project(project).problems if p.file == CASE]


def test_a_kept_finding_goes_when_the_file_is_fixed_and_old_rules_are_never_trusted(project: Path) -> None:
    edit(project, CASE, "要求当天", "客户手机13812345678要求当天")
    assert findings(project) == ["pii-phone"]
    assert findings(project) == ["pii-phone"]  # the second time from .cache/, the same
    edit(project, CASE, "客户手机13812345678要求当天", "要求当天")
    assert findings(project) == []

    cache = cache_dir(project) / "text-rules.json"
    kept = json.loads(cache.read_text(encoding="utf-8"))
    version = kept["version"]
    cache.write_text(json.dumps({**kept, "version": "rules of an older Casecast"}), encoding="utf-8")
    assert findings(project) == []
    assert json.loads(cache.read_text(encoding="utf-8"))["version"] == version  # renewed, not missed forever

    forged = {"file": CASE, "line": 1, "column": 1, "rule": "pii-phone", "severity": "error", "message": "x"}
    files = {key: [forged] for key in kept["files"]}
    cache.write_text(json.dumps({"version": "rules of an older Casecast", "files": files}), encoding="utf-8")
    assert findings(project) == []  # what older rules found is never reused
