# The MAML meta-gradient in a few lines, checked against maml_gradient.
import numpy as np
from metalearn import load_params, maml_gradient, sample_sine_tasks
from metalearn.mlp import backward, forward, mse, mse_hvp, sgd_step

alpha = 0.01                 # inner step size α
theta = load_params("maml")  # initialization θ: a 1-40-40-1 ReLU network
tasks = sample_sine_tasks(np.random.default_rng(0), 25, 10)  # 10 + 10 points

# 1. Inner step, all 25 tasks at once: θ'_i = θ − α ∇L_i^S(θ)
out, cache = forward(theta, tasks.x_support)
support_grad = backward(theta, cache, mse(out, tasks.y_support)[1])
adapted = sgd_step(theta, support_grad, alpha)

# 2. Each task's query-loss gradient at its adapted parameters: ∇L_i^Q(θ'_i)
out, cache_q = forward(adapted, tasks.x_query)
query_loss, dout = mse(out, tasks.y_query)
query_grad = backward(adapted, cache_q, dout)

# 3. Chain rule through the inner step: (I − α H_i) ∇L_i^Q(θ'_i), with H_i
#    the Hessian of task i's support loss; mse_hvp gives H_i v without H_i.
hv = mse_hvp(theta, cache, tasks.y_support, query_grad)
first_order = {k: query_grad[k].mean(axis=0) for k in theta}  # FOMAML stops
second_order = {k: -alpha * hv[k].mean(axis=0) for k in theta}
meta_grad = {k: first_order[k] + second_order[k] for k in theta}

# Two checks: the library's maml_gradient, and a finite difference.
def flat(g):  # all parameters as one long vector
    return np.concatenate([g[k].ravel() for k in theta])

def meta_objective(params):  # the mean query loss after one inner step
    return maml_gradient(params, tasks, inner_lr=alpha)[0]

library = flat(maml_gradient(theta, tasks, inner_lr=alpha)[1])
rng = np.random.default_rng(1)
u = {k: rng.standard_normal(v.shape) for k, v in theta.items()}  # a direction
length = np.linalg.norm(flat(u))
u = {k: v / length for k, v in u.items()}  # of length 1: a step of eps moves θ by eps
eps = 1e-7
plus = meta_objective({k: theta[k] + eps * u[k] for k in theta})
minus = meta_objective({k: theta[k] - eps * u[k] for k in theta})
slope = (plus - minus) / (2 * eps)  # the meta-objective's slope along u

first, second, full = flat(first_order), flat(second_order), flat(meta_grad)
cosine = first @ full / (np.linalg.norm(first) * np.linalg.norm(full))
print(f"meta-gradient on 25 sine tasks "
      f"(query loss after the inner step {query_loss.mean():.3f})")
print(f"  length of the first-order part   {np.linalg.norm(first):.3f}")
print(f"  length of the second-order part  {np.linalg.norm(second):.3f}")
print(f"  length of the meta-gradient      {np.linalg.norm(full):.3f}")
print(f"  angle between the first-order part and the meta-gradient  "
      f"{np.degrees(np.arccos(cosine)):.0f}°")
# Rounding-level differences (about 1e-16) vary between machines: printed as a verdict.
same = np.abs(full - library).max() < 1e-12
print(f"check 1, the same as maml_gradient up to rounding: {'yes' if same else 'NO'}")
print(f"check 2, slope along a random direction: {full @ flat(u):.6f} here, "
      f"{slope:.6f} by finite differences")
