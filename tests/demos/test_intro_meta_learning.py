"""Run each demo script of the intro article under CPython and check what it prints and shows."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import numpy as np
import pytest

from livedemo import inputs
from livedemo.display import set_sink

DEMOS = Path(__file__).resolve().parents[2] / "demos" / "intro_meta_learning"
POSTS = Path(__file__).resolve().parents[2] / "docs" / "blog" / "posts"
INTRO = POSTS / "introduction-to-meta-learning.md"  # quotes "Why pre-training is not enough"
MAML_POST = POSTS / "maml-line-by-line.md"  # quotes "MAML at another step size"


@pytest.fixture
def events():
    collected: list[dict] = []
    previous = set_sink(collected.append)
    yield collected
    set_sink(previous)


def run(name: str, capsys, namespace: dict | None = None) -> tuple[dict, str]:
    result = runpy.run_path(str(DEMOS / name), init_globals=namespace, run_name="__main__")
    return result, capsys.readouterr().out


def run_with(name: str, capsys, **values) -> tuple[dict, str]:
    """Run a demo as the page does after a reader set its inputs (by name) to ``values``."""
    inputs.set_values(values)
    try:
        return run(name, capsys)
    finally:
        inputs.set_values(None)


def run_edited(name: str, namespace: dict | None = None, **assignments: str) -> dict:
    """Run a demo after a reader's edit: each ``variable = ...`` line set to the given source."""
    source = (DEMOS / name).read_text()
    for variable, value in assignments.items():
        source, n = re.subn(rf"^{variable} = .*$", f"{variable} = {value}", source, count=1, flags=re.M)
        assert n == 1, f"no line assigning {variable} in {name}"
    namespace = {**(namespace or {}), "__name__": "__main__"}
    exec(compile(source, name, "exec"), namespace)
    return namespace


def table(out: str, label: str) -> list[float]:
    """The numbers on the printed line that starts with ``label``."""
    for line in out.splitlines():
        if line.strip().startswith(label):
            return [float(v) for v in re.findall(r"-?\d+\.\d+", line[len(line) - len(line.lstrip()) + len(label):])]
    raise AssertionError(f"no line starting with {label!r} in:\n{out}")


def displays(events, id=None):
    return [e for e in events if e["type"] == "display" and e["displayId"] == id]


def curves_in(spec) -> set[str]:
    return {row["curve"] for row in spec["layer"][0]["data"]["values"]}


def test_pretraining_vs_maml(events, capsys):
    _, out = run("pretraining_vs_maml.py", capsys)
    assert out.startswith("Task y = 3.5·sin(x − 2.00), K = 5 points\n")
    declared = {e["input"]["name"]: e["input"] for e in events if e["type"] == "input"}
    assert [(d["low"], d["high"], d["default"]) for d in declared.values()] == [
        (0.1, 5.0, 3.5), (0.0, 3.14, 2.0), (1, 10, 5)]
    pretrained, maml = table(out, "pretrained"), table(out, "MAML")
    assert len(pretrained) == len(maml) == 4
    assert maml[1] < pretrained[1] and maml[3] < pretrained[3]  # MAML adapts faster
    assert maml[3] < 0.5 * maml[0]
    (shown,) = displays(events)
    assert curves_in(shown["spec"]) == {"true function", "pretrained, 10 steps", "MAML, 10 steps"}
    assert len(shown["spec"]["layer"][1]["data"]["values"]) == 5
    _, again = run("pretraining_vs_maml.py", capsys)
    assert again == out  # deterministic


def curve_rows(out: str) -> dict[str, list[float]]:
    return {name: table(out, name) for name in ("pretrained", "MAML")}


