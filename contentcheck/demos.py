"""Demo code under ``demos/``: every module compiles and imports, every demo folder is tested.

Packages (folders with ``__init__.py``, such as the ``metalearn`` library) are imported
module by module, in a fresh interpreter. Loose demo scripts are not imported, because importing a script runs
it (a training demo takes a while, and the build runs it anyway): each of their imports is
resolved instead, down to the imported names, so a renamed library function or a package
the browser cannot install is caught without running anything.
"""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import importlib.util
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .project import Problem, Project

SKIP = {"build", "dist", "node_modules", "__pycache__"}
TOOLING = {"scripts"}  # maintenance tools (e.g. training the shipped parameters): checked, not demos
_OPTIONAL = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}


def _skipped(path: Path, demos: Path) -> bool:
    parts = path.relative_to(demos).parts
    return any(p in SKIP or p.startswith(".") or p.endswith(".egg-info") for p in parts)


def python_files(demos: Path) -> list[Path]:
    return sorted(p for p in demos.rglob("*.py") if not _skipped(p, demos))


def demo_folders(demos: Path) -> list[Path]:
    """Top-level folders of ``demos/`` that hold Python code."""
    return sorted(
        d for d in demos.iterdir()
        if d.is_dir() and not _skipped(d, demos) and any(python_files(d))
    )


def tests_for(project: Project, name: str) -> list[Path]:
    """Test files of the demo folder ``name``: tests/demos/test_<name>.py,
    tests/demos/<name>/test_*.py or tests/<name>/test_*.py."""
    tests = project.root / "tests"
    found = [tests / "demos" / f"test_{name}.py"]
    found += [*(tests / "demos" / name).glob("test_*.py"), *(tests / name).glob("test_*.py")]
    return [p for p in found if p.is_file()]


def check_demos(project: Project) -> list[Problem]:
    demos = project.root / "demos"
    if not demos.is_dir():
        return []
    problems: list[Problem] = []
    compiled: dict[Path, ast.Module] = {}
    for path in python_files(demos):
        try:
            compiled[path] = ast.parse(path.read_text(encoding="utf-8"), str(path))
        except SyntaxError as exc:
            problems.append(Problem(project.rel(path), "syntax", f"{exc.msg}: fix the code", exc.lineno))
    with _on_path(demos):
        for folder in demo_folders(demos):
            name = folder.name
            if name not in TOOLING and not tests_for(project, name):
                problems.append(Problem(
                    project.rel(folder), "tests",
                    f"the demo folder has no tests: add tests/demos/test_{name}.py "
                    f"('make post TITLE=... DEMO=1' writes a stub to start from)"))
            if (folder / "__init__.py").is_file():
                problems += _import_package(project, folder, compiled)
            else:
                for path in python_files(folder):
                    if path in compiled:
                        problems += _resolve_imports(project, path, compiled[path])
    return problems


@contextmanager
def _on_path(folder: Path) -> Iterator[None]:
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        sys.path.remove(str(folder))


# Imports each module named in argv[2:] with argv[1] first on sys.path; prints JSON
# {module: null | "ExceptionType: message"}. Runs in a fresh interpreter, so a module already
# imported by the caller (or one with the same name) cannot hide a failure.
_IMPORTER = """
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
failures = {}
for name in sys.argv[2:]:
    try:
        importlib.import_module(name)
        failures[name] = None
    except BaseException as exc:
        failures[name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(failures))
"""


def _import_package(project: Project, folder: Path, compiled: dict[Path, ast.Module]) -> list[Problem]:
    modules: dict[str, Path] = {}
    for path in python_files(folder):
        if path in compiled:
            parts = path.relative_to(folder.parent).with_suffix("").parts
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    result = subprocess.run([sys.executable, "-c", _IMPORTER, str(folder.parent), *modules],
                            capture_output=True, text=True, cwd=project.root)
    try:
        failures = json.loads(result.stdout.splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return [Problem(project.rel(folder), "import", f"importing the package crashed Python: "
                        f"{result.stderr.strip()[-500:]}")]
    return [Problem(project.rel(modules[name]), "import", f"'import {name}' fails with {failure}")
            for name, failure in failures.items() if failure]


def _optional(tree: ast.Module) -> set[ast.AST]:
    """Import statements inside ``try: ... except ImportError:``: allowed to fail."""
    optional: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try):
            caught = {ast.unparse(h.type) for h in node.handlers if h.type is not None}
            caught |= {n.strip() for c in caught for n in c.strip("()").split(",")}
            if caught & _OPTIONAL or any(h.type is None for h in node.handlers):
                optional |= {n for stmt in node.body for n in ast.walk(stmt)}
    return optional


def _resolve_imports(project: Project, path: Path, tree: ast.Module) -> list[Problem]:
    problems = []
    optional = _optional(tree)
    for node in ast.walk(tree):
        if node in optional:
            continue
        if isinstance(node, ast.Import):
            wanted = [(alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            wanted = [(node.module, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            problems.append(Problem(project.rel(path), "import", "a demo script cannot use relative "
                                    "imports (it runs on its own in the page): import from a "
                                    "package instead", node.lineno))
            continue
        else:
            continue
        for module, name in wanted:
            problem = _missing(module, name)
            if problem:
                problems.append(Problem(project.rel(path), "import", problem, node.lineno))
    return problems


def _missing(module: str, name: str | None) -> str | None:
    try:
        found = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        found = None
    if found is None:
        return (f"module '{module}' is not installed: use the standard library, numpy, "
                "metalearn or a package Pyodide ships, and declare it in the fence's packages")
    if name is None or name == "*":
        return None
    try:
        loaded = importlib.import_module(module)
    except Exception as exc:  # noqa: BLE001
        return f"'import {module}' fails with {type(exc).__name__}: {exc}"
    if hasattr(loaded, name):
        return None
    if hasattr(loaded, "__path__") and importlib.util.find_spec(f"{module}.{name}") is not None:
        return None  # a submodule of a package
    return f"'{module}' has no '{name}': check the name (was it renamed?)"
