"""The build's half of the twins: logic done in Python at build time and in JavaScript on the
page, run on the golden cases of ``livedemo/assets/test/twins.json``; ``twins.test.mjs`` runs the
page's half on the same cases (``node --test``, part of ``make test``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from livedemo import choice, display, inputs, number, points, runner, slider
from livedemo.contract import CONTRACT, ERROR_TYPES, EVENTS, INTERRUPTED_MESSAGE
from livedemo.execute import TimeLimit
from livedemo.input_markup import nice_ticks
from livedemo.markup import GAP, _clip, capped
from livedemo.outputs import OutputCollector
from livedemo.terminal import rewrite_lines

ROOT = Path(__file__).resolve().parents[2]
CASES: dict[str, Any] = json.loads((ROOT / "livedemo/assets/test/twins.json").read_text(encoding="utf-8"))


def _part(item: Any) -> str:
    """A text part of twins.json: a string, [piece, times], or {"lines": [prefix, first, last]}."""
    if isinstance(item, str):
        return item
    if isinstance(item, list):
        return item[0] * item[1]
    prefix, first, last = item["lines"]
    return "".join(f"{prefix}{n}\n" for n in range(first, last + 1))


def text(parts: list[Any]) -> str:
    return "".join(_part(item) for item in parts)


def _merged(pieces: list[list[Any]]) -> list[list[Any]]:
    """Adjacent pieces of one stream as one; the gap as it is."""
    merged: list[list[Any]] = []
    for kind, value in pieces:
        if kind != "gap" and merged and merged[-1][0] == kind:
            merged[-1][1] += value
        elif kind == "gap" or value:
            merged.append([kind, value])
    return merged


@pytest.mark.parametrize("case", CASES["capping"], ids=lambda case: str(len(case["writes"])))
def test_a_flood_of_output_is_capped_as_the_page_caps_it(case: dict[str, Any]) -> None:
    collector = OutputCollector()
    for stream, parts, *by_line in case["writes"]:
        written = text(parts)
        for piece in written.splitlines(keepends=True) if by_line else [written]:
            collector.on_output(stream, piece)
    shown = [[GAP, item["lines"]] if item["type"] == GAP else [item["name"], item["text"]]
             for item in capped(collector.finish())]
    expected = [[kind, value if kind == GAP else text(value)] for kind, value in case["shown"]]
    assert _merged(shown) == _merged(expected)


@pytest.mark.parametrize("case", CASES["clip"], ids=lambda case: str(len(text(case["text"]))))
def test_long_lines_are_clipped_as_the_page_clips_them(case: dict[str, Any]) -> None:
    assert _clip(text(case["text"])) == text(case["shown"])


@pytest.mark.parametrize("case", CASES["carriageReturns"], ids=lambda case: repr(case["written"]))
def test_carriage_returns_rewrite_lines_as_the_page_does(case: dict[str, str]) -> None:
    assert rewrite_lines(case["written"]) == case["shown"]


@pytest.mark.parametrize("case", CASES["ticks"], ids=lambda case: str(case["range"]))
def test_the_points_plot_has_the_pages_ticks(case: dict[str, Any]) -> None:
    assert nice_ticks(*case["range"]) == case["ticks"]


@pytest.fixture
def declared() -> Iterator[list[dict[str, Any]]]:
    received: list[dict[str, Any]] = []
    previous = display.set_sink(received.append)
    yield received
    display.set_sink(previous)
    inputs.set_values(None)


def _declare(spec: dict[str, Any]) -> Any:
    """Declare the input ``spec`` describes, as a demo would."""
    name, default = spec["name"], spec["default"]
    if spec["control"] == "slider":
        return slider(name, spec["low"], spec["high"], default, step=spec["step"])
    if spec["control"] == "number":
        return number(name, default, low=spec["low"], high=spec["high"], step=spec["step"])
    if spec["control"] == "choice":
        return choice(name, spec["options"], default)
    return points(name, default, x=tuple(spec["x"]), y=tuple(spec["y"]),
                  min_points=spec["min"], max_points=spec["max"], step=spec["step"])


@pytest.mark.parametrize("case", CASES["inputs"], ids=lambda case: f"{case['spec']['control']}-{case['value']!r}")
def test_python_accepts_exactly_the_input_values_the_page_allows(case: dict[str, Any],
                                                                 declared: list[dict[str, Any]]) -> None:
    spec, value = case["spec"], case["value"]
    inputs.set_values({spec["name"]: value})
    used = _declare(spec)
    # The declaration the page receives is the one the case gives the page's half.
    assert {key: declared[0]["input"][key] for key in spec} == spec
    if spec["control"] == "points":
        used = [list(point) for point in used]
    assert value != spec["default"]  # else the case could not tell an accepted value from the default
    assert (used == value) is case["allowed"], f"Python used {used!r}"


def test_python_sends_the_events_the_contract_names_and_its_interrupted_message() -> None:
    received: list[dict[str, Any]] = []
    previous = display.set_sink(received.append)
    try:
        display.show({"mark": "point", "description": "one point", "data": {"values": [{"x": 1}]}}, id="p")
        display.progress(1, 2, id="bar")
    finally:
        display.set_sink(previous)
    assert [event["type"] for event in received] == [EVENTS["display"], EVENTS["progress"]]
    assert received[0]["displayId"] == "p" and received[1]["progressId"] == "bar"  # protocol.js's names
    stopped = runner.execute("raise KeyboardInterrupt", {}, filename="<demo>", on_output=lambda *_: None)
    assert stopped is not None and stopped["type"] == ERROR_TYPES["interrupted"]
    assert stopped["message"] == INTERRUPTED_MESSAGE == CONTRACT["errors"]["messages"]["interrupted"]


def test_the_error_types_named_in_the_contract_are_the_ones_python_raises() -> None:
    assert ERROR_TYPES["timeLimit"] == TimeLimit.__name__
    assert ERROR_TYPES["interrupted"] == KeyboardInterrupt.__name__
    assert set(CONTRACT) >= {"output", "narrowScreen", "pointsPlot", "errors"}
