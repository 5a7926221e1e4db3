"""metalearn: a small, readable numpy library for meta-learning demos.

Pure Python + numpy, so the same code runs natively and in the browser (Pyodide).
Modules, one job each:

- ``tasks``: sine regression tasks (Finn et al. 2017) and 2-D cluster classification tasks
- ``mlp``: the network, with hand-written backward pass and Hessian-vector product
- ``maml``, ``reptile``, ``baseline``, ``protonet``: the algorithms
- ``optim``: Adam; ``evaluate``: fine-tuning curves and statistics
- ``shipped``: the shipped meta-parameters (files in params/); ``plots``: Vega-Lite specs for the demos
"""

from metalearn.baseline import train_baseline, tune_finetune_lr
from metalearn.evaluate import adapt, finetune_curve, summarize
from metalearn.maml import maml_gradient, train_maml
from metalearn.mlp import forward, init_mlp, mse_loss_and_grads, predict
from metalearn.optim import adam_init, adam_step
from metalearn.shipped import load_info, load_params
from metalearn.protonet import protonet_loss_and_grads, train_protonet
from metalearn.reptile import reptile_direction, train_reptile
from metalearn.tasks import sample_cluster_tasks, sample_sine_tasks, sine, sine_task

__version__ = "0.1.0"

__all__ = [
    "adam_init", "adam_step", "adapt", "finetune_curve", "forward", "init_mlp",
    "load_info", "load_params", "maml_gradient", "mse_loss_and_grads", "predict",
    "protonet_loss_and_grads", "reptile_direction", "sample_cluster_tasks",
    "sample_sine_tasks", "sine", "sine_task", "summarize", "train_baseline",
    "train_maml", "train_protonet", "train_reptile", "tune_finetune_lr",
]
