# Fine-tune MAML's trained start at another step size: what the step size it was trained for buys.
import numpy as np
from livedemo import show, slider
from metalearn import finetune_curve, load_params, sample_sine_tasks, summarize
from metalearn.evaluate import zero_mse
from metalearn.plots import adaptation_curves

alpha = slider("alpha", 0.001, 0.05, 0.01, step=0.001, label="step size α")
params = load_params("maml")    # meta-trained with inner step size 0.01
tasks = sample_sine_tasks(np.random.default_rng(100), 200, 5, 100)  # 5 shots, 100 query points
steps = tuple(range(11))


def medians(lr):
    """Median query MSE over the tasks after each number of steps (steps,), and the summaries."""
    mse = finetune_curve(params, tasks, lr=lr, steps=steps)    # (tasks, steps)
    worst = np.where(np.isnan(mse), np.inf, mse)              # a blown-up task counts as worst
    return np.median(worst, axis=0), summarize(mse, zero_mse(tasks))


def shown(value):
    """Three decimals while readable, powers of ten once a task has blown up."""
    return f"{value:.3f}" if value < 1000 else f"{value:.2e}"


curve, summary = medians(alpha)
print(f"MAML fine-tuned at α = {alpha:.3f} on 200 new 5-shot tasks (meta-trained at α = 0.010)")
print(f"{'steps':<7}{'median MSE':>12}{'diverged':>10}")
for n in (1, 5, 10):
    print(f"{n:<7}{shown(curve[n]):>12}{summary[n].diverged:>10}")

curves = {f"α = {alpha:.3f}": curve}
if alpha != 0.01:
    curves["α = 0.010, as meta-trained"] = medians(0.01)[0]
spec = adaptation_curves(steps, curves, title="Median MSE on 200 new tasks while fine-tuning",
                         description="Median MSE on 200 new 5-shot tasks after 0 to 10 steps, "
                         "log scale, one line per step size; after 10 steps: "
                         + "; ".join(f"{name}: {shown(c[10])}" for name, c in curves.items()))
spec["encoding"]["y"].update(scale={"type": "log"}, title="median query MSE (log scale)")
show(spec)
