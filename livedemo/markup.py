"""The HTML of one demo block: code, controls slot, declared inputs and build-time output.

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

from livedemo.input_markup import render_inputs
from livedemo.outputs import Item

_FORMATTER = HtmlFormatter(nowrap=True)
DEFAULT_HEIGHT_LIMIT = 25  # lines shown before the code area scrolls


def _code(code: str) -> str:
    return highlight(code, PythonLexer(stripnl=False), _FORMATTER).rstrip("\n")


def _svg(size: str, svg: str) -> str:
    """One build-time rendering; with two, livedemo.css shows the one for the screen. The
    figure is the image and carries its name, so the drawing inside is hidden from AT."""
    return f'<div class="livedemo-svg" data-size="{escape(size)}" aria-hidden="true">{svg}</div>'


# The same caps as the live output (assets/src/output.js LIMITS), so that a long output looks
# the same before and after Run, and a flood cannot make the page megabytes heavy.
HEAD_LINES, TAIL_LINES, LINE_CHARS = 500, 100, 10_000


def _clip(text: str) -> str:
    """Lines over LINE_CHARS characters cut, as the page cuts them."""
    if len(text) <= LINE_CHARS:
        return text
    return "\n".join(
        f"{line[:LINE_CHARS]}… ({len(line) - LINE_CHARS:,} more characters)" if len(line) > LINE_CHARS else line
        for line in text.split("\n")
    )


def capped(outputs: list[Item]) -> list[Item]:
    """The first HEAD_LINES lines, a gap counting the lines left out, then the latest TAIL_LINES
    lines; plots and progress bars after the gap come after those (as live)."""
    shown: list[Item] = []
    later: list[Item] = []
    head = 0
    gap: Item | None = None
    tail: list[list[str]] = []  # [stream, line]
    for item in outputs:
        if item["kind"] != "stream":
            (later if gap else shown).append(item)
            continue
        stream, text = item["name"], item["text"]
        if gap is None:
            room, count = HEAD_LINES - head, text.count("\n")
            if count < room or (count == room and text.endswith("\n")):
                head += count
                shown.append(item)
                continue
            cut = 0
            for _ in range(room):
                cut = text.index("\n", cut) + 1
            if cut:
                shown.append({**item, "text": text[:cut]})
            gap = {"kind": "gap", "lines": 0}
            shown.append(gap)
            text = text[cut:]
        lines = text.splitlines(keepends=True)
        if tail and lines and tail[-1][0] == stream and not tail[-1][1].endswith("\n"):
            tail[-1][1] += lines.pop(0)
        tail += [[stream, line] for line in lines]
        if len(tail) > TAIL_LINES:
            gap["lines"] += len(tail) - TAIL_LINES
            del tail[: len(tail) - TAIL_LINES]
    for stream, line in tail:
        if shown[-1]["kind"] == "stream" and shown[-1]["name"] == stream:
            shown[-1] = {**shown[-1], "text": shown[-1]["text"] + line}
        else:
            shown.append({"kind": "stream", "name": stream, "text": line})
    return shown + later


def _item(item: Item) -> str:
    kind = item["kind"]
    if kind == "gap":
        lines = item["lines"]
        return (f'<div class="livedemo-gap"><p class="livedemo-gap-text">⋯ {lines:,} '
                f'{"line" if lines == 1 else "lines"} not shown here ⋯</p></div>')
    if kind == "stream":
        return (
            f'<pre class="livedemo-stream" data-stream="{escape(item["name"])}">'
            f"{escape(_clip(item['text']))}</pre>"
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
    declared = [i for i in outputs or [] if i["kind"] == "input"]  # drawn above the output
    outputs = None if outputs is None else [i for i in outputs if i["kind"] != "input"]
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
        body = f'<p class="livedemo-origin">{note}</p>' + "".join(_item(i) for i in capped(outputs))
    return (
        f'<div class="livedemo" id="{escape(block_id)}" data-livedemo="{data}">'
        f'<div class="livedemo-header"><span class="livedemo-title">{escape(title)}</span></div>'
        f'<div class="livedemo-code" style="--livedemo-height: {height}">'
        f'<div class="highlight"><pre><code>{_code(code)}</code></pre></div></div>'
        f"{render_inputs(block_id, declared)}"
        f'<div class="livedemo-output" data-origin="{origin}" aria-live="polite">{body}</div>'
        "</div>"
    )
