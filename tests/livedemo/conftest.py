"""A throw-away MkDocs project with the real livedemo extension and adapter, for fence tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest

from building import ROOT, BuildResult, mkdocs_build

BuildPages = Callable[..., BuildResult]


@pytest.fixture
def build_pages(tmp_path: Path) -> BuildPages:
    """Write ``pages`` (path -> markdown) into a new project and build it strictly."""

    def build(
        pages: dict[str, str], demos: dict[str, str] | None = None, cache: bool = True,
        plugin: dict[str, object] | None = None, extra_config: str = "",
    ) -> BuildResult:
        """``plugin``: livedemo.extension options that replace or add to the ones below; ``extra_config``:
        more top-level lines of mkdocs.yml (``hooks: [...]``)."""
        docs = tmp_path / "docs"
        for path, text in pages.items():
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            (docs / path).write_text(text, encoding="utf-8")
        demos_dir = tmp_path / "demos"
        demos_dir.mkdir(exist_ok=True)
        for path, text in (demos or {}).items():
            (demos_dir / path).parent.mkdir(parents=True, exist_ok=True)
            (demos_dir / path).write_text(text, encoding="utf-8")
        options: dict[str, object] = {
            "demos_dir": "demos",
            "demo_package": str(ROOT / "demos"),
            "pyodide_dir": str(ROOT / "node_modules" / "pyodide"),
            "vendored_wheels": str(ROOT / "vendor" / "pyodide-wheels"),
            "cache_dir": ".cache" if cache else "",
            **(plugin or {}),
        }
        config = tmp_path / "mkdocs.yml"
        config.write_text(
            "site_name: Fence test\n"
            "theme: {name: material, font: false}\n"
            "plugins:\n"
            "  - livedemo\n"
            "markdown_extensions:\n"
            "  - pymdownx.superfences\n"
            "  - livedemo.extension:\n"
            + "".join(f"      {key}: {json.dumps(value)}\n" for key, value in options.items())
            + extra_config,
            encoding="utf-8",
        )
        return mkdocs_build(config, tmp_path / "site")

    return build
