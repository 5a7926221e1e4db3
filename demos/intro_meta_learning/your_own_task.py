# Your own task: place points on the plot and watch MAML's start adapt to them.
import numpy as np
from livedemo import points, show
from metalearn import adapt, load_params, predict
from metalearn.mlp import mse_loss_and_grads
from metalearn.plots import function_fit

# Your K points (x, y), from 1 to 10 of them: click the plot to add one, drag one to move it.
# These lie close to y = 3·sin(x − 2.5), a wave from the training family, with a little noise.
mine = points("mine", [(-4.5, -2.0), (-2.0, 2.9), (-0.5, -0.4), (1.5, -2.5), (4.0, 2.9)],
              x=(-5, 5), y=(-6, 6), min_points=1, max_points=10, step=0.1,
              label="Your points")

x = np.array([p[0] for p in mine], dtype=float).reshape(1, -1, 1)
y = np.array([p[1] for p in mine], dtype=float).reshape(1, -1, 1)
params = load_params("maml")
grid = np.linspace(-5, 5, 100)

fits, errors = {"MAML start": predict(params, grid)}, []
print(f"K = {len(mine)} points")
print(f"{'steps':<6}{'MSE on your points':>20}")
for steps in (0, 1, 10):
    adapted = adapt(params, x, y, lr=0.01, steps=steps)
    errors.append(mse_loss_and_grads(adapted, x, y)[0][0])
    print(f"{steps:<6}{errors[-1]:>20.3g}")
    if steps:
        fits[f"after {steps} step{'s' if steps > 1 else ''}"] = predict(adapted, grid)
print("This is the error on your points only: judge the curve by the plot.")

show(function_fit(grid, None, (x[0, :, 0], y[0, :, 0]), fits, title="MAML adapting to your points",
                  description=f"Your {len(mine)} points and MAML's curve before adapting and after "
                  "1 and 10 steps on them; MSE on your points: "
                  + ", ".join(f"{e:.3g}" for e in errors)))