def test_pretraining_vs_maml_what_the_post_asks_readers_to_try(events, capsys):
    # Near the average wave both start close to the task (MAML almost on it) and the steps have
    # little left to do.
    average = curve_rows(run_with("pretraining_vs_maml.py", capsys, amplitude=1.6, phase=1.57)[1])
    assert average["pretrained"][0] < 0.5 and average["MAML"][0] < 0.05
    assert all(abs(m - average[name][0]) < 0.05 for name in average for m in average[name])
    # With a small amplitude the baseline starts well, better than MAML before any step, but its
    # steps change it little; MAML leads after one.
    small = curve_rows(run_with("pretraining_vs_maml.py", capsys, amplitude=0.1)[1])
    assert small["pretrained"][0] < 1.0 and small["pretrained"][0] < small["MAML"][0]
    assert small["pretrained"][0] - small["pretrained"][3] < 0.3 * small["pretrained"][0]
    assert small["MAML"][1] < small["pretrained"][1]
    # Far from the average wave the baseline falls apart; MAML recovers most of it in one step.
    for values in ({"amplitude": 5.0}, {"phase": 0.0}, {"phase": 3.14}):
        rows = curve_rows(run_with("pretraining_vs_maml.py", capsys, **values)[1])
        assert rows["pretrained"][3] > 4 and rows["MAML"][1] < 0.2 * rows["MAML"][0], values
    # Fewer points: MAML adapts more slowly; with one point, ten steps are worse than one, and the
    # baseline is no better.
    default = curve_rows(run("pretraining_vs_maml.py", capsys)[1])
    for k in (2, 3):
        rows = curve_rows(run_with("pretraining_vs_maml.py", capsys, k=k)[1])
        assert default["MAML"][2] < rows["MAML"][2] < rows["MAML"][0], k
    one = curve_rows(run_with("pretraining_vs_maml.py", capsys, k=1)[1])
    assert one["MAML"][3] > one["MAML"][1] and min(one["pretrained"][1:]) > one["MAML"][1]
    # One more point is one more draw: the first five stay.
    events.clear()
    run_with("pretraining_vs_maml.py", capsys, k=6)
    (shown,) = displays(events)
    six = [p["x"] for p in shown["spec"]["layer"][1]["data"]["values"]]
    events.clear()
    run("pretraining_vs_maml.py", capsys)
    (shown,) = displays(events)
    assert six[:5] == [p["x"] for p in shown["spec"]["layer"][1]["data"]["values"]] and len(six) == 6


def test_train_then_adapt(events, capsys):
    namespace, out = run("train_maml.py", capsys)
    blocks = [float(v) for v in re.findall(r"-\d+\s+(\d+\.\d+)", out)]
    assert len(blocks) == 4 and blocks[-1] < 0.5 * blocks[0]
    params = namespace["params"]
    assert params["W2"].shape == (40, 40) and np.isfinite(params["W2"]).all()
    progress = [e for e in events if e["type"] == "progress"]
    assert len(progress) == 20 and progress[-1]["value"] == progress[-1]["total"] == 2000
    loss_plots = displays(events, "loss")
    assert len(loss_plots) == 20
    assert len(loss_plots[-1]["spec"]["data"]["values"]) <= 300

    events.clear()
    _, out = run("adapt_trained.py", capsys, {"params": params})
    before, one, ten = (float(v) for v in re.findall(r"\d+\.\d+", out))
    assert ten < one < before
    (shown,) = displays(events)
    assert curves_in(shown["spec"]) == {"true function", "before", "after 1 step", "after 10 steps"}


def test_train_maml_with_few_iterations_still_prints_averages(events, capsys):
    namespace = run_edited("train_maml.py", iterations="40")
    out = capsys.readouterr().out
    assert "average over 10 meta-iterations" in out
    assert re.findall(r"iterations\s+(\d+)-(\d+)\s+\d+\.\d+", out) == [
        ("1", "10"), ("11", "20"), ("21", "30"), ("31", "40")]
    progress = [e for e in events if e["type"] == "progress"]
    assert progress and progress[-1]["value"] == progress[-1]["total"] == 40
    assert len(displays(events, "loss")) == 1  # the loss plot is drawn at the end of a short run
    events.clear()
    _, out = run("adapt_trained.py", capsys, {"params": namespace["params"]})
    assert len(re.findall(r"\d+\.\d+", out)) == 3 and len(displays(events)) == 1


def test_adapt_trained_explains_a_missing_training_run(capsys):
    with pytest.raises(NameError, match="run the meta-training demo"):
        run("adapt_trained.py", capsys)


