"""The demos check: code under demos/ compiles and imports, each demo folder has tests.

Each case adds a throw-away demo folder to a copy of the project (its own demos/ folder,
holding symlinks to the real demos) and expects the problem to name the file and the field.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from contrib_project import make_project
from contentcheck import Project, check_demos

GOOD = '"""A demo."""\n\nimport numpy as np\nfrom metalearn import tasks\n\nif __name__ == "__main__":\n    print(np.pi)\n'
TEST = "def test_nothing():\n    pass\n"


@pytest.fixture
def demo_project(tmp_path: Path) -> Project:
    return make_project(tmp_path / "project", own_demos=True)


def add_demo(project: Project, files: dict[str, str], with_test: bool = True) -> None:
    for rel, text in files.items():
        path = project.root / "demos" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if with_test:
        (project.root / "tests" / "demos" / "test_throwaway.py").write_text(TEST, encoding="utf-8")


def problems_of(project: Project) -> list[str]:
    return [str(p) for p in check_demos(project) if "throwaway" in p.path]


def test_a_good_demo_passes(demo_project: Project) -> None:
    add_demo(demo_project, {"throwaway/hello.py": GOOD})
    assert problems_of(demo_project) == []


CASES = {
    "no tests": ({"throwaway/hello.py": GOOD}, False,
                 "demos/throwaway: [tests] the demo folder has no tests: add tests/demos/test_throwaway.py"),
    "syntax error": ({"throwaway/hello.py": "def broken(:\n    pass\n"}, True,
                     "demos/throwaway/hello.py:1: [syntax]"),
    "renamed library function": ({"throwaway/hello.py": "from metalearn.maml import no_such_function\n"}, True,
                                 "demos/throwaway/hello.py:1: [import] 'metalearn.maml' has no 'no_such_function'"),
    "package not installed": ({"throwaway/hello.py": "import\tno_such_package_xyz\n"}, True,
                              "demos/throwaway/hello.py:1: [import] module 'no_such_package_xyz' is not installed"),
    "relative import": ({"throwaway/hello.py": "from . import sibling\n"}, True,
                        "demos/throwaway/hello.py:1: [import] a demo script cannot use relative imports"),
    "library module that fails to import": (
        {"throwaway/__init__.py": "", "throwaway/core.py": "raise RuntimeError('boom at import')\n"}, True,
        "demos/throwaway/core.py: [import] 'import throwaway.core' fails with RuntimeError: boom at import"),
}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.replace(" ", "-"))
def test_demo_mistake_is_named(demo_project: Project, case: str) -> None:
    files, with_test, expected = CASES[case]
    add_demo(demo_project, files, with_test)
    problems = problems_of(demo_project)
    assert len(problems) == 1 and problems[0].startswith(expected), problems


def test_optional_imports_are_allowed(demo_project: Project) -> None:
    code = "try:\n    import no_such_package_xyz\nexcept ImportError:\n    no_such_package_xyz = None\n"
    add_demo(demo_project, {"throwaway/hello.py": code})
    assert problems_of(demo_project) == []
