# MAML, first-order MAML and Reptile: same tasks, same budget, then adapt to new tasks.
import numpy as np
from livedemo import progress, show
from metalearn import finetune_curve, sample_sine_tasks, train_maml, train_reptile
from metalearn.plots import adaptation_curves

iterations = 1500   # meta-iterations each (meta-batch 25, K = 10)
algorithms = {      # name: (training function, inner step size)
    "MAML": (lambda rng, cb: train_maml(rng, iterations, outer_lr=0.003, callback=cb), 0.01),
    "first-order MAML": (lambda rng, cb: train_maml(rng, iterations, outer_lr=0.003,
                                                    first_order=True, callback=cb), 0.01),
    "Reptile": (lambda rng, cb: train_reptile(rng, iterations, outer_lr=0.003, callback=cb), 0.02),
}

test_tasks = sample_sine_tasks(np.random.default_rng(100), 300, 5, 100)  # 5 shots, 100 query points
steps = list(range(11))
curves = {}
for n, (name, (train, lr)) in enumerate(algorithms.items()):
    def report(i, loss, n=n, name=name):
        if (i + 1) % 100 == 0:
            progress(n * iterations + i + 1, 3 * iterations, label=f"training {name}")
    params, _ = train(np.random.default_rng(0), report)
    curves[name] = np.median(finetune_curve(params, test_tasks, lr=lr, steps=tuple(steps)), axis=0)

print("median MSE over 300 new 5-shot tasks after n steps")
print(f"{'algorithm':<18}{'n=0':>8}{'n=1':>8}{'n=5':>8}{'n=10':>8}")
for name, curve in curves.items():
    print(f"{name:<18}" + "".join(f"{curve[s]:>8.2f}" for s in (0, 1, 5, 10)))
show(adaptation_curves(steps, curves, title="Median MSE on new tasks while fine-tuning"))
