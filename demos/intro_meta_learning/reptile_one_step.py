# Reptile with one inner step is joint training; with more steps it is not.
import numpy as np
from metalearn import load_params, reptile_direction, sample_sine_tasks
from metalearn.mlp import mse_loss_and_grads

alpha = 0.02                    # Reptile's inner step size α
theta = load_params("reptile")  # initialization θ (any parameters would do)
tasks = sample_sine_tasks(np.random.default_rng(0), 25, 10)  # 10 + 10 points
inner_steps = [1, 2, 5]

# Reptile's inner steps alternate between two minibatches of each task, its
# support points and its query points. Joint training follows the gradients
# of these two losses taken at θ itself.
def joint_gradient(x, y):  # gradient at θ of the loss on (x, y), task mean
    grads = mse_loss_and_grads(theta, x, y)[1]
    return np.concatenate([grads[k].mean(axis=0).ravel() for k in theta])

g_support = joint_gradient(tasks.x_support, tasks.y_support)
g_query = joint_gradient(tasks.x_query, tasks.y_query)

print("Reptile's direction (θ − φ)/α against joint training's gradient")
print(f"{'inner steps':<13}{'relative difference':>20}")
for n in inner_steps:
    _, direction = reptile_direction(theta, tasks, inner_lr=alpha,
                                     inner_steps=n)
    reptile = np.concatenate([direction[k].ravel() for k in theta]) / alpha
    joint = (n + 1) // 2 * g_support + n // 2 * g_query  # n gradients at θ
    gap = np.linalg.norm(reptile - joint) / np.linalg.norm(joint)
    # Below 1e-12 the difference is rounding, whose digits vary between machines.
    print(f"{n:<13}{'0 (rounding)' if gap < 1e-12 else f'{gap:.2f}':>20}")
