"""The MAML parameter-space figure: the committed files are what the script draws, from real
numbers, and the drawing says what the numbers say."""

from __future__ import annotations

import numpy as np
import pytest

import maml_parameter_space as fig
from figurecheck import NS, check_accessible, check_colours, parse, text_content
from svgfigure import SCHEMES


def test_the_meta_gradient_is_the_chain_rule_through_the_inner_steps() -> None:
    rng = np.random.default_rng(0)
    for _ in range(5):
        theta, eps = rng.uniform(-3, 3, 2), 1e-6
        numeric = [(fig.meta_objective(theta + eps * e) - fig.meta_objective(theta - eps * e)) / (2 * eps)
                   for e in np.eye(2)]
        assert np.allclose(fig.meta_gradient(theta), numeric, rtol=1e-6, atol=1e-8)


def test_theta_is_maml_s_optimum_and_a_few_steps_from_it_nearly_reach_every_task() -> None:
    theta = fig.maml_initialization()
    assert np.abs(fig.meta_gradient(theta)).max() < 1e-12
    rng = np.random.default_rng(1)
    for _ in range(20):  # the objective is higher everywhere around it
        assert fig.meta_objective(theta + rng.normal(0, 0.3, 2)) > fig.meta_objective(theta)
    for task in fig.TASKS:
        start = np.linalg.norm(theta - task.optimum)
        adapted = np.linalg.norm(fig.inner_steps(task, theta)[-1] - task.optimum)
        assert start > 1.5 and adapted < 0.3 * start  # the optimum of no task; adapted, near it
    path = fig.meta_training_path()
    losses = [fig.meta_objective(p) for p in path]
    assert all(a > b for a, b in zip(losses, losses[1:]))  # meta-training descends
    assert np.linalg.norm(path[-2] - theta) < 0.01  # and had arrived before the last point


@pytest.mark.parametrize("scheme", SCHEMES)
def test_each_arrow_is_a_gradient_step_of_its_task_from_theta(scheme: str) -> None:
    root = parse(fig.draw(scheme))
    theta = fig.maml_initialization()
    (dot,) = root.findall(".//svg:circle[@class='initialization']", NS)
    assert np.allclose(fig.from_svg(float(dot.get("cx")), float(dot.get("cy"))), theta, atol=0.01)
    for n, task in enumerate(fig.TASKS, start=1):
        steps = root.findall(f".//svg:line[@class='step'][@data-task='{n}']", NS)
        assert len(steps) == fig.STEPS
        here = theta
        for line in steps:
            start = fig.from_svg(float(line.get("x1")), float(line.get("y1")))
            end = fig.from_svg(float(line.get("x2")), float(line.get("y2")))
            assert np.allclose(start, here, atol=0.01)  # the steps chain from θ
            drawn, minus_gradient = end - start, -task.gradient(start)
            cosine = drawn @ minus_gradient / (np.linalg.norm(drawn) * np.linalg.norm(minus_gradient))
            assert cosine > 0.995, f"task {n}: an arrow off minus the gradient (cosine {cosine:.4f})"
            assert np.isclose(np.linalg.norm(drawn), fig.ALPHA * np.linalg.norm(minus_gradient), rtol=0.03)
            here = end
        (adapted,) = root.findall(f".//svg:circle[@class='adapted'][@data-task='{n}']", NS)
        assert np.allclose(fig.from_svg(float(adapted.get("cx")), float(adapted.get("cy"))), here, atol=0.01)
        (cross,) = root.findall(f".//svg:path[@class='optimum'][@data-task='{n}']", NS)
        corner = [float(v) for v in cross.get("d")[1:].split(" ")[0].split(",")]
        centre = fig.from_svg(corner[0] + 8, corner[1] + 8)
        assert np.allclose(centre, task.optimum, atol=0.01)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_labels_are_text_legible_in_both_schemes(scheme: str) -> None:
    root = parse(fig.draw(scheme))
    check_accessible(root)
    check_colours(root, scheme)
    labels = text_content(root)
    for n in "123":
        assert f"θ*{n}" in labels and f"θ′{n}" in labels
    assert "θ" in labels and "meta-training" in labels
