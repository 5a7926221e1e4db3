# A new sine task, K points: which starting point learns it faster?
import numpy as np
from livedemo import show, slider
from metalearn import adapt, finetune_curve, load_info, load_params, predict, sine_task
from metalearn.plots import function_fit

# The new task y = A·sin(x − φ) and its K points. In training, A was drawn from [0.1, 5] and
# φ from [0, π]; both models were trained with K = 10 points per task (MAML: 10 support points).
amplitude = slider("amplitude", 0.1, 5.0, 3.5, step=0.1, label="amplitude A")
phase = slider("phase", 0.0, 3.14, 2.0, step=0.01, label="phase φ")
k = slider("k", 1, 10, 5, label="points K")

rng = np.random.default_rng(2)
x_points = rng.uniform(-5, 5, size=k)         # the K examples we get to see
grid = np.linspace(-5, 5, 100)                # where we measure the error
task = sine_task(amplitude, phase, x_support=x_points, x_query=grid)

# The baseline's fine-tuning step size was tuned on validation tasks for K = 5 and K = 10:
# the one tuned for the nearer K is used. MAML keeps the step size it was meta-trained with.
tuned_for = 5 if k < 8 else 10
models = {  # name: (starting parameters, fine-tuning step size)
    "pretrained": (load_params("baseline"), load_info("baseline")["finetune_lr"][tuned_for]),
    "MAML": (load_params("maml"), 0.01),
}

print(f"Task y = {amplitude:.1f}·sin(x − {phase:.2f}), K = {k} points")
print(f"MSE on the whole curve after n gradient steps on the {k} points")
print(f"{'start':<12}{'n=0':>8}{'n=1':>8}{'n=5':>8}{'n=10':>8}")
fits, after_10 = {}, {}
for name, (params, lr) in models.items():
    mse = finetune_curve(params, task, lr=lr, steps=(0, 1, 5, 10))[0]
    print(f"{name:<12}" + "".join(f"{m:>8.2f}" for m in mse))
    tuned = adapt(params, task.x_support, task.y_support, lr=lr, steps=10)
    fits[f"{name}, 10 steps"] = predict(tuned, grid)
    after_10[name] = mse[-1]

show(function_fit(grid, task.curve(grid)[0], (x_points, task.y_support[0]), fits,
                  title=f"Same {k} points, same 10 steps, different starting points",
                  description=f"The true curve (dashed), the {k} points, and each model after "
                  "10 steps on them; MSE on the whole curve: "
                  + ", ".join(f"{name} {m:.2f}" for name, m in after_10.items())))
