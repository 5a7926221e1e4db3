# Meta-train MAML on sine tasks from scratch, in the browser.
import numpy as np
from livedemo import progress, show
from metalearn import adam_init, adam_step, init_mlp, maml_gradient, sample_sine_tasks
from metalearn.plots import loss_curve

iterations = 2000         # the MAML authors' code uses 70,000; a few thousand show the idea
rng = np.random.default_rng(0)
params = init_mlp(rng)    # 1-40-40-1 ReLU network, weights ~ N(0, 0.01²)
state = adam_init(params)

losses = []
for i in range(1, iterations + 1):
    tasks = sample_sine_tasks(rng, 25, 10)           # 25 new tasks, 10 support + 10 query points
    loss, grads = maml_gradient(params, tasks, inner_lr=0.01)  # adapt on support, score on query
    params, state = adam_step(params, grads, state, lr=0.003)  # the outer step
    losses.append(loss)
    if i % 100 == 0 or i == iterations:
        progress(i, iterations, label=f"meta-iteration {i}/{iterations}")
        show(loss_curve(losses, max_points=300), id="loss")

window = max(1, iterations // 4)   # average the noisy loss over stretches of a quarter of the run
print(f"query MSE after one inner step (average over {window} meta-iterations)")
for end in range(window, iterations + 1, window):
    print(f"  iterations {end - window + 1:>4}-{end:<4}  {np.mean(losses[end - window:end]):.3f}")
