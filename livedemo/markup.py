"""The HTML of one demo block: code, controls slot, declared inputs and build-time output.

This is the contract with the page script (``assets/src/page.js``): the block's
options travel as JSON in ``data-livedemo``; outputs use the classes below. All
text is escaped here; only SVG made by vl-convert from the author's spec is
inserted as markup.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any, Callable

from pygments.lexers import PythonLexer
from pygments.token import STANDARD_TYPES

from livedemo.contract import DISPLAY, HEAD_LINES, INPUT, LINE_CHARS, NARROW_SCREEN, PROGRESS, TAIL_LINES
from livedemo.input_markup import render_inputs
from livedemo.outputs import STREAM, Item
from livedemo.plots import plot_label, svg_size
from livedemo.terminal import rewrite_lines

DEFAULT_HEIGHT_LIMIT = 25  # lines shown before the code area scrolls
GAP = "gap"
"""The item ``capped`` puts where lines are left out: ``{"type": GAP, "lines": int}``."""
# Names, text, operators and punctuation are drawn in the plain code colour (as in the editor):
# no element for them. A page with eight demos went from ~2,700 to ~800 elements of code.
_PLAIN = {"", "n", "w", "x", "t", "o", "ow", "p"}
_SAME_AS: dict[str, str] = {}


def _code(code: str) -> str:
    """Python highlighted with Material's token classes (.k, .s2, ...), each run of one class in
    one <span>, and plain text left as text: a page of demos keeps a small DOM."""
    parts: list[str] = []
    current, run = None, []
    for token, text in PythonLexer(stripnl=False).get_tokens(code):
        css = _SAME_AS.get(_css_class(token), _css_class(token))
        if css in _PLAIN or text.isspace():
            css = ""
        if css != current and run:
            parts.append(_span(current, "".join(run)))
            run = []
        current = css
        run.append(text)
    if run:
        parts.append(_span(current, "".join(run)))
    return "".join(parts).rstrip("\n")


def _css_class(token: Any) -> str:
    while token not in STANDARD_TYPES:
        token = token.parent
    return STANDARD_TYPES[token]


def _span(css: str | None, text: str) -> str:
    return f'<span class="{css}">{escape(text, quote=False)}</span>' if css else escape(text, quote=False)


PlotURL = Callable[[str], str]
"""Stores one SVG as a file of the site and returns its URL relative to the page."""



def _figure(item: Item, plot_url: PlotURL) -> str:
    """A build-time plot: a <picture> of SVG files, one per screen size and colour scheme.

    Files keep the page light (no inline SVG in the HTML) and let the browser fetch only the
    one it shows; <source> media follow the system's colour scheme without JavaScript, and
    page.js follows Material's palette switch. width/height reserve the space (no shift).
    """
    spec, svgs = item["spec"], item["svgs"]
    label = plot_label(spec)
    ident = f' data-display-id="{escape(item["displayId"])}"' if item.get("displayId") else ""

    def source(key: str, media: str) -> str:
        width, height = svg_size(svgs[key])
        size, scheme = key.split("-")
        return (f'<source srcset="{escape(plot_url(svgs[key]))}" media="{escape(media)}" '
                f'width="{width}" height="{height}" data-size="{size}" data-scheme="{scheme}">')

    sources = []
    if "narrow-light" in svgs:
        sources += [source("narrow-dark", f"{NARROW_SCREEN} and (prefers-color-scheme: dark)"),
                    source("narrow-light", NARROW_SCREEN)]
    sources.append(source("wide-dark", "(prefers-color-scheme: dark)"))
    width, height = svg_size(svgs["wide-light"])
    image = (f'<img src="{escape(plot_url(svgs["wide-light"]))}" alt="{escape(label)}" '
             f'width="{width}" height="{height}" loading="lazy" decoding="async">')
    return f'<figure class="livedemo-plot"{ident}><picture>{"".join(sources)}{image}</picture></figure>'


# The same caps as the live output (contract.json's "output", read by assets/src/output.js too),
# so that a long output looks the same before and after Run, and a flood cannot make the page
# megabytes heavy.


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
    lines; plots and progress bars after the gap come after those (as live). Carriage returns
    rewrite their line, as on a terminal (terminal.py)."""
    shown: list[Item] = []
    later: list[Item] = []
    head = 0
    gap: Item | None = None
    tail: list[list[str]] = []  # [stream, line]
    for item in outputs:
        if item["type"] != STREAM:
            (later if gap else shown).append(item)
            continue
        if "\r" in item["text"]:  # a progress line rewritten with "\r" shows its last state
            item = {**item, "text": rewrite_lines(item["text"])}
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
            gap = {"type": GAP, "lines": 0}
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
        if shown[-1]["type"] == STREAM and shown[-1]["name"] == stream:
            shown[-1] = {**shown[-1], "text": shown[-1]["text"] + line}
        else:
            shown.append({"type": STREAM, "name": stream, "text": line})
    return shown + later


