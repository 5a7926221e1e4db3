"""The display API: specs as plain data, SVG at build time, progress validated."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from livedemo import display
from livedemo.outputs import OutputCollector
from livedemo.plots import NARROW, THEME, WIDE, plot_label, prepared, spec_to_svg, spec_to_svgs, svg_size

LINE = {
    "description": "y = x squared",
    "mark": "line",
    "encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"}},
}


@pytest.fixture
def events():
    received: list[dict] = []
    previous = display.set_sink(received.append)
    yield received
    display.set_sink(previous)


def test_show_emits_plain_json_data_even_from_numpy(events) -> None:
    x = np.linspace(0, 1, 3)
    display.show({**LINE, "data": {"values": [{"x": a, "y": b} for a, b in zip(x, x**2)]}, "extra": x}, id="sq")
    (event,) = events
    assert event["type"] == "display" and event["displayId"] == "sq"
    assert event["spec"]["extra"] == [0.0, 0.5, 1.0]
    assert event["spec"]["data"]["values"][1] == {"x": 0.5, "y": 0.25}
    assert type(event["spec"]["data"]["values"][1]["x"]) is float
    assert event["spec"]["config"] == {"aria": False}  # the figure, not each mark, is labelled


def test_an_author_can_keep_mark_labels(events) -> None:
    display.show({**LINE, "config": {"aria": True}})
    assert events[0]["spec"]["config"] == {"aria": True}


def test_show_rejects_what_is_not_a_spec(events) -> None:
    with pytest.raises(TypeError, match="dict"):
        display.show([1, 2, 3])  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        display.show({**LINE, "data": {"values": [{"x": float("nan"), "y": 1}]}})
    assert events == []


@pytest.mark.parametrize("description", [None, "", "   ", 3])
def test_a_plot_without_a_description_is_refused_with_what_to_do(events, description) -> None:
    spec = {k: v for k, v in LINE.items() if k != "description"}
    if description is not None:
        spec["description"] = description
    with pytest.raises(ValueError, match=r'show\(\): this plot has no "description". Add one to the spec'):
        display.show({**spec, "title": "A title is not enough"})
    assert events == []


def test_the_plot_s_label_is_its_title_then_its_description() -> None:
    assert plot_label({"title": "MAML adapts in one step", "description": "Two lines"}) == (
        "MAML adapts in one step. Two lines")
    assert plot_label({"title": {"text": "Fits", "subtitle": "s"}, "description": "Curves"}) == "Fits. Curves"
    assert plot_label({"title": ["Same 5 points,", "two starts"], "description": "x"}) == "Same 5 points, two starts. x"
    assert plot_label({"title": "Loss:", "description": "falling"}) == "Loss: falling"
    assert plot_label({"title": "Loss", "description": "Loss over 20 steps"}) == "Loss over 20 steps"  # no echo
    assert plot_label({"description": "Loss over 20 steps"}) == "Loss over 20 steps"


def test_a_demo_file_with_a_plot_without_description_fails_the_build_naming_it(build_pages) -> None:
    demo = ("from livedemo import show\n\n"
            "show({'title': 'Loss', 'data': {'values': [{'x': 1}]}, 'mark': 'point',\n"
            "      'encoding': {'x': {'field': 'x', 'type': 'quantitative'}}})\n")
    result = build_pages({"index.md": '# P\n\n```pyodide title="t" file="topic/plot.py"\n```\n'},
                         demos={"topic/plot.py": demo})
    assert result.returncode != 0, "the build should have failed"
    assert "docs/index.md, line 3 (demo #1) failed" in result.output, result.output
    assert 'File "demos/topic/plot.py", line 3' in result.output
    assert 'ValueError: show(): this plot has no "description"' in result.output


def test_the_built_picture_s_alt_text_is_the_title_and_the_description(build_pages) -> None:
    code = ("from livedemo import show\n"
            "show({'title': 'Two points', 'description': 'One point at 1, one at 2', 'width': 200,\n"
            "      'data': {'values': [{'x': 1}, {'x': 2}]}, 'mark': 'point',\n"
            "      'encoding': {'x': {'field': 'x', 'type': 'quantitative'}}})\n")
    result = build_pages({"index.md": f'# P\n\n```pyodide title="t"\n{code}```\n'})
    assert result.returncode == 0, result.output
    assert 'alt="Two points. One point at 1, one at 2"' in result.page("index.html")


def test_progress_events_and_validation(events) -> None:
    display.progress(3, 10, label="epoch 3")
    assert events == [{"type": "progress", "progressId": "progress", "value": 3.0, "total": 10.0, "label": "epoch 3"}]
    with pytest.raises(ValueError, match="outside"):
        display.progress(11, 10)
    with pytest.raises(ValueError):
        display.progress(1, 0)


def test_without_a_sink_events_are_dropped() -> None:
    previous = display.set_sink(None)
    try:
        display.show(LINE)
        display.progress(0.5)
    finally:
        display.set_sink(previous)


def test_svg_is_produced_from_the_spec() -> None:
    svg = spec_to_svg({**LINE, "width": "container", "data": {"values": [{"x": i, "y": i * i} for i in range(5)]}})
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert 'class="mark-line' in svg
    assert f'width="{WIDE}"' in svg  # "container" became a fixed width at build time


def test_each_plot_is_drawn_per_colour_scheme_and_responsive_ones_per_screen_size() -> None:
    data = {"values": [{"x": i, "y": i * i, "c": "ab"[i % 2]} for i in range(5)]}
    spec = {**LINE, "data": data, "encoding": {**LINE["encoding"], "color": {"field": "c", "type": "nominal"}}}
    schemes = ["wide-light", "wide-dark"]
    assert list(spec_to_svgs({**spec, "width": 300})) == schemes  # fixed-size plots: one size
    assert list(spec_to_svgs({"hconcat": [spec, spec]})) == schemes  # so are compositions
    everything = [*schemes, "narrow-light", "narrow-dark"]
    assert list(spec_to_svgs(spec)) == everything  # no width: fills its container
    svgs = spec_to_svgs({**spec, "width": "container"})
    assert list(svgs) == everything
    assert svg_size(svgs["wide-light"])[0] == WIDE and svg_size(svgs["narrow-light"])[0] == NARROW
    assert svg_size(svgs["narrow-light"])[1] > svg_size(svgs["wide-light"])[1]  # the legend moved below


def test_plots_follow_the_colour_scheme_and_keep_text_at_12_px() -> None:
    spec = {**LINE, "data": {"values": [{"x": i, "y": i} for i in range(3)]}}
    light, dark = (spec_to_svg(spec, scheme=s) for s in ("light", "dark"))
    assert THEME["light"]["axis"]["labelColor"] in light and THEME["dark"]["axis"]["labelColor"] in dark
    assert THEME["dark"]["axis"]["labelColor"] not in light
    sizes = {float(v) for v in re.findall(r'font-size="([\d.]+)px"', light)}
    assert sizes and min(sizes) >= 12, sizes


def test_a_long_title_is_wrapped_on_a_narrow_screen() -> None:
    spec = {**LINE, "title": "Same 5 points, same 10 steps, different starting points",
            "data": {"values": [{"x": 1, "y": 1}]}}
    assert prepared(spec, "light", "narrow")["title"] == ["Same 5 points, same 10 steps,", "different starting points"]
    assert prepared(spec, "light", "wide")["title"] == spec["title"]


def test_unrenderable_spec_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="cannot render the Vega-Lite spec"):
        spec_to_svg({"mark": "no-such-mark", "data": {"values": []}})


def test_collector_redraws_by_id_and_merges_streams() -> None:
    collector = OutputCollector()
    collector.on_output("stdout", "a")
    collector.on_output("stdout", "b\n")
    collector.on_event({"type": "display", "displayId": "p", "spec": {**LINE, "data": {"values": [{"x": 1, "y": 1}]}}})
    collector.on_output("stderr", "warn\n")
    collector.on_event({"type": "display", "displayId": "p", "spec": {**LINE, "data": {"values": [{"x": 2, "y": 4}]}}})
    items = collector.finish()
    assert [i["type"] for i in items] == ["stream", "display", "stream"]
    assert items[0]["text"] == "ab\n"
    assert items[1]["spec"]["data"]["values"] == [{"x": 2, "y": 4}]
    assert items[1]["svgs"]["wide-light"].startswith("<svg")


def test_a_plot_with_too_many_values_is_refused_with_what_to_do(events) -> None:
    values = [{"x": i, "y": i} for i in range(display.MAX_PLOT_VALUES)]
    display.show({**LINE, "data": {"values": values}})  # the limit itself is allowed
    with pytest.raises(ValueError, match=r"this plot has 10,000 data values, more than the 5,000 .* one point in 2"):
        display.show({**LINE, "layer": [{"data": {"values": values}}, {"data": {"values": values}}]})


SCHEMA = Path(__file__).resolve().parents[2] / "node_modules" / "vega-lite" / "build" / "vega-lite-schema.json"


@pytest.mark.parametrize(("change", "message"), [
    ({"mark": "dot"}, 'at mark: "dot" is not one of "arc", "area", "bar"'),
    ({"encoding": {"x": {"field": "x", "type": "quantitive"}}},
     'at encoding.x.type: "quantitive" is not one of "quantitative", "ordinal", "temporal", "nominal"'),
])
def test_an_invalid_spec_is_explained_at_build_time(change, message) -> None:
    spec = {**LINE, "data": {"values": [{"x": 1, "y": 2}]}, **change}
    with pytest.raises(ValueError, match="the plot's spec is not valid Vega-Lite " + re.escape(message)):
        spec_to_svgs(spec, SCHEMA)
    assert spec_to_svgs({**LINE, "data": {"values": [{"x": 1, "y": 2}]}}, SCHEMA)["wide-light"].startswith("<svg")
