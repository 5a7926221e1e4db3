"""Shared fixtures: the real site and the demo fixture site, each built strictly once."""

from __future__ import annotations

import pytest

from building import FIXTURES, BuildResult, copy_project, mkdocs_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site, built strictly once per test session."""
    work = tmp_path_factory.mktemp("site-project")
    result = mkdocs_build(copy_project(work), work / "site")
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def built_demo_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The small demo fixture site (tests/fixtures/demo-site), built strictly once."""
    result = mkdocs_build(
        FIXTURES / "demo-site" / "mkdocs.yml", tmp_path_factory.mktemp("demo-site") / "site"
    )
    assert result.returncode == 0, result.output
    return result
