"""The HTML of one demo block: code, controls slot and build-time output.

This is the contract with the page script (``assets/src/page.js``): the block's
options travel as JSON in ``data-livedemo``; outputs use the classes below. All
text is escaped here; only SVG made by vl-convert from the author's spec is
inserted as markup.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from livedemo.outputs import Item

_FORMATTER = HtmlFormatter(nowrap=True)
DEFAULT_HEIGHT_LIMIT = 25  # lines shown before the code area scrolls


def _code(code: str) -> str:
    return highlight(code, PythonLexer(stripnl=False), _FORMATTER).rstrip("\n")


def _svg(size: str, svg: str) -> str:
    """One build-time rendering; with two, livedemo.css shows the one for the screen. The
    figure is the image and carries its name, so the drawing inside is hidden from AT."""
    return f'<div class="livedemo-svg" data-size="{escape(size)}" aria-hidden="true">{svg}</div>'


def _item(item: Item) -> str:
    kind = item["kind"]
    if kind == "stream":
        return (
            f'<pre class="livedemo-stream" data-stream="{escape(item["name"])}">'
            f"{escape(item['text'])}</pre>"
        )
    if kind == "display":
        spec = item["spec"]
        label = spec.get("description") or spec.get("title") or "Plot"
        if isinstance(label, dict):
            label = label.get("text", "Plot")
        ident = f' data-display-id="{escape(item["id"])}"' if item.get("id") else ""
        return (
            f'<figure class="livedemo-plot"{ident} role="img" aria-label="{escape(str(label))}">'
            f"{''.join(_svg(size, svg) for size, svg in item['svgs'].items())}</figure>"
        )
    if kind == "progress":
        label = escape(item.get("label") or "")
        return (
            f'<div class="livedemo-progress" data-progress-id="{escape(item["id"])}">'
            f'<progress value="{item["value"]:g}" max="{item["total"]:g}">'
            f"{item['value'] / item['total']:.0%}</progress> <span>{label}</span></div>"
        )
    raise ValueError(f"unknown output kind {kind!r}")


def render_block(
    block_id: str, options: dict[str, Any], code: str, outputs: list[Item] | None
) -> str:
    """One block. ``outputs`` is None for live-only blocks (nothing ran at build)."""
    lines = code.count("\n") + 1
    height = options.get("height") or min(lines, DEFAULT_HEIGHT_LIMIT)
    title = options.get("title") or "Python demo"
    data = escape(json.dumps(options, separators=(",", ":")), quote=True)
    if outputs is None:
        origin = "none"
        body = (
            '<p class="livedemo-origin">This demo runs only in your browser: '
            "press <strong>Run</strong> to see its output (needs JavaScript).</p>"
        )
    else:
        origin = "build"
        note = "Output computed when this site was built." if outputs else (
            "This code printed nothing when the site was built."
        )
        if outputs and options.get("tolerance"):
            note += (
                " Its numbers depend on rounding that differs between computers: a run in your "
                f"browser may give numbers that differ from these by up to "
                f"{options['tolerance'] * 100:g}%."
            )
        body = f'<p class="livedemo-origin">{note}</p>' + "".join(_item(i) for i in outputs)
    return (
        f'<div class="livedemo" id="{escape(block_id)}" data-livedemo="{data}">'
        f'<div class="livedemo-header"><span class="livedemo-title">{escape(title)}</span></div>'
        f'<div class="livedemo-code" style="--livedemo-height: {height}">'
        f'<div class="highlight"><pre><code>{_code(code)}</code></pre></div></div>'
        f'<div class="livedemo-output" data-origin="{origin}" aria-live="polite">{body}</div>'
        "</div>"
    )
