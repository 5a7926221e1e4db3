"""The inputs API: values in, declarations out, mistakes named; the build draws disabled controls."""

from __future__ import annotations

import html
import json
import re

import pytest

from livedemo import choice, display, inputs, number, points, slider
from livedemo.input_markup import nice_ticks
from livedemo.outputs import OutputCollector


def _flat(event: dict) -> dict:
    """An input event as ``{"type": "input", **its declaration}``: one level, for the checks below.
    Python sends the declaration under ``input``, the field the page reads (protocol.js)."""
    assert set(event) == {"type", "input"} and event["type"] == "input", event
    return {"type": "input", **event["input"]}


@pytest.fixture
def events():
    received: list[dict] = []
    previous = display.set_sink(lambda event: received.append(_flat(event)))
    inputs.set_values(None)
    yield received
    display.set_sink(previous)
    inputs.set_values(None)


def test_each_call_returns_its_default_and_declares_the_input(events) -> None:
    assert slider("a", 0.1, 5.0, 3.5, step=0.1, label="Amplitude") == 3.5
    k = slider("k", 1, 10, 5)
    assert k == 5 and type(k) is int
    assert number("lr", 0.01) == 0.01
    assert choice("method", ["MAML", "Reptile"]) == "MAML"
    assert points("placed", [(-4.5, -2.0), (1.0, 2.9)], max_points=10) == [(-4.5, -2.0), (1.0, 2.9)]
    assert [e["type"] for e in events] == ["input"] * 5
    assert events[0] == {
        "type": "input", "control": "slider", "name": "a", "label": "Amplitude", "low": 0.1, "high": 5.0,
        "step": 0.1, "decimals": 1, "default": 3.5, "integer": False, "value": 3.5,
    }
    assert events[1]["step"] == 1 and events[1]["integer"] is True and events[1]["label"] == "k"
    assert events[4]["value"] == [[-4.5, -2.0], [1.0, 2.9]]
    json.dumps(events)  # plain data, for the page


def test_the_readers_values_are_used_snapped_to_the_grid(events) -> None:
    inputs.set_values({
        "a": 2.3000000000000003, "k": 7.0, "n": 33, "method": "Reptile",
        "placed": [[1.234, -0.006], [4.0, 4.0]],
    })
    a = slider("a", 0.1, 5.0, 3.5, step=0.1)
    assert a == 2.3 and str(a) == "2.3"
    k = slider("k", 1, 10, 5)
    assert k == 7 and type(k) is int
    assert number("n", 10, low=1, high=100) == 33
    assert choice("method", ["MAML", "Reptile"]) == "Reptile"
    assert points("placed", [(0.0, 0.0)]) == [(1.23, -0.01), (4.0, 4.0)]
    assert [e["value"] for e in events] == [2.3, 7, 33, "Reptile", [[1.23, -0.01], [4.0, 4.0]]]


def test_a_value_the_input_does_not_allow_gives_the_default(events) -> None:
    inputs.set_values({"a": 9.0, "k": "seven", "c": "Adam", "p": [[0, 0]] * 30, "n": float("nan")})
    assert slider("a", 0.0, 5.0, 1.0, step=0.5) == 1.0
    assert slider("k", 1, 10, 5) == 5
    assert choice("c", ["SGD", "momentum"]) == "SGD"
    assert points("p", [(1.0, 1.0)], max_points=10) == [(1.0, 1.0)]
    assert number("n", 3) == 3
    assert [e["value"] for e in events] == [1.0, 5, "SGD", [[1.0, 1.0]], 3]  # the page shows these


def test_a_choice_keeps_strings_and_numbers_apart(events) -> None:
    inputs.set_values({"lr": 0.02, "label": 1})
    assert choice("lr", [0.005, 0.01, 0.02], 0.01) == 0.02
    assert choice("label", ["1", "2"]) == "1"  # the number 1 is not the option "1"


def test_each_run_starts_with_its_own_values_and_declarations(events) -> None:
    inputs.set_values({"k": 3})
    assert slider("k", 1, 10, 5) == 3
    with pytest.raises(ValueError, match=r"slider\('k'\): an input of that name is already declared"):
        slider("k", 1, 20, 5)
    assert slider("k", 1, 10, 5) == 3  # the same declaration again is the same input
    inputs.set_values(None)
    assert slider("k", 1, 20, 5) == 5