def test_compare_algorithms(events, capsys):
    _, out = run("compare_algorithms.py", capsys)
    rows = {name: table(out, name) for name in ("MAML", "first-order MAML", "Reptile")}
    for name, row in rows.items():
        assert len(row) == 4 and row[3] < 0.5 * row[0], name
    assert re.search(r"^algorithm\s+n=0\s+n=1\s+n=5\s+n=10\s+diverged$", out, re.M)
    assert re.findall(r"^(?:MAML|first-order MAML|Reptile)\s.*\s(\d+)$", out, re.M) == ["0"] * 3
    assert rows["MAML"][1] < rows["first-order MAML"][1]  # the second-order term pays off
    # As the post describes it.
    maml, fomaml, reptile = rows["MAML"], rows["first-order MAML"], rows["Reptile"]
    before = [maml[0], fomaml[0], reptile[0]]
    assert max(before) - min(before) < 0.1 * min(before)  # n = 0: almost indistinguishable
    assert maml[1] < reptile[1] < fomaml[1]  # one step: MAML ahead, Reptile second, FOMAML last
    assert reptile[3] - maml[3] < 0.5 * (fomaml[3] - maml[3])  # Reptile nearly catches up
    assert fomaml[3] > max(maml[3], reptile[3])  # first-order MAML stays behind
    progress = [e for e in events if e["type"] == "progress"]
    assert progress and progress[-1]["value"] == progress[-1]["total"] == 4500
    (shown,) = displays(events)
    assert len(shown["spec"]["data"]["values"]) == 3 * 11


def post_quotes(text: str, post: Path) -> None:
    """Fail, naming the text, if the post that shows the demo does not contain it (a quoted
    number went stale)."""
    assert text in post.read_text(), f"{post.name} should say {text!r}: the demo prints these numbers now"


def test_numbers_the_post_quotes_are_what_the_demos_print(capsys):
    out = run("pretraining_vs_maml.py", capsys)[1]
    pretrained, maml = table(out, "pretrained"), table(out, "MAML")
    post_quotes(f"errors of {pretrained[0]:.2f} and {maml[0]:.2f}", INTRO)
    post_quotes(f"after a single step, to {maml[1]:.2f}", INTRO)
    post_quotes(f"to {pretrained[1]:.2f} after one step and {pretrained[3]:.2f} after ten", INTRO)
    out = run("step_size.py", capsys)[1]
    medians = {int(n): m for n, m in re.findall(r"^(\d+)\s+(\S+)\s+\d+$", out, re.M)}
    post_quotes(f"falls to {medians[1]} after one step and {medians[10]} after ten", MAML_POST)


def test_compare_algorithms_with_fewer_steps(events, capsys):
    run_edited("compare_algorithms.py", iterations="30", steps="list(range(3))")
    out = capsys.readouterr().out
    assert re.search(r"^algorithm\s+n=0\s+n=1\s+n=2\s+diverged$", out, re.M)
    for name in ("MAML", "first-order MAML", "Reptile"):
        assert len(table(out, name)) == 3, name
    (shown,) = displays(events)
    assert len(shown["spec"]["data"]["values"]) == 3 * 3


def test_compare_algorithms_with_a_step_size_that_diverges(events, capsys):
    namespace = run_edited("compare_algorithms.py", iterations="30", inner_lr='{"MAML": 2.0}')
    out = capsys.readouterr().out
    assert not np.isfinite(namespace["mse"]).all()  # np.median would print nan here
    row = table(out, "MAML")
    assert len(row) == 4 and np.isfinite(row).all()
    (diverged,) = re.findall(r"^MAML\s.*\s(\d+)$", out, re.M)
    assert int(diverged) > 0
    (shown,) = displays(events)
    assert len(shown["spec"]["data"]["values"]) == 11


def test_protonet(events, capsys):
    _, out = run("protonet.py", capsys)
    assert "3-way 5-shot accuracy on 500 new tasks" in out
    raw, learned = table(out, "nearest class mean, raw inputs"), table(out, "prototypical network")
    assert learned[0] > raw[0] + 0.03
    assert any(e["type"] == "progress" for e in events)
    (shown,) = displays(events)
    cells, dots, protos = (layer["data"]["values"] for layer in shown["spec"]["layer"])
    assert len(cells) == 1200 and len(dots) == 45 and len(protos) == 3
    assert len({c["class"] for c in cells}) == 3
    title = shown["spec"]["title"]
    assert "3-way 5-shot" in title["text"] and "class means of the raw inputs" in title["subtitle"]


