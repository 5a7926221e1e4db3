# Meta-train MAML on sine tasks from scratch, in the browser.
import numpy as np
from livedemo import progress, show
from metalearn import (adam_init, adam_step, init_mlp, maml_gradient,
                       sample_sine_tasks)
from metalearn.plots import loss_curve

iterations = 2000         # the MAML authors' code: 70,000; 2,000 show the idea
rng = np.random.default_rng(0)
params = init_mlp(rng)    # 1-40-40-1 ReLU network, weights ~ N(0, 0.01²)
state = adam_init(params)

losses = []
for i in range(1, iterations + 1):
    tasks = sample_sine_tasks(rng, 25, 10)  # 25 new tasks, 10 + 10 points
    # adapt on the support points, score on the query points
    loss, grads = maml_gradient(params, tasks, inner_lr=0.01)
    params, state = adam_step(params, grads, state, lr=0.003)  # outer step
    losses.append(loss)
    if i % 100 == 0 or i == iterations:
        progress(i, iterations, label=f"meta-iteration {i}/{iterations}")
        summary = (f"Query MSE after one inner step over {i} meta-iterations, log scale: "
                   f"{np.mean(losses[:100]):.2f} on average in the first 100, "
                   f"{np.mean(losses[-100:]):.2f} in the latest 100")
        show(loss_curve(losses, max_points=300, description=summary), id="loss")

window = max(1, iterations // 4)  # the noisy loss, averaged over quarters
print(f"query MSE after one inner step (average over {window} "
      "meta-iterations)")
for end in range(window, iterations + 1, window):
    mean = np.mean(losses[end - window:end])
    print(f"  iterations {end - window + 1:>4}-{end:<4}  {mean:.3f}")
