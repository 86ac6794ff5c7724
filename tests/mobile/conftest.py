from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.checking import check_project, publishable
from generator.mobile import build_mobile
from tests.conftest import copy_project

TODAY = dt.date(2026, 11, 25)


def build(project: Path) -> Path:
    out = project / "mobile-out"
    loaded = check_project(project, TODAY)
    build_mobile(publishable(loaded), project, out, TODAY, project / "theme/pages/labels.yaml")
    return out


@pytest.fixture(scope="session")
def mobile_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(copy_project(tmp_path_factory.mktemp("mobile") / "project"))
