# MAML, first-order MAML and Reptile: same tasks, same budget, then adapt to new tasks.
import numpy as np
from livedemo import progress, show
from metalearn import finetune_curve, sample_sine_tasks, train_maml, train_reptile
from metalearn.plots import adaptation_curves

iterations = 1500   # meta-iterations for each algorithm (meta-batch 25, K = 10)
test_tasks = sample_sine_tasks(np.random.default_rng(100), 300, 5, 100)  # 5 shots, 100 query points
steps = list(range(11))
done = 0


def tick(i, loss):
    """The trainers call this after every meta-iteration: move the progress bar."""
    global done
    done += 1
    if done % 100 == 0:
        progress(done, 3 * iterations, label=f"training {name}")


curves = {}
for name in ["MAML", "first-order MAML", "Reptile"]:
    rng = np.random.default_rng(0)
    if name == "Reptile":
        params, _ = train_reptile(rng, iterations, outer_lr=0.003, callback=tick)
        inner_lr = 0.02
    else:
        params, _ = train_maml(rng, iterations, outer_lr=0.003, callback=tick,
                               first_order=(name == "first-order MAML"))
        inner_lr = 0.01
    mse = finetune_curve(params, test_tasks, lr=inner_lr, steps=tuple(steps))  # (tasks, steps)
    curves[name] = np.median(mse, axis=0)

print("median MSE over 300 new 5-shot tasks after n steps")
print(f"{'algorithm':<18}{'n=0':>8}{'n=1':>8}{'n=5':>8}{'n=10':>8}")
for name, curve in curves.items():
    print(f"{name:<18}" + "".join(f"{curve[s]:>8.2f}" for s in (0, 1, 5, 10)))
show(adaptation_curves(steps, curves, title="Median MSE on new tasks while fine-tuning"))
