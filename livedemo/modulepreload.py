"""The chunks ``page.js`` imports, linked as ``modulepreload`` from the head of every page.

Why: ``page.js`` is a module script at the end of the body, and its own imports (small shared
chunks, esbuild's code splitting) are requested only once it has downloaded and the page's
busy main thread has parsed it, one more round trip before the Run buttons appear and, for an
impatient reader, before Python can start (``benchmarks/README.md``, "before Python starts").
Listed in the head, they download beside it. The front end's build writes the list
(``modulepreload.json`` beside ``page.js``, ``livedemo/assets/build.mjs``); a build without it
(``--watch``) gets no links, and the page works the same, one round trip later.

Only the MkDocs adapter adds the links (``on_post_page``); under Zensical the page has none.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

MANIFEST = "modulepreload.json"


def page_imports(assets_dir: Path) -> list[str]:
    """``page.js``'s static imports, relative to the front end's folder ([] without a manifest)."""
    manifest = assets_dir / MANIFEST
    if not manifest.is_file():
        return []
    chunks = json.loads(manifest.read_text(encoding="utf-8")).get("page.js", [])
    if not all(isinstance(c, str) and c.startswith("chunks/") and c.endswith(".js") for c in chunks):
        raise ValueError(f"{manifest}: 'page.js' must list chunks/*.js files, got {chunks!r}")
    return chunks


def with_module_preloads(page_html: str, folder_href: str, chunks: list[str]) -> str:
    """``page_html`` with a ``modulepreload`` link per chunk (``folder_href``: the front end's
    folder as the page links it, e.g. ``../assets/livedemo``) before ``</head>``."""
    if not chunks or "</head>" not in page_html:
        return page_html
    links = "".join(f'<link rel="modulepreload" href="{html.escape(f"{folder_href}/{chunk}")}">' for chunk in chunks)
    return page_html.replace("</head>", f"{links}</head>", 1)
