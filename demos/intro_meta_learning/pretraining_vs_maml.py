# A new sine task, five points: which starting point learns it faster?
import numpy as np
from livedemo import show
from metalearn import adapt, finetune_curve, load_info, load_params, predict, sine_task
from metalearn.plots import function_fit

rng = np.random.default_rng(2)
amplitude, phase = 3.5, 2.0                   # the new task: y = 3.5·sin(x − 2)
x_points = rng.uniform(-5, 5, size=5)         # the 5 examples we get to see
grid = np.linspace(-5, 5, 100)                # where we measure the error
task = sine_task(amplitude, phase, x_support=x_points, x_query=grid)

# Both shipped models were trained in advance with K = 10 points per task (MAML: meta-trained
# with 10 support points) and are tested here with 5, as in the paper.
models = {  # name: (starting parameters, fine-tuning step size for K = 5 points)
    "pretrained": (load_params("baseline"), load_info("baseline")["finetune_lr"][5]),
    "MAML": (load_params("maml"), 0.01),
}

print("MSE on the whole curve after n gradient steps on the 5 points")
print(f"{'start':<12}{'n=0':>8}{'n=1':>8}{'n=5':>8}{'n=10':>8}")
fits = {}
for name, (params, lr) in models.items():
    mse = finetune_curve(params, task, lr=lr, steps=(0, 1, 5, 10))[0]
    print(f"{name:<12}" + "".join(f"{m:>8.2f}" for m in mse))
    tuned = adapt(params, task.x_support, task.y_support, lr=lr, steps=10)
    fits[f"{name}, 10 steps"] = predict(tuned, grid)

show(function_fit(grid, task.curve(grid)[0], (x_points, task.y_support[0]), fits,
                  title="Same 5 points, same 10 steps, different starting points"))
