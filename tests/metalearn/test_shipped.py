"""Shipped meta-parameters: loading, metadata, and that they are actually meta-learned."""

import numpy as np
import pytest

from metalearn.evaluate import finetune_curve
from metalearn.shipped import SHIPPED, load_info, load_params, save_params
from metalearn.tasks import sample_sine_tasks

SHAPES = {"W1": (1, 40), "b1": (40,), "W2": (40, 40), "b2": (40,), "W3": (40, 1), "b3": (1,)}


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_files_load_with_shapes_and_info(name):
    params = load_params(name)
    assert {k: v.shape for k, v in params.items()} == SHAPES
    assert all(v.dtype == np.float64 and np.isfinite(v).all() for v in params.values())
    info = load_info(name)
    assert info["iterations"] >= 10_000
    assert set(info["finetune_lr"]) == {5, 10} and all(lr > 0 for lr in info["finetune_lr"].values())
    assert "final_loss" not in info  # ambiguous: pre-update for Reptile, post-update for MAML
    params["W1"][0, 0] = 123.0  # a fresh copy each time
    assert load_params(name)["W1"][0, 0] != 123.0


def test_unknown_name_is_an_error():
    with pytest.raises(ValueError, match="no shipped parameters"):
        load_params("nope")


def test_save_load_round_trip(tmp_path):
    params = {"W1": np.arange(6.0).reshape(2, 3), "b1": np.ones(3)}
    save_params(str(tmp_path / "p.npz"), params, {"a": 1})
    with np.load(tmp_path / "p.npz") as npz:
        assert np.array_equal(npz["W1"], params["W1"]) and "__info__" in npz.files


def test_shipped_maml_adapts_better_than_the_baseline_after_one_step():
    tasks = sample_sine_tasks(np.random.default_rng(70), 200, 5, 50)
    maml = finetune_curve(load_params("maml"), tasks, lr=0.01, steps=(0, 1))
    base = finetune_curve(load_params("baseline"), tasks, lr=load_info("baseline")["finetune_lr"][5],
                          steps=(0, 1))
    assert np.median(maml[:, 1]) < 0.5 * np.median(base[:, 1])
    assert np.median(maml[:, 1]) < 0.5 * np.median(maml[:, 0])  # one step helps a lot
    reptile = finetune_curve(load_params("reptile"), tasks, lr=0.02, steps=(0, 1))
    assert np.median(reptile[:, 1]) < np.median(base[:, 1])


@pytest.mark.parametrize("name", SHIPPED)
def test_stored_pre_and_post_update_losses_are_what_the_protocol_gives(name):
    """The held-out losses in the info are measured the same way for every model, so Reptile's
    post-update loss compares with MAML's (its training loss is a pre-update one)."""
    info = load_info(name)
    assert "1000 held-out tasks (seed 5, K = 10 support points, 10 query points)" in info["loss_protocol"]
    tasks = sample_sine_tasks(np.random.default_rng(5), 1000, 10, 10)
    curve = finetune_curve(load_params(name), tasks, lr=info["finetune_lr"][10], steps=(0, 1))
    assert info["pre_update_loss"] == pytest.approx(curve[:, 0].mean(), rel=1e-9)
    assert info["post_update_loss"] == pytest.approx(curve[:, 1].mean(), rel=1e-9)
    if name != "baseline":
        assert info["post_update_loss"] < 0.5 * info["pre_update_loss"]  # meta-learned
    assert info["train_loss_is"]