def test_protonet_with_other_n_way_and_k_shot(events, capsys):
    run_edited("protonet.py", iterations="100", n_way="4", k_shot="1")
    out = capsys.readouterr().out
    assert "4-way 1-shot accuracy on 500 new tasks" in out
    for label in ("nearest class mean, raw inputs", "prototypical network"):
        (acc,) = table(out, label)
        assert 0.25 < acc <= 1, label
    (shown,) = displays(events)
    cells, dots, protos = (layer["data"]["values"] for layer in shown["spec"]["layer"])
    assert len(cells) == 1200 and len(dots) == 4 * (1 + 10) and len(protos) == 4
    assert sum(d["role"] == "support" for d in dots) == 4


def _your_fit(events, capsys, mine=None) -> tuple[str, dict[str, np.ndarray], dict]:
    """Output, curves (name → (G, 2) x, y) and plot of "Your own task" with the reader's points."""
    events.clear()
    _, out = run("your_own_task.py", capsys) if mine is None else run_with("your_own_task.py", capsys, mine=mine)
    (shown,) = displays(events)
    curves: dict[str, list] = {}
    for row in shown["spec"]["layer"][0]["data"]["values"]:
        curves.setdefault(row["curve"], []).append((row["x"], row["y"]))
    return out, {name: np.array(xy) for name, xy in curves.items()}, shown["spec"]


def _mse_on_points(out: str) -> dict[int, float]:
    return {int(s): float(v) for s, v in re.findall(r"^(\d+)\s+(\d[\d.e+-]*)$", out, re.M)}


def test_your_own_task(events, capsys):
    out, curves, spec = _your_fit(events, capsys)
    assert out.startswith("K = 5 points\n")
    mse = _mse_on_points(out)
    assert set(mse) == {0, 1, 10} and mse[10] < mse[1] < mse[0]
    assert mse[10] > 0 and not re.search(r"\s0\.0+$", out, re.M)  # never printed as a perfect 0.0000
    assert "your points only" in out
    assert set(curves) == {"MAML start", "after 1 step", "after 10 steps"}
    assert len(spec["layer"][1]["data"]["values"]) == 5
    (declared,) = [e["input"] for e in events if e["type"] == "input"]
    assert (declared["control"], declared["min"], declared["max"]) == ("points", 1, 10)
    assert (declared["x"], declared["y"]) == ([-5, 5], [-6, 6])  # the output plot's y domain
    # The default points lie near y = 3 sin(x - 2.5), a training-family wave: after 10 steps the
    # curve follows that wave over the whole range, not only at the points.
    for curve, low, high in (("MAML start", 1.0, np.inf), ("after 10 steps", 0.0, 0.1)):
        xy = curves[curve]
        assert low < np.mean((xy[:, 1] - 3 * np.sin(xy[:, 0] - 2.5)) ** 2) < high, curve


def test_your_own_task_what_the_post_asks_readers_to_try(events, capsys):
    # Another wave of the family: followed between and beyond the points.
    wave = [(-4, 1.9), (-2, -0.3), (0, -1.7), (1, 0.0), (3, 1.8)]
    out, curves, spec = _your_fit(events, capsys, wave)
    assert [(p["x"], p["y"]) for p in spec["layer"][1]["data"]["values"]] == wave
    xy = curves["after 10 steps"]
    assert np.mean((xy[:, 1] - 2 * np.sin(xy[:, 0] - 1)) ** 2) < 0.05
    # One point: passed through, the rest of a wave made up.
    out, curves, _ = _your_fit(events, capsys, [(1.0, 2.0)])
    assert out.startswith("K = 1 points") and _mse_on_points(out)[10] < 0.01
    assert np.ptp(curves["after 10 steps"][:, 1]) > 4
    # A straight line: after the last point the curve turns back down.
    out, curves, _ = _your_fit(events, capsys, [(-4, -2), (-2, -1), (0, 0), (2, 1), (4, 2)])
    beyond = curves["after 10 steps"][curves["after 10 steps"][:, 0] > 4][:, 1]
    assert np.all(np.diff(beyond) < 0) and beyond[-1] < 0
    # A zigzag faster than the family: not even the points are fitted after 10 steps.
    zigzag = [(-4.0, -6.0), (-2.5, 6.0), (-1.0, -6.0), (0.5, 6.0), (2.0, -6.0), (3.5, 6.0)]
    out, _, _ = _your_fit(events, capsys, zigzag)
    assert _mse_on_points(out)[10] > 5


