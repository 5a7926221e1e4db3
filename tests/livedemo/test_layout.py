"""The machinery is builder-independent: only the MkDocs adapter (and the serve-time error page
it uses) may import MkDocs, and nothing imports Zensical (it has no plugin API to wire to)."""

from __future__ import annotations

import ast
from pathlib import Path

from building import ROOT

ADAPTER_MODULES = {"mkdocs_plugin.py", "errorpage.py"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_no_livedemo_module_but_the_adapter_imports_mkdocs() -> None:
    modules = sorted((ROOT / "livedemo").glob("*.py"))
    assert len(modules) > 15
    offenders = [p.name for p in modules if p.name not in ADAPTER_MODULES and "mkdocs" in _imports(p)]
    assert offenders == []
    assert "mkdocs" in _imports(ROOT / "livedemo" / "mkdocs_plugin.py")


def test_nothing_imports_zensical_or_material() -> None:
    for path in [*(ROOT / "livedemo").glob("*.py"), *(ROOT / "contentcheck").glob("*.py")]:
        assert not _imports(path) & {"zensical", "material"}, path


def test_the_mkdocs_entry_point_is_the_adapter() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'livedemo = "livedemo.mkdocs_plugin:LiveDemoPlugin"' in text