def _item(item: Item, plot_url: PlotURL) -> str:
    kind = item["type"]
    if kind == GAP:
        lines = item["lines"]
        return (f'<div class="livedemo-gap"><p class="livedemo-gap-text">⋯ {lines:,} '
                f'{"line" if lines == 1 else "lines"} not shown here ⋯</p></div>')
    if kind == STREAM:
        return (
            f'<pre class="livedemo-stream" data-stream="{escape(item["name"])}">'
            f"{escape(_clip(item['text']))}</pre>"
        )
    if kind == DISPLAY:
        return _figure(item, plot_url)
    if kind == PROGRESS:
        label = escape(item.get("label") or "")
        if item["value"] >= item["total"]:  # finished: a bar at 100 % would look still at work
            return (f'<p class="livedemo-progress" data-progress-id="{escape(item["progressId"])}" '
                    f'data-state="done">Finished{": " + label if label else ""}</p>')
        return (
            f'<div class="livedemo-progress" data-progress-id="{escape(item["progressId"])}">'
            f'<progress value="{item["value"]:g}" max="{item["total"]:g}">'
            f"{item['value'] / item['total']:.0%}</progress> <span>{label}</span></div>"
        )
    raise ValueError(f"unknown output type {kind!r}")


def render_block(
    block_id: str, options: dict[str, Any], code: str, outputs: list[Item] | None,
    plot_url: PlotURL,
) -> str:
    """One block. ``outputs`` is None for live-only blocks (nothing ran at build)."""
    lines = code.count("\n") + 1
    height = options.get("height") or min(lines, DEFAULT_HEIGHT_LIMIT)
    title = options.get("title") or "Python demo"
    data = escape(json.dumps(options, separators=(",", ":")), quote=True)
    declared = [i["input"] for i in outputs or [] if i["type"] == INPUT]  # drawn above the output
    outputs = None if outputs is None else [i for i in outputs if i["type"] != INPUT]
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
        body = f'<p class="livedemo-origin">{note}</p>' + "".join(_item(i, plot_url) for i in capped(outputs))
    return (
        f'<div class="livedemo" id="{escape(block_id)}" data-livedemo="{data}">'
        f'<div class="livedemo-header"><span class="livedemo-title">{escape(title)}</span></div>'
        f"{_code_box(code, height, folded=options.get('code') == 'folded', lines=lines)}"
        f"{render_inputs(block_id, declared)}"
        f'<div class="livedemo-output" data-origin="{origin}" aria-live="polite">{body}</div>'
        "</div>"
    )


def _code_box(code: str, height: int, *, folded: bool, lines: int) -> str:
    """The code (Material's copy button off: the block has its own Copy, which copies edits too),
    folded under a summary when the author asked."""
    box = (f'<div class="livedemo-code no-copy" style="--livedemo-height: {height}">'
           f'<div class="highlight"><pre><code>{_code(code)}</code></pre></div></div>')
    if not folded:
        return box
    return (f'<details class="livedemo-fold"><summary>Show the code ({lines} '
            f'{"line" if lines == 1 else "lines"})</summary>{box}</details>')
