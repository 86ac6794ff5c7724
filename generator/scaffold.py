"""`casecast new case ID`: a commented case file to fill in."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

TEMPLATE = """\
# yaml-language-server: $schema=../schema/case.schema.json
# A new case ({lang}). Replace every TODO, then run:  casecast check {rel}
# Never write a real customer's name, ID number, phone or card number: mask them (138****5678).

title: TODO                      # the headline, one line: 接到"退税"电话让你去ATM转账？是诈骗！
category: TODO                   # one of: {categories}
audience: [TODO]                 # any of: {audiences}
summary: TODO                    # one or two sentences, used on cards, in the feed, under slide titles
story: |                         # what happened, in Markdown (no HTML); blank line = new paragraph
  TODO
red_flags:                       # 风险提示: 1 to 6 short lines
  - TODO
advice:                          # 防范建议: 1 to 6 short lines
  - TODO
# slogan: ...                    # optional, one line rolled on the lobby LED strip
# sms: ...                       # optional; one message: 70 characters (Korean: 90 bytes)
# image: images/example.jpg      # optional, a file under content/images/
# source: 某分行营业网点，{year}年   # optional, where the case comes from, anonymised
review:
  status: draft                  # draft -> in_review; the office approves with: casecast approve {id}
  # number: XB-{year}-000          # the review number, required once approved
  # reviewer: 消保办
  # date: {today}
# valid_until: {next_year}-12-31  # optional: after this date the case leaves every export
"""


class ScaffoldError(Exception):
    pass


def new_case(root: Path, case_id: str, lang: str | None = None) -> Path:
    if not ID.match(case_id):
        raise ScaffoldError(
            f"'{case_id}' cannot be a case id: use lower-case letters, digits and hyphens, e.g. fake-tax-refund"
        )
    site = _read_site(root)
    languages = site.get("languages") or ["zh"]
    lang = lang or languages[0]
    if lang not in languages:
        raise ScaffoldError(f"'{lang}' is not one of the site's languages {languages} in content/site.yaml")
    name = f"{case_id}.yaml" if lang == languages[0] else f"{case_id}.{lang}.yaml"
    path = root / "content" / "cases" / name
    if path.exists():
        raise ScaffoldError(f"content/cases/{name} already exists; nothing was written")
    today = dt.date.today()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        TEMPLATE.format(
            lang=lang,
            id=case_id + ("" if lang == languages[0] else f" --lang {lang}"),
            rel=f"content/cases/{name}",
            categories=", ".join(site.get("categories") or {}),
            audiences=", ".join(site.get("audiences") or {}) or "(any word)",
            year=today.year,
            next_year=today.year + 1,
            today=today.isoformat(),
        ),
        encoding="utf-8",
    )
    return path


def _read_site(root: Path) -> dict:
    try:
        data = yaml.safe_load((root / "content" / "site.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        raise ScaffoldError("content/site.yaml cannot be read; run 'casecast check' to see why") from None
    return data if isinstance(data, dict) else {}
