# Reptile with one inner step is joint training; with more steps it is not.
import numpy as np
from metalearn import load_params, reptile_direction, sample_sine_tasks
from metalearn.mlp import mse_loss_and_grads

alpha = 0.02                    # Reptile's inner step size α
theta = load_params("reptile")  # initialization θ (any parameters would do)
tasks = sample_sine_tasks(np.random.default_rng(0), 25, 10)  # 10 points each
inner_steps = [1, 2, 5]

# Reptile's inner steps all use each task's 10 support points. Joint training
# would take its gradient on those points at θ itself, the same at every step.
grads = mse_loss_and_grads(theta, tasks.x_support, tasks.y_support)[1]
g_joint = np.concatenate([grads[k].mean(axis=0).ravel() for k in theta])  # task mean

print("Reptile's direction (θ − φ)/α against joint training's gradient")
print(f"{'inner steps':<13}{'relative difference':>20}")
for n in inner_steps:
    _, direction = reptile_direction(theta, tasks, inner_lr=alpha,
                                     inner_steps=n)
    reptile = np.concatenate([direction[k].ravel() for k in theta]) / alpha
    joint = n * g_joint  # n steps of joint training, each from θ
    gap = np.linalg.norm(reptile - joint) / np.linalg.norm(joint)
    # Below 1e-12 the difference is rounding, whose digits vary between machines.
    print(f"{n:<13}{'0 (rounding)' if gap < 1e-12 else f'{gap:.2f}':>20}")
