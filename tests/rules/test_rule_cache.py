"""Findings kept between builds are never stale: a changed file, or changed rules, are checked again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import checking
from generator.checking import TextRules, check_project, text_rules_cache
from generator.workers import worker_pool
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

    cache = text_rules_cache(project)
    kept = json.loads(cache.read_text(encoding="utf-8"))
    version = kept["version"]
    cache.write_text(json.dumps({**kept, "version": "rules of an older Casecast"}), encoding="utf-8")
    assert findings(project) == []
    assert json.loads(cache.read_text(encoding="utf-8"))["version"] == version  # renewed, not missed forever

    forged = {"file": CASE, "line": 1, "column": 1, "rule": "pii-phone", "severity": "error", "message": "x"}
    files = {key: [forged] for key in kept["files"]}
    cache.write_text(json.dumps({"version": "rules of an older Casecast", "files": files}), encoding="utf-8")
    assert findings(project) == []  # what older rules found is never reused


def test_findings_are_the_same_when_the_rules_run_on_the_other_core(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first build hands the text rules to a worker while it fits the slides: same problems, same lines."""
    edit(project, CASE, "要求当天", "客户手机13812345678要求当天")  # personal data
    edit(project, "content/cases/free-gifts-seminar.yaml", "slogan: 免费礼品是诱饵", "slogan: 保本稳赚")  # wording
    edit(project, "content/cases/card-renting.yaml", "title: 出租", "title: " + "很长的标题" * 20)  # too long
    edit(project, "content/cases/card-renting.yaml", "slogan: 不租不借不卖卡", "slogan: 不租不借不卖卡🙂")
    started = []
    monkeypatch.setattr(checking, "worker_pool", lambda n: started.append(n) or worker_pool(n))

    def problems(cache: str, in_worker_from: int) -> list:
        monkeypatch.setenv("CASECAST_CACHE_DIR", str(tmp_path / cache))
        monkeypatch.setattr(TextRules, "IN_WORKER_FROM", in_worker_from)
        return sorted(check_project(project).problems)

    here = problems("here", 10**9)
    assert not started
    assert {"pii-phone", "forbidden-term", "too-long", "missing-glyph"} <= {p.rule for p in here}
    there = problems("worker", 1)
    assert started == [1]
    assert there == here
    assert problems("worker", 1) == here and started == [1]  # the next check takes them from the cache