@pytest.mark.parametrize("call, message", [
    (lambda: slider("two words", 0, 1, 0), "must be a Python identifier"),
    (lambda: slider("s", 1, 1, 1), "low .1. must be below high"),
    (lambda: slider("s", 0, 1, 2), "default 2 is outside"),
    (lambda: slider("s", 0.0, 1.0, 0.55, step=0.1), "not on the slider's grid"),
    (lambda: slider("s", 0.0, 1.0, 0.5, step=0.0), "step must be above 0"),
    (lambda: slider("s", 0, float("inf"), 0), "finite numbers"),
    (lambda: number("n", 5, low=10), "outside"),
    (lambda: choice("c", []), "list of 1 to"),
    (lambda: choice("c", ["a", "a"]), "must differ"),
    (lambda: choice("c", ["a", "b"], "z"), "not one of the options"),
    (lambda: choice("c", [True, False]), "string or a finite number"),
    (lambda: points("p", [(9.0, 0.0)]), "inside x"),
    (lambda: points("p", [(0.123, 0.0)]), "multiple of 0.01"),
    (lambda: points("p", [], min_points=1), "1 to 20"),
    (lambda: points("p", [(0.0, 0.0)], x=(1, -1)), "x must be a range"),
    (lambda: slider("s", 0, 1, 0, label=""), "label must be a non-empty string"),
])
def test_mistakes_in_a_declaration_say_what_to_change(events, call, message) -> None:
    with pytest.raises(ValueError, match=message):
        call()
    assert events == []


def test_the_collector_keeps_one_item_per_input_name() -> None:
    collector = OutputCollector()
    for value in (1, 2):
        collector.on_event({"type": "input", "input": {"control": "slider", "name": "k", "value": value}})
    collector.on_output("stdout", "done\n")
    assert collector.finish() == [
        {"type": "input", "input": {"control": "slider", "name": "k", "value": 2}},
        {"type": "stream", "name": "stdout", "text": "done\n"},
    ]


def test_ticks_are_round_numbers_inside_the_range() -> None:
    assert nice_ticks(-5, 5) == [-4, -2, 0, 2, 4]
    assert nice_ticks(-6, 6) == [-6, -4, -2, 0, 2, 4, 6]
    assert nice_ticks(-3, 3) == [-3, -2, -1, 0, 1, 2, 3]
    assert nice_ticks(0, 0.05) == [0.0, 0.01, 0.02, 0.03, 0.04, 0.05]


def _control(page: str, ident: str) -> str:
    match = re.search(rf'<(div|fieldset) class="livedemo-input[^"]*" id="{re.escape(ident)}".*?</\1>', page, re.S)
    assert match, f"no control {ident}"
    return match.group(0)


def test_the_build_draws_the_declared_inputs_as_disabled_controls_at_their_defaults(build_pages) -> None:
    result = build_pages({"index.md": (
        "# Inputs\n\n"
        '```pyodide title="Knobs"\n'
        "from livedemo import choice, number, points, slider\n"
        "a = slider('a', 0.1, 5.0, 3.5, step=0.1, label='Amplitude <A>')\n"
        "n = number('n', 20, low=1)\n"
        "how = choice('how', ['first', 'second'], 'second', label='Method')\n"
        "xy = points('xy', [(-4.5, -2.0), (1.0, 2.9)], max_points=10, label='Your points')\n"
        "print(a, n, how, xy)\n"
        "```\n"
    )})
    assert result.returncode == 0, result.output
    page = result.page("index.html")
    inputs_html = page[page.index('<div class="livedemo-inputs">'):page.index('<div class="livedemo-output"')]
    assert "change the demo when JavaScript runs" in inputs_html
    slider_html = _control(page, "livedemo-index-1-input-a")
    assert '<label class="livedemo-input-label" for="livedemo-index-1-input-a-field">Amplitude &lt;A&gt;</label>' in slider_html
    assert re.search(r'<input class="livedemo-input-range" type="range" id="livedemo-index-1-input-a-field" '
                     r'name="a" min="0.1" max="5.0" step="0.1" value="3.5" disabled>', slider_html)
    assert ">3.5</output>" in slider_html
    spec = json.loads(html.unescape(re.search(r'data-input="([^"]*)"', slider_html).group(1)))
    assert spec["control"] == "slider" and spec["value"] == spec["default"] == 3.5
    assert 'type="number"' in _control(page, "livedemo-index-1-input-n") and 'value="20" disabled' in page
    choice_html = _control(page, "livedemo-index-1-input-how")
    assert '<option value="1" selected>second</option>' in choice_html and "disabled" in choice_html
    points_html = _control(page, "livedemo-index-1-input-xy")
    assert "<legend" in points_html and "Your points" in points_html
    assert points_html.count("<circle") == 2 and 'aria-label="y of point 2"' in points_html
    assert re.findall(r'<input type="number" value="([^"]+)"', points_html) == ["-4.50", "-2.00", "1.00", "2.90"]
    assert "2 points (from 1 to 10)" in points_html
    stdout = re.search(r'<pre class="livedemo-stream" data-stream="stdout">(.*?)</pre>', page, re.S).group(1)
    assert html.unescape(stdout) == "3.5 20 second [(-4.5, -2.0), (1.0, 2.9)]\n"


def test_a_mistake_in_a_declaration_fails_the_build_naming_the_demo(build_pages) -> None:
    result = build_pages({"index.md": (
        "# Inputs\n\n"
        '```pyodide title="Bad"\nfrom livedemo import slider\nslider("k", 1, 10, 50)\n```\n'
    )})
    assert result.returncode != 0
    assert "index.md, line 3 (demo #1) failed while the site was built" in result.output
    assert "slider('k'): default 50 is outside [1, 10]" in result.output
