# MAML, first-order MAML and Reptile: same tasks, same budget, then new tasks.
import numpy as np
from livedemo import progress, show
from metalearn import (finetune_curve, sample_sine_tasks, summarize,
                       train_maml, train_reptile)
from metalearn.plots import adaptation_curves

iterations = 1500  # meta-iterations each (meta-batch 25, K = 10)
# Step size on the new tasks: the inner step size each algorithm was
# meta-trained with (the defaults of train_maml and train_reptile).
inner_lr = {"MAML": 0.01, "first-order MAML": 0.01, "Reptile": 0.02}
# 300 new tasks, 5 shots, 100 query points each
test_tasks = sample_sine_tasks(np.random.default_rng(100), 300, 5, 100)
steps = list(range(11))
done = 0


def tick(i, loss):
    """The trainers call this after every meta-iteration: a progress bar."""
    global done
    done += 1
    if done % 100 == 0:
        progress(done, 3 * iterations, label=f"training {name}")


curves, diverged = {}, {}
for name in inner_lr:
    rng = np.random.default_rng(0)
    if name == "Reptile":
        params, _ = train_reptile(rng, iterations, outer_lr=0.003,
                                  callback=tick)
    else:
        params, _ = train_maml(rng, iterations, outer_lr=0.003, callback=tick,
                               first_order=(name == "first-order MAML"))
    mse = finetune_curve(params, test_tasks, lr=inner_lr[name],
                         steps=tuple(steps))          # (tasks, steps)
    finite = np.where(np.isfinite(mse), mse, np.nan)  # nan where inf or nan
    curves[name] = np.nanmedian(finite, axis=0)       # median of the finite
    diverged[name] = summarize(mse)[-1].diverged      # blew up by the end

last = len(steps) - 1
shown = sorted({0, min(1, last), last // 2, last})  # first, 2nd, middle, last
print("median MSE (over the finite values) on 300 new 5-shot tasks "
      "after n steps")
print(f"{'algorithm':<18}"
      + "".join(f" {'n=' + str(steps[c]):>7}" for c in shown) + "  diverged")
for name, curve in curves.items():
    print(f"{name:<18}" + "".join(f" {curve[c]:>7.2f}" for c in shown)
          + f"{diverged[name]:>10}")
print(f"diverged: MSE at n={steps[-1]} is nan, inf or over 10 times "
      f"its value at n={steps[0]}")
show(adaptation_curves(steps, curves,
                       title="Median MSE on new tasks while fine-tuning",
                       description=f"Median MSE on 300 new 5-shot tasks after 0 to "
                       f"{steps[-1]} steps, one line per algorithm; at the end: "
                       + ", ".join(f"{name} {curve[-1]:.2f}"
                                   for name, curve in curves.items())))