def test_your_own_task_edited_in_the_code(events, capsys):
    source = (DEMOS / "your_own_task.py").read_text()
    edited = source.replace("[(-4.5, -2.0), (-2.0, 2.9), (-0.5, -0.4), (1.5, -2.5), (4.0, 2.9)]",
                            "[(-3.0, 2.0), (0.0, -1.0), (4.0, 0.5)]")
    assert edited != source
    events.clear()
    exec(compile(edited, "your_own_task.py", "exec"), {"__name__": "__main__"})
    (shown,) = displays(events)
    assert [r["x"] for r in shown["spec"]["layer"][1]["data"]["values"]] == [-3.0, 0.0, 4.0]


def test_step_size(events, capsys):
    _, out = run("step_size.py", capsys)
    assert out.startswith("MAML fine-tuned at α = 0.010 on 200 new 5-shot tasks")
    rows = {int(n): (float(m), int(d)) for n, m, d in re.findall(r"^(\d+)\s+(\S+)\s+(\d+)$", out, re.M)}
    assert set(rows) == {1, 5, 10} and all(d == 0 for _, d in rows.values())
    assert rows[10][0] < rows[5][0] < rows[1][0]
    (shown,) = displays(events)
    assert {r["method"] for r in shown["spec"]["data"]["values"]} == {"α = 0.010"}
    assert shown["spec"]["encoding"]["y"]["scale"] == {"type": "log"}
    (declared,) = [e["input"] for e in events if e["type"] == "input"]
    assert (declared["low"], declared["high"], declared["step"], declared["default"]) == (0.001, 0.05, 0.001, 0.01)


def test_step_size_what_the_post_asks_readers_to_try(events, capsys):
    def rows(alpha):
        events.clear()
        out = run_with("step_size.py", capsys, alpha=alpha)[1]
        found = re.findall(r"^(\d+)\s+(\S+)\s+(\d+)$", out, re.M)
        return {int(n): (float(m), int(d)) for n, m, d in found}

    meta = rows(0.01)
    assert {r["method"] for r in displays(events)[0]["spec"]["data"]["values"]} == {"α = 0.010"}
    slow = rows(0.002)
    assert slow[10][0] > 2 * meta[10][0]  # smaller steps: still far after ten
    assert {r["method"] for r in displays(events)[0]["spec"]["data"]["values"]} == {
        "α = 0.002", "α = 0.010, as meta-trained"}
    assert rows(0.012)[1][0] > meta[1][0]  # a little larger: the first step is already worse
    for alpha in (0.011, 0.012):
        assert rows(alpha)[10][1] == 0, alpha  # no divergence below about 0.013
    first = rows(0.013)
    assert first[10][1] > 0 and first[1][1] == 0
    assert rows(0.03)[10][1] > 50  # a large part of the 200
    ones = [rows(a)[1][0] for a in (0.015, 0.02, 0.03, 0.04, 0.05)]
    assert ones == sorted(ones)  # the first step keeps getting worse
    # A blown-up task is shown as a number, never as nan.
    events.clear()
    out = run_with("step_size.py", capsys, alpha=0.05)[1]
    assert "nan" not in out


def lengths(out: str) -> dict[str, float]:
    """The printed lengths of the meta-gradient's parts, by name."""
    return {name: float(v) for name, v in re.findall(r"length of the (.+?)\s{2,}(\d+\.\d+)$", out, re.M)}


