"""A multilayer perceptron with hand-written forward, backward and Hessian-vector product.

Parameters are a dict of float64 arrays ``{"W1": (in, h1), "b1": (h1,), ..., "WL", "bL"}``
(shared by all tasks) or the same arrays with a leading task axis
``{"W1": (T, in, h1), "b1": (T, h1), ...}`` (one set per task, as after an inner
step of MAML). Inputs always carry the task axis: ``x`` is (T, N, in). One call
processes a whole meta-batch with one set of batched matmuls, no loop over tasks.

Each backward rule sits next to its forward rule; ``hvp`` is the R-operator
(Pearlmutter 1994): the forward pass and the backward pass differentiated once
more along a direction ``v``, which gives MAML its exact second-order term.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

Params = dict[str, np.ndarray]
ACTIVATIONS = ("relu", "tanh")


def n_layers(params: Params) -> int:
    """Number of weight layers."""
    return len(params) // 2


def init_mlp(
    rng: np.random.Generator, sizes: tuple[int, ...] = (1, 40, 40, 1), *, init: str = "official"
) -> Params:
    """Initialise shared (unbatched) parameters.

    ``init="official"``: weights from a normal of std 0.01 truncated at two standard
    deviations (as ``tf.truncated_normal`` in the MAML authors' code), biases zero.
    ``init="he"``: weights normal with std sqrt(2 / fan_in), biases zero; a better
    start for plain training, used by the ProtoNet embedding.
    """
    params: Params = {}
    for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        if init == "official":
            w = rng.standard_normal((fan_in, fan_out))
            bad = np.abs(w) > 2.0
            while bad.any():  # resample outside ±2σ, like a truncated normal
                w[bad] = rng.standard_normal(int(bad.sum()))
                bad = np.abs(w) > 2.0
            w *= 0.01
        elif init == "he":
            w = rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)
        else:
            raise ValueError(f"unknown init {init!r}: use 'official' or 'he'")
        params[f"W{i}"] = w
        params[f"b{i}"] = np.zeros(fan_out)
    return params


def check_inputs(params: Params, x: np.ndarray) -> None:
    """Raise ValueError unless x is (T, N, in) and per-task parameters have exactly T tasks.

    Broadcasting would otherwise let one task's inputs (1, N, in) run through 25 tasks'
    parameters, or the reverse, and return a (25, N, out) array without complaint.
    """
    if x.ndim != 3:
        raise ValueError(f"x must be (tasks, points, features), got shape {x.shape}")
    w1 = params["W1"]
    if w1.shape[-2] != x.shape[-1]:
        raise ValueError(f"x has {x.shape[-1]} features (shape {x.shape}), W1 expects "
                         f"{w1.shape[-2]} (shape {w1.shape})")
    for i in range(1, n_layers(params) + 1):
        w, b = params[f"W{i}"], params[f"b{i}"]
        if w.ndim == 3 and w.shape[0] != x.shape[0] or b.ndim == 2 and b.shape[0] != x.shape[0]:
            raise ValueError(f"per-task parameters W{i} {w.shape}, b{i} {b.shape} do not have "
                             f"the {x.shape[0]} tasks of x {x.shape}")


def check_shared_shapes(what: str, grads: Params, params: Params) -> None:
    """Raise ValueError unless every array of ``grads`` has the shape of the shared parameter."""
    for k, p in params.items():
        if grads[k].shape != p.shape:
            raise ValueError(f"{what} {k} has shape {grads[k].shape}, parameter {k} {p.shape} "
                             "(pass shared parameters, without a task axis)")


def _t(a: np.ndarray) -> np.ndarray:
    """Transpose the last two axes (works with or without a task axis)."""
    return np.swapaxes(a, -1, -2)


# Pyodide's numpy has no BLAS: its matmul is then a plain triple loop that writes the output
# element on every multiply-add, while einsum sums an inner product whose two operands are
# contiguous along the summed axis in a register, four terms at a time: faster in the browser
# for the (T·N, 40) x (40, 40) products that dominate the demos (benchmarks/README.md). With
# BLAS (CPython's numpy), matmul is several times faster than einsum, and keeps the build-time
# outputs as they were. Both give the same numbers up to rounding (tests/metalearn runs both).
_BLAS = np.show_config(mode="dicts").get("Build Dependencies", {}).get("blas", {})
INNER_PRODUCT_LOOPS = not _BLAS.get("found", False)


def _rows_times(a: np.ndarray, b_t: np.ndarray, out: np.ndarray) -> np.ndarray:
    """``a @ b_t.T`` into ``out`` for 2-D a (R, n), b_t (m, n): each output element is the
    inner product of a row of ``a`` and a row of ``b_t``, both contiguous. Short inner
    products stay with matmul: einsum pays per output element. In Pyodide einsum takes 0.74×
    matmul's time at 40 (the sine network's width), 0.84× at 32 (the ProtoNet embedding's),
    1.7× at 8 and 2.7× at 2 (benchmarks/results/pyodide_kernels-under-load.txt)."""
    if INNER_PRODUCT_LOOPS and a.shape[1] >= 32:
        return np.einsum("rn,mn->rm", a, np.ascontiguousarray(b_t), out=out)
    return np.matmul(a, b_t.T, out=out)


def relu(z: np.ndarray) -> np.ndarray:
    """``np.maximum(z, 0.0)``, NaN kept, by selection: for ProtoNet's (16, 50, 32) arrays
    Pyodide's ``np.maximum`` with a scalar takes 2.6× as long as ``np.where`` (for the sine
    network's (25, 10, 40) ones it is 1.2× faster: ``maml`` keeps it there);
    benchmarks/results/pyodide_kernels-under-load.txt."""
    return np.where(z <= 0.0, 0.0, z)


def gate(d: np.ndarray, slope: np.ndarray) -> np.ndarray:
    """``d * slope``: the backward step through an activation with derivative ``slope``. A
    ReLU's slope is a bool mask, and multiplying by it makes Pyodide's numpy cast bools to
    floats, 3-5× slower than selecting with ``np.where`` (zero where the unit was off; the
    same numbers as the product for finite ``d``)."""
    if slope.dtype == np.bool_:
        return np.where(slope, d, 0.0)
    return d * slope


def shared(h: np.ndarray, w: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``h @ w`` for rows h (T, N, in) and one shared w (in, out), as a single 2-D product
    over all T·N rows (a batched matmul would make T small ones); with one input
    feature, an outer product by broadcasting. ``out``: a contiguous (T, N, out) array."""
    if out is None:
        out = np.empty(h.shape[:-1] + (w.shape[1],))
    if w.shape[0] == 1:
        return np.multiply(h, w, out=out)
    _rows_times(h.reshape(-1, w.shape[0]), w.T, out.reshape(-1, w.shape[1]))
    return out


def shared_t(d: np.ndarray, w: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``d @ w.T`` for rows d (T, N, out) and one shared w (in, out) (see ``shared``)."""
    if out is None:
        out = np.empty(d.shape[:-1] + (w.shape[0],))
    if w.shape[1] == 1:
        return np.multiply(d, w[:, 0], out=out)
    _rows_times(d.reshape(-1, w.shape[1]), w, out.reshape(-1, w.shape[0]))
    return out


def task_sum(h: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Σ_t h_t^T d_t (in, out) for h (T, N, in), d (T, N, out): the task sum of per-task
    weight gradients, as one 2-D product over all rows (T·N terms per output element)."""
    h2, d2 = h.reshape(-1, h.shape[-1]), d.reshape(-1, d.shape[-1])
    if INNER_PRODUCT_LOOPS:  # (in, T·N) and (out, T·N) copies: the long axis contiguous
        return np.einsum("ir,jr->ij", np.ascontiguousarray(h2.T), np.ascontiguousarray(d2.T))
    return h2.T @ d2


def _affine(h: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``h @ w + b`` for h (T, N, in), w (in, out) or (T, in, out), b (out,) or (T, out).

    With one input feature the product is an outer product, and broadcasting does
    it in half the time of a batched matmul (the sine network's first layer).
    """
    if w.ndim == 2:
        z = shared(h, w)
    else:
        z = h * w if w.shape[-2] == 1 else h @ w
    z += b[..., None, :]
    return z


@dataclass(frozen=True)
class Cache:
    """What the backward pass needs from the forward pass.

    inputs[i]: input of layer i+1, (T, N, width_i); slopes[i]: σ'(z) of hidden layer
    i+1; out: (T, N, out).
    """

    inputs: list[np.ndarray]
    slopes: list[np.ndarray]
    out: np.ndarray
    activation: str


def forward(params: Params, x: np.ndarray, activation: str = "relu") -> tuple[np.ndarray, Cache]:
    """Outputs (T, N, out) for inputs (T, N, in); hidden layers use ``activation``."""
    if activation not in ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}")
    check_inputs(params, x)
    L = n_layers(params)
    h, inputs, slopes = x, [], []
    for i in range(1, L + 1):
        inputs.append(h)
        z = _affine(h, params[f"W{i}"], params[f"b{i}"])
        if i == L:
            h = z
        elif activation == "relu":
            slopes.append(z > 0)
            h = relu(z)
        else:
            h = np.tanh(z)
            slopes.append(1.0 - h * h)
    return h, Cache(inputs, slopes, h, activation)


def backward(params: Params, cache: Cache, dout: np.ndarray) -> Params:
    """Per-task gradients (leading task axis on every array) given dloss/dout (T, N, out)."""
    L = n_layers(params)
    grads: Params = {}
    d = dout
    for i in range(L, 0, -1):
        grads[f"W{i}"] = _t(cache.inputs[i - 1]) @ d
        grads[f"b{i}"] = d.sum(axis=-2)
        if i > 1:
            d = gate(d @ _t(params[f"W{i}"]), cache.slopes[i - 2])
    return grads


def backward_task_sum(params: Params, cache: Cache, dout: np.ndarray) -> Params:
    """Gradients of shared ``params`` summed over tasks (the parameters' shapes), given
    dloss/dout (T, N, out): what ``backward`` followed by ``.sum(axis=0)`` gives, up to
    rounding, without forming one (in, out) matrix per task. Each weight's gradient is one
    2-D product over all T·N rows (``task_sum``) and each backward step one product with the
    shared weight (``shared_t``): in the browser, where numpy has no BLAS, the per-task
    batched products of ``backward`` cost ProtoNet's training about twice as much."""
    L = n_layers(params)
    grads: Params = {}
    d = dout                                                  # (T, N, width_i)
    for i in range(L, 0, -1):
        grads[f"W{i}"] = task_sum(cache.inputs[i - 1], d)    # (width_{i-1}, width_i)
        grads[f"b{i}"] = d.sum(axis=(0, 1))                  # (width_i,)
        if i > 1:
            d = gate(shared_t(d, params[f"W{i}"]), cache.slopes[i - 2])  # (T, N, width_{i-1})
    return {k: grads[k] for k in params}


def mse(pred: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-task mean squared error (T,) and its gradient wrt ``pred`` (T, N, out).

    A mean over points, not a sum: a sum would multiply the effective inner step
    size by the number of points.
    """
    if pred.shape != y.shape:
        raise ValueError(f"predictions have shape {pred.shape}, targets {y.shape}")
    diff = pred - y
    scale = 1.0 / (diff.shape[-2] * diff.shape[-1])
    return (diff * diff).sum(axis=(-2, -1)) * scale, (2.0 * scale) * diff


def mse_loss_and_grads(
    params: Params, x: np.ndarray, y: np.ndarray, activation: str = "relu"
) -> tuple[np.ndarray, Params, Cache]:
    """Per-task MSE (T,), per-task gradients, and the forward cache (for ``mse_hvp``)."""
    out, cache = forward(params, x, activation)
    loss, dout = mse(out, y)
    return loss, backward(params, cache, dout), cache


def mse_hvp(params: Params, cache: Cache, y: np.ndarray, v: Params) -> Params:
    """Per-task Hessian-vector products H_t v_t of the MSE loss at ``params``.

    ``cache`` comes from ``forward(params, x)``; ``v`` has the parameters' shapes,
    with or without a task axis. Forward-over-reverse: R{·} below is the
    directional derivative along ``v`` of the quantity in the forward and backward
    passes.
    """
    L = n_layers(params)
    tanh = cache.activation == "tanh"
    # R-forward: directions of every layer's input and pre-activation.
    r_inputs: list[np.ndarray | None] = [None]
    r_pre: list[np.ndarray] = []
    for i in range(1, L + 1):
        rz = _affine(cache.inputs[i - 1], v[f"W{i}"], v[f"b{i}"])
        if i > 1:
            rz += r_inputs[i - 1] @ params[f"W{i}"]
        r_pre.append(rz)
        if i < L:
            r_inputs.append(cache.slopes[i - 1] * rz)
    # Backward pass and its R-derivative, layer by layer. For MSE, R{dout} = 2/(N·out)·R{out}.
    scale = 2.0 / (y.shape[-2] * y.shape[-1])
    d = scale * (cache.out - y)
    rd = scale * r_pre[-1]
    hv: Params = {}
    for i in range(L, 0, -1):
        hw = _t(cache.inputs[i - 1]) @ rd
        if i > 1:
            hw += _t(r_inputs[i - 1]) @ d
        hv[f"W{i}"] = hw
        hv[f"b{i}"] = rd.sum(axis=-2)
        if i > 1:
            w_t = _t(params[f"W{i}"])
            slope = cache.slopes[i - 2]
            dh = d @ w_t
            rdh = rd @ w_t
            rdh += d @ _t(v[f"W{i}"])
            rd = rdh * slope
            if tanh:  # σ''(z) = −2·tanh(z)·σ'(z); ReLU's second derivative is zero
                rd = rd - 2.0 * dh * cache.inputs[i - 1] * slope * r_pre[i - 2]
            d = dh * slope
    return hv


def sgd_step(params: Params, grads: Params, lr: float) -> Params:
    """``θ − lr·g``; per-task gradients turn shared parameters into per-task ones."""
    return {k: params[k] - lr * grads[k] for k in params}


def predict(params: Params, x: np.ndarray, activation: str = "relu") -> np.ndarray:
    """Convenience for plotting: outputs for 1-D inputs ``x`` (N,) → (N,), or (T, N) for
    per-task parameters of T tasks (every task at the same points)."""
    w1 = params["W1"]
    tasks = w1.shape[0] if w1.ndim == 3 else 1
    x3 = np.broadcast_to(np.asarray(x, dtype=np.float64).reshape(1, -1, 1), (tasks, np.size(x), 1))
    out, _ = forward(params, x3, activation)
    return out[0, :, 0] if out.shape[0] == 1 else out[:, :, 0]
