from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory):
    """The sample project's slides, built once for every test that only looks at them."""
    from tests.conftest import copy_project
    from tests.slides.test_slides import build

    project = copy_project(tmp_path_factory.mktemp("slides") / "project")
    return build(project)
