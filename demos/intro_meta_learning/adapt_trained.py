# Run after train_maml.py: adapt the parameters you just meta-trained to a new task.
import numpy as np
from livedemo import show
from metalearn import adapt, finetune_curve, predict, sine_task
from metalearn.plots import function_fit

if "params" not in globals():
    raise NameError("params is not defined: run the meta-training demo above first")

rng = np.random.default_rng(3)
amplitude, phase = 2.0, 0.5     # a new task from the same family (never seen during training)
x_points = rng.uniform(-5, 5, size=5)
grid = np.linspace(-5, 5, 100)
task = sine_task(amplitude, phase, x_support=x_points, x_query=grid)

mse = finetune_curve(params, task, lr=0.01, steps=(0, 1, 10))[0]
print(f"MSE before adaptation {mse[0]:.2f}, after 1 step {mse[1]:.2f}, after 10 steps {mse[2]:.2f}")

fits = {"before": predict(params, grid)}
for steps in (1, 10):
    adapted = adapt(params, task.x_support, task.y_support, lr=0.01, steps=steps)
    fits[f"after {steps} step{'s' if steps > 1 else ''}"] = predict(adapted, grid)
show(function_fit(grid, task.curve(grid)[0], (x_points, task.y_support[0]), fits,
                  title="Your meta-trained network on a new task",
                  description="The true curve (dashed), its 5 points, and the network before "
                  f"adaptation and after 1 and 10 steps: MSE {mse[0]:.2f}, {mse[1]:.2f}, {mse[2]:.2f}"))
