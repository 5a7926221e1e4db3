"""Shipped meta-parameters: saving and loading the small ``.npz`` files in ``metalearn/params/``.

The files live inside the package (``metalearn/params/NAME.npz``) and are read
with ``importlib.resources``, so loading works from a wheel, in site-packages or
in Pyodide's in-memory file system alike. Each file holds the parameter arrays
and one extra entry, ``__info__``: a JSON string describing how it was trained
(and, for the baseline, its tuned fine-tuning step size).
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
    return params, info


def load_params(name: str) -> Params:
    """The shipped parameters ``name`` ("maml", "reptile" or "baseline") as a fresh dict."""
    return _read(name)[0]


def load_info(name: str) -> dict[str, Any]:
    """How the shipped parameters ``name`` were trained, e.g. ``load_info("baseline")["finetune_lr"]``."""
    return _read(name)[1]
