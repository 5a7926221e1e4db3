"""Make ``import metalearn`` work from a checkout (the package lives in demos/), and run every
test of this folder with both kernels of ``metalearn.mlp``'s 2-D products: BLAS's matmul (what
CPython uses) and einsum's inner-product loops (what Pyodide uses, whose numpy has no BLAS)."""

import sys
from pathlib import Path

import pytest

DEMOS = Path(__file__).resolve().parents[2] / "demos"
if str(DEMOS) not in sys.path:
    sys.path.insert(0, str(DEMOS))


@pytest.fixture(autouse=True, params=[False, True], ids=["matmul", "einsum"])
def product_kernel(request, monkeypatch):
    """``metalearn.mlp.INNER_PRODUCT_LOOPS`` set as the browser (True) or CPython (False) sets it."""
    from metalearn import mlp

    monkeypatch.setattr(mlp, "INNER_PRODUCT_LOOPS", request.param)
    return request.param