def test_meta_gradient_lines_match_the_library(capsys):
    from metalearn import maml_gradient

    namespace, out = run("meta_gradient.py", capsys)
    theta, tasks = namespace["theta"], namespace["tasks"]
    _, full = maml_gradient(theta, tasks, inner_lr=0.01)
    _, first = maml_gradient(theta, tasks, inner_lr=0.01, first_order=True)
    for k in theta:  # the demo's few lines are MAML; without the Hessian term, first-order MAML
        np.testing.assert_allclose(namespace["meta_grad"][k], full[k], rtol=1e-10, atol=1e-13)
        np.testing.assert_allclose(namespace["first_order"][k], first[k], rtol=1e-12, atol=1e-15)
    assert "check 1, the same as maml_gradient up to rounding: yes" in out
    assert np.abs(namespace["full"] - namespace["library"]).max() < 1e-12
    slope, exact = namespace["slope"], namespace["full"] @ namespace["flat"](namespace["u"])
    assert np.isclose(np.linalg.norm(namespace["flat"](namespace["u"])), 1)  # a unit direction
    # u was drawn N(0, 1) per parameter, then scaled by 1/length: |full · u_drawn| > 0.1 as before
    assert abs(exact) > 0.1 / namespace["length"] and abs(slope - exact) < 1e-6 * abs(exact)
    assert re.search(r"slope along a random direction: (-?\d+\.\d{6}) here, \1 by finite", out)
    parts = lengths(out)
    assert set(parts) == {"first-order part", "second-order part", "meta-gradient"}
    # At the trained initialization the Hessian term is not a small correction.
    assert parts["second-order part"] > 0.5 * parts["first-order part"]
    (angle,) = re.findall(r"angle between the first-order part and the meta-gradient\s+(\d+)°", out)
    assert 20 < int(angle) < 160


def test_meta_gradient_edits_suggested_in_the_post(capsys):
    namespace = run_edited("meta_gradient.py", alpha="0.0")
    out = capsys.readouterr().out
    assert lengths(out)["second-order part"] == 0.0
    for k, g in namespace["meta_grad"].items():  # no inner step: the ordinary query gradient
        np.testing.assert_array_equal(g, namespace["first_order"][k])

    source = (DEMOS / "meta_gradient.py").read_text()
    untrained = source.replace("from metalearn import load_params,", "from metalearn import init_mlp, load_params,")
    untrained = re.sub(r'^theta = load_params\("maml"\)', "theta = init_mlp(np.random.default_rng(0))",
                       untrained, count=1, flags=re.M)
    assert untrained.count("init_mlp") == 2
    namespace = {"__name__": "__main__"}
    exec(compile(untrained, "meta_gradient.py", "exec"), namespace)
    parts = lengths(capsys.readouterr().out)
    assert parts["second-order part"] < 0.1 * parts["first-order part"]  # small before training
    exact = namespace["full"] @ namespace["flat"](namespace["u"])
    assert abs(namespace["slope"] - exact) < 1e-3 * abs(exact)  # ReLU kinks: a few digits only


def reptile_rows(out: str) -> dict[int, float]:
    """inner steps -> printed relative difference ("0 (rounding)" counts as 0)."""
    found = re.findall(r"^(\d+)\s+(0 \(rounding\)|\d+\.\d\d)$", out, re.M)
    return {int(n): 0.0 if d.startswith("0 (") else float(d) for n, d in found}


def test_reptile_with_one_inner_step_is_joint_training(capsys):
    _, out = run("reptile_one_step.py", capsys)
    rows = reptile_rows(out)
    assert set(rows) == {1, 2, 5}
    assert rows[1] < 1e-10            # one step: the same direction, up to rounding
    assert rows[2] > 1e-2 and rows[5] > 1e-2  # more steps: second-order terms come in


def test_reptile_one_step_edits_suggested_in_the_post(capsys):
    rows = reptile_rows

    run_edited("reptile_one_step.py", inner_steps="[1, 2, 3, 4]")
    default = rows(capsys.readouterr().out)
    assert set(default) == {1, 2, 3, 4} and default[1] < 1e-10 < min(default[n] for n in (2, 3, 4))
    run_edited("reptile_one_step.py", inner_steps="[1, 2, 3, 4]", alpha="0.001")
    small = rows(capsys.readouterr().out)
    assert small[1] < 1e-9
    for n in (2, 3, 4):  # smaller steps: closer to joint training
        assert small[n] < 0.5 * default[n], n
