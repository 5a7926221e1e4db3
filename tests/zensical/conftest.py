"""The blog built with Zensical (pinned in pyproject.toml's test extras), once per test session,
and served for the browser tests. Timings go to the end of the test report."""

from __future__ import annotations

from typing import Iterator

import pytest

from browsing import serve
from building import BuildResult, copy_project_for_zensical, zensical_build

REPORT: list[str] = []


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site, built strictly with Zensical once per session (content checks, prepare
    step, `zensical build --strict`), as `make zensical-build` does."""
    project = copy_project_for_zensical(tmp_path_factory.mktemp("zensical-project"))
    result = zensical_build(project)
    REPORT.append(f"Zensical build of the blog (checks + prepare + build): {result.seconds:.1f} s")
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def zensical_url(zensical_site: BuildResult) -> Iterator[str]:
    with serve(zensical_site.site) as url:
        yield url


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if REPORT:
        terminalreporter.section("zensical")
        for line in REPORT:
            terminalreporter.write_line(line)
