"""Central-difference gradient checks shared by the tests (float64 throughout)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Params = dict[str, np.ndarray]


def numerical_grad(f: Callable[[Params], float], params: Params, eps: float = 1e-6) -> Params:
    """∂f/∂θ for every coordinate of every array, by central differences."""
    grads = {}
    for name, p in params.items():
        g = np.zeros_like(p)
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + eps
            up = f(params)
            p[idx] = old - eps
            down = f(params)
            p[idx] = old
            g[idx] = (up - down) / (2 * eps)
        grads[name] = g
    return grads


def directional(f: Callable[[Params], float], params: Params, u: Params, eps: float = 1e-5) -> float:
    """Directional derivative of f at params along u, by central differences."""
    plus = {k: params[k] + eps * u[k] for k in params}
    minus = {k: params[k] - eps * u[k] for k in params}
    return (f(plus) - f(minus)) / (2 * eps)


def dot(a: Params, b: Params) -> float:
    return float(sum(np.vdot(a[k], b[k]) for k in a))


def max_rel_error(analytic: Params, numeric: Params) -> float:
    """Largest |analytic − numeric| of each array relative to that array's largest entry.

    An array whose true gradient is (near) zero, like a bias that every output
    ignores, is measured against 1e-3 of the largest gradient entry overall instead,
    so that finite-difference rounding noise (~1e-10) does not count as an error.
    """
    overall = max(float(np.abs(n).max()) for n in numeric.values())
    worst = 0.0
    for k in numeric:
        assert analytic[k].shape == numeric[k].shape, f"{k}: {analytic[k].shape} vs {numeric[k].shape}"
        scale = max(float(np.abs(numeric[k]).max()), 1e-3 * overall, 1e-12)
        worst = max(worst, float(np.abs(analytic[k] - numeric[k]).max() / scale))
    return worst
