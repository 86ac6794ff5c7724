"""Synthetic content at scale: many plausible Chinese cases spread over a year of monthly themes."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from generator.approval import case_digest
from generator.model import Case

PHRASES = [
    "客户接到自称客服的电话",
    "对方要求下载会议软件并开启屏幕共享",
    "大堂经理及时上前询问",
    "柜员发现客户一直在接听电话",
    "对方称可以办理退款和理赔",
    "要求把钱转到所谓的安全账户",
    "网点工作人员耐心讲解后",
    "客户意识到这是诈骗",
    "主动停止了转账操作",
    "避免了经济损失",
    "请不要向任何人透露短信验证码",
    "陌生来电要多核实",
    "高收益背后往往是高风险",
]
CATEGORIES = ["telecom-fraud", "fake-customer-service", "illegal-fundraising", "elderly-scams", "account-renting"]


def story(rng: random.Random, chars: int = 600) -> str:
    text = ""
    while len(text) < chars:
        text += rng.choice(PHRASES) + rng.choice(["，", "。"])
    return text


def _digest(case: dict) -> str:
    """The approval bound to the case as written (as `casecast approve` does): synthetic cases are approved."""
    return case_digest(Case.model_validate(case), None)


def write_synthetic_cases(project: Path, count: int, seed: int = 7, korean_share: float = 0.0) -> list[str]:
    """Replace the project's cases and themes with `count` approved cases over twelve months
    (and Korean translations of the first `korean_share` of them)."""
    rng = random.Random(seed)
    cases_dir, themes_dir = project / "content" / "cases", project / "content" / "themes"
    for folder in (cases_dir, themes_dir):
        for old in folder.glob("*.yaml"):
            old.unlink()
    ids = [f"case-{i:04d}" for i in range(count)]
    for i, case_id in enumerate(ids):
        case = {
            "title": f"第{i + 1}号案例：陌生来电要求转账要警惕",
            "category": CATEGORIES[i % len(CATEGORIES)],
            "audience": ["everyone"],
            "summary": story(rng, 60),
            "story": story(rng),
            "red_flags": ["自称客服主动来电", "要求开启屏幕共享"],
            "advice": ["挂断电话，拨打官方号码核实"],
            "review": {"status": "approved", "number": f"XB-2026-{i:04d}", "reviewer": "消保办", "date": "2026-01-05"},
        }
        case["slogan"] = f"转账之前多核实{i % 100}"
        case["review"]["digest"] = _digest(case)
        (cases_dir / f"{case_id}.yaml").write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
        if i < count * korean_share:
            ko = {
                **case,
                "title": f"{i + 1}번 사례: 모르는 전화가 이체를 요구하면 조심하세요",
                "summary": "고객센터를 사칭한 전화가 화면 공유를 요구했습니다.",
                "story": "고객센터를 사칭한 전화가 화면 공유를 요구했습니다. " * 20,
                "red_flags": ["먼저 걸려 온 상담원 전화", "화면 공유 요구"],
                "advice": ["전화를 끊고 공식 번호로 확인하세요"],
                "slogan": f"이체 전 확인 {i % 100}",
            }
            ko["review"] = {**case["review"], "digest": _digest(ko)}
            (cases_dir / f"{case_id}.ko.yaml").write_text(yaml.safe_dump(ko, allow_unicode=True), encoding="utf-8")
    for month in range(1, 13):
        listed = ids[month - 1 :: 12]
        theme = {
            "title": f"2026年{month}月宣传主题",
            "intro": story(rng, 120),
            "cases": listed,
            "slogans": ["转账之前多核实"],
        }
        (themes_dir / f"2026-{month:02d}.yaml").write_text(yaml.safe_dump(theme, allow_unicode=True), encoding="utf-8")
        if korean_share:
            ko_theme = {**theme, "title": f"2026년 {month}월 주제", "slogans": ["이체 전 확인"]}
            ko_theme["cases"] = [c for c in listed if int(c.split("-")[1]) < count * korean_share]
            (themes_dir / f"2026-{month:02d}.ko.yaml").write_text(
                yaml.safe_dump(ko_theme, allow_unicode=True), encoding="utf-8"
            )
    return ids
