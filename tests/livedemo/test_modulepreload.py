"""The modulepreload links for page.js's own imports: read from the front end's build, put in the head."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from livedemo.modulepreload import MANIFEST, page_imports, with_module_preloads


def test_links_go_in_the_head_relative_to_the_page(tmp_path: Path) -> None:
    (tmp_path / MANIFEST).write_text(json.dumps({"page.js": ["chunks/chunk-A.js", "chunks/chunk-B.js"]}))
    chunks = page_imports(tmp_path)
    page = "<html><head><title>t</title></head><body><p>x</p></body></html>"
    out = with_module_preloads(page, "../../assets/livedemo", chunks)
    head, body = out.split("</head>")
    assert head.endswith('<link rel="modulepreload" href="../../assets/livedemo/chunks/chunk-A.js">'
                         '<link rel="modulepreload" href="../../assets/livedemo/chunks/chunk-B.js">')
    assert "modulepreload" not in body


def test_a_build_without_the_list_links_nothing(tmp_path: Path) -> None:
    page = "<html><head></head><body></body></html>"
    assert page_imports(tmp_path) == []  # e.g. `npm run build -- --watch`
    assert with_module_preloads(page, "assets/livedemo", []) == page


def test_a_list_that_is_not_chunks_fails_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / MANIFEST).write_text(json.dumps({"page.js": ["https://elsewhere/x.js"]}))
    with pytest.raises(ValueError, match=f"{MANIFEST}.*chunks"):
        page_imports(tmp_path)
