"""Shipped meta-parameters: saving and loading the small ``.npz`` files in ``metalearn/params/``.

The files live inside the package (``metalearn/params/NAME.npz``) and are read
with ``importlib.resources``, so loading works from a wheel, in site-packages or
in Pyodide's in-memory file system alike. Each file holds the parameter arrays
and one extra entry, ``__info__``: a JSON string describing how it was trained, the
fine-tuning step size per number of support points K (``info["finetune_lr"][5]``; for
the baseline tuned on validation tasks) and its held-out MSE before and after one
fine-tuning step (``pre_update_loss``, ``post_update_loss``; protocol in
``info["loss_protocol"]``), measured the same way for every model.
"""

from __future__ import annotations

import io
import json
from importlib import resources
from typing import Any

import numpy as np

from metalearn.mlp import Params

SHIPPED = ("maml", "reptile", "baseline")
_INFO = "__info__"


def save_params(path: str, params: Params, info: dict[str, Any]) -> None:
    """Write ``params`` (float64 arrays) and ``info`` (JSON-serialisable) to ``path``."""
    arrays = {k: np.asarray(v, dtype=np.float64) for k, v in params.items()}
    np.savez_compressed(path, **arrays, **{_INFO: np.array(json.dumps(info, sort_keys=True))})


def _read(name: str) -> tuple[Params, dict[str, Any]]:
    if name not in SHIPPED:
        raise ValueError(f"no shipped parameters named {name!r}; choose from {SHIPPED}")
    data = (resources.files("metalearn") / "params" / f"{name}.npz").read_bytes()
    with np.load(io.BytesIO(data), allow_pickle=False) as npz:
        params = {k: npz[k].copy() for k in npz.files if k != _INFO}
        info = json.loads(str(npz[_INFO]))
    info["finetune_lr"] = {int(k): v for k, v in sorted(info["finetune_lr"].items(), key=lambda kv: int(kv[0]))}
    return params, info


def load_params(name: str) -> Params:
    """The shipped parameters ``name`` ("maml", "reptile" or "baseline") as a fresh dict."""
    return _read(name)[0]


def load_info(name: str) -> dict[str, Any]:
    """How the shipped parameters ``name`` were trained and how well they adapt.

    E.g. ``load_info("baseline")["finetune_lr"][5]``: the step size to fine-tune with on
    5 support points (a dict keyed by K, 5 and 10); ``load_info("reptile")["post_update_loss"]``.
    """
    return _read(name)[1]
