"""Collect what a demo produces at build time, in the order a reader would see it.

Items are plain dicts, so they can be cached as JSON: the events Python sends, as they are
(``contract.py`` gives their fields, the ones the page receives), and the text printed:
``{"type": "stream", "name": "stdout"|"stderr", "text": str}``,
``{"type": "display", "displayId": str|None, "spec": dict, "svgs": {"wide-light": str,
"wide-dark": str, "narrow-light"?: str, "narrow-dark"?: str}}`` (SVG text, added here; narrow
ones for a responsive spec), ``{"type": "progress", "progressId": str, "value": float, "total":
float, "label": str}`` and ``{"type": "input", "input": {"control": str, "name": str, "default":
..., "value": ..., ...}}`` (see ``livedemo/inputs.py``). A display or progress event with the id
of an earlier one, or an input with the name of an earlier one, replaces it in place, as it
does live in the browser, so only the final state is kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from livedemo.contract import DISPLAY, INPUT, PROGRESS
from livedemo.plots import spec_to_svgs

Item = dict[str, Any]

STREAM = "stream"
"""Text printed (the page receives it as ``stdout``/``stderr`` events, see protocol.js)."""


def _identity(item: Item) -> Any:
    """What makes a later event replace this one in place: a plot's or a bar's id, an input's name."""
    if item["type"] == DISPLAY:
        return item.get("displayId")
    if item["type"] == PROGRESS:
        return item.get("progressId")
    if item["type"] == INPUT:
        return item["input"]["name"]
    return None


class OutputCollector:
    """Receives runner output and display events; ``finish()`` returns the items."""

    def __init__(self, schema: Path | None = None) -> None:
        self.schema = schema  # the Vega-Lite JSON schema plots are checked against
        self.items: list[Item] = []
        self._parts: list[str] = []  # text of the last stream item, joined once at the end

    def on_output(self, stream: str, text: str) -> None:
        last = self.items[-1] if self.items else None
        if last is not None and last["type"] == STREAM and last["name"] == stream:
            self._parts.append(text)  # a list, not +=: a flood of prints stays linear
        else:
            self._join()
            self.items.append({"type": STREAM, "name": stream, "text": ""})
            self._parts = [text]

    def _join(self) -> None:
        if self._parts:
            self.items[-1]["text"] += "".join(self._parts)
            self._parts = []

    def on_event(self, event: dict[str, Any]) -> None:
        self._join()
        item = dict(event)
        identity = _identity(item)
        if identity is not None:
            for index, old in enumerate(self.items):
                if old["type"] == item["type"] and _identity(old) == identity:
                    self.items[index] = item
                    return
        self.items.append(item)

    def finish(self) -> list[Item]:
        """The items, with each plot's final spec rendered to SVG once (per screen size)."""
        self._join()
        for item in self.items:
            if item["type"] == DISPLAY:
                item["svgs"] = spec_to_svgs(item["spec"], self.schema)
        return self.items
