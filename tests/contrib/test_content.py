"""The project's own posts, pages and demos pass the contribution checks.

A failure lists every problem as ``file:line: [field] what is wrong: what to do``.
"""

from __future__ import annotations

import pytest

from building import ROOT
from contentcheck import SOURCE_CHECKS, Project


@pytest.mark.parametrize("check", SOURCE_CHECKS)
def test_project_passes(check: str) -> None:
    problems = SOURCE_CHECKS[check](Project(ROOT))
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(map(str, problems))
