"""Vega-Lite helpers: valid JSON, the v5 schema, small data, the fields the encodings use."""

import json

import numpy as np
import pytest

from metalearn import plots


def rows(spec):
    layers = spec.get("layer", [spec])
    return [r for layer in layers for r in layer["data"]["values"]]


def check_fields(spec):
    for layer in spec.get("layer", [spec]):
        values = layer["data"]["values"]
        assert values, "empty layer"
        for channel, enc in layer["encoding"].items():
            if isinstance(enc, dict) and "field" in enc:
                assert enc["field"] in values[0], f"{channel} uses missing field {enc['field']}"


def test_function_fit_spec():
    x = np.linspace(-5, 5, 100)
    spec = plots.function_fit(x, np.sin(x), (np.array([0.0, 1.0]), np.array([0.0, 0.8])),
                              {"MAML": np.cos(x), "pretrained": 0 * x}, title="t", description="d")
    assert spec["$schema"].endswith("vega-lite/v5.json") and spec["width"] == "container"
    assert len(rows(spec)) == 3 * 100 + 2
    assert {r["curve"] for r in spec["layer"][0]["data"]["values"]} == {"true function", "MAML", "pretrained"}
    check_fields(spec)
    json.dumps(spec, allow_nan=False)
    own = plots.function_fit(x, None, (x[:2], x[:2]), {"after 1 step": x}, description="d")
    assert {r["curve"] for r in own["layer"][0]["data"]["values"]} == {"after 1 step"}
    with pytest.raises(ValueError, match="fit .bad. has 5 values for 100 x.s"):
        plots.function_fit(x, np.sin(x), (x[:2], x[:2]), {"bad": x[:5]}, description="d")


def test_loss_curve_bins_long_runs():
    spec = plots.loss_curve(np.linspace(5, 1, 3000), max_points=300, description="d")
    values = spec["data"]["values"]
    assert len(values) == 300
    assert values[0]["loss"] > values[-1]["loss"]
    assert 0 < values[0]["iteration"] < values[1]["iteration"] < 3000
    assert len(plots.loss_curve([3.0, 2.0], description="d")["data"]["values"]) == 2
    check_fields(spec)


def test_adaptation_curves():
    spec = plots.adaptation_curves([0, 1, 5], {"MAML": [3, 1, 0.5], "Reptile": [2, 1.5, 1.0]}, description="d")
    assert len(spec["data"]["values"]) == 6
    check_fields(spec)


def test_protonet_regions_is_small_and_consistent():
    gx, gy = np.linspace(-5, 5, 40), np.linspace(-4, 4, 30)
    grid = (gx[None, :] > 0).astype(int) + (gy[:, None] > 0)
    points = np.random.default_rng(0).uniform(-4, 4, (30, 2))
    spec = plots.protonet_regions(gx, gy, grid, points, np.arange(30) % 3, np.zeros((3, 2)),
                                  support=np.arange(30) < 9, description="d")
    cells = spec["layer"][0]["data"]["values"]
    assert len(cells) == 1200 and len(rows(spec)) == 1200 + 30 + 3
    right_top = [c for c in cells if c["x0"] > 0 and c["y0"] > 0]
    assert {c["class"] for c in right_top} == {"class 2"}
    check_fields(spec)
    json.dumps(spec, allow_nan=False)


def test_diverged_values_become_gaps_that_show_accepts():
    from livedemo import display

    spec = plots.adaptation_curves([0, 1, 2], {"MAML": [1.0, np.nan, np.inf]}, description="d")
    assert [r["mse"] for r in rows(spec)] == [1.0, None, None]
    events = []
    previous = display.set_sink(events.append)
    try:
        display.show(spec)  # NaN would be rejected as invalid JSON
    finally:
        display.set_sink(previous)
    assert events and events[0]["spec"]["data"]["values"][1]["mse"] is None


def test_every_helper_requires_a_description_and_puts_it_in_the_spec():
    x = np.linspace(-1, 1, 5)
    helpers = {
        "function_fit": lambda **kw: plots.function_fit(x, x, (x[:2], x[:2]), {"fit": x}, **kw),
        "loss_curve": lambda **kw: plots.loss_curve([2.0, 1.0], **kw),
        "adaptation_curves": lambda **kw: plots.adaptation_curves([0, 1], {"MAML": [2, 1]}, **kw),
        "protonet_regions": lambda **kw: plots.protonet_regions(
            x[:2], x[:2], np.zeros((2, 2), int), np.zeros((1, 2)), np.zeros(1, int), np.zeros((1, 2)), **kw),
    }
    for name, helper in helpers.items():
        with pytest.raises(TypeError, match="description"):
            helper()
        with pytest.raises(ValueError, match="needs a description"):
            helper(description="  ")
        assert helper(description="What it shows")["description"] == "What it shows", name
