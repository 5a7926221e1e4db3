"""Reproduce the MAML paper's 5-shot sine regression table (Finn et al. 2017, appendix C.1).

    python benchmarks/reproduce_maml_sine.py [--iterations 70000] [--tasks 600] [--query-points 100] [--seed 0]

Training (all four methods, same budget): 1-40-40-1 ReLU, weights truncated-normal
std 0.01, biases 0; sine tasks A ~ U[0.1, 5], φ ~ U[0, π], x ~ U[−5, 5]; meta-batch 25;
Adam 1e-3; ``--iterations`` meta-iterations (paper: 70,000); ``--seed`` seeds training only.

- MAML: K = 10 support + 10 query points per task, 1 inner SGD step, α = 0.01, exact
  second-order meta-gradient;
- first-order MAML: the same without the Hessian term;
- Reptile: 5 full-batch inner SGD steps at 0.02 on the task's 10 points (as OpenAI's code),
  Adam on the direction;
- pretrained baseline: joint training on the 10 support points of each task (as
  ``pretrain_op`` in the MAML authors' code).

Evaluation: ``--tasks`` new test tasks (paper: 600), the same tasks for every method and
every ``--seed`` (their own fixed seed, TEST_SEED); each gets K support points (K = 5 and
K = 10) and ``--query-points`` fresh query points drawn uniformly from [−5, 5]. MSE (a mean
over query points) after 0, 1, 5 and 10 plain SGD steps on the support points, at the
method's own inner step size (MAML/FOMAML 0.01, Reptile 0.02); the baseline's step size is
tuned per K on 200 validation tasks of another fixed seed, by their mean MSE.
Reported: mean ± 95% CI half-width (1.96·sd/√n), median, and the number of tasks
whose MSE is not finite or more than 10 times both their MSE before fine-tuning and
the MSE of predicting 0 ("diverged"; one such task dominates the mean).

Differences from the references, printed with the table (DIFFERENCES): 100 random query
points per test task (the official code measures on K query points, CAVIA on a 100-point
grid); Reptile's outer step is Adam 1e-3 on the direction for 70,000 iterations, like the
others here (OpenAI's sine code: plain steps of 0.1 annealed to 0 over 30,000 iterations).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "demos"))

from metalearn.baseline import train_baseline, tune_finetune_lr  # noqa: E402
from metalearn.evaluate import finetune_curve, summarize, zero_mse  # noqa: E402
from metalearn.maml import train_maml  # noqa: E402
from metalearn.reptile import train_reptile  # noqa: E402
from metalearn.tasks import SineTasks, sample_sine_tasks  # noqa: E402

STEPS = (0, 1, 5, 10)
PAPER_K5 = {"MAML": (None, 0.67, 0.38, 0.35), "pretrained": (None, 2.41, 2.23, 2.19)}
TEST_SEED, VALIDATION_SEED = 2017, 2018  # fixed: every --seed is tested on the same tasks
DIFFERENCES = (
    "test MSE on {query} random query points per task (official code: K query points; CAVIA: a "
    "100-point grid)",
    "Reptile: outer step Adam 1e-3 for the same budget as the others (OpenAI's sine code: "
    "plain steps of 0.1 annealed to 0 over 30,000 iterations)",
)


def test_tasks(k: int, n_tasks: int, n_query: int) -> SineTasks:
    """The test tasks for K support points: a seed of their own, independent of training."""
    return sample_sine_tasks(np.random.default_rng([TEST_SEED, k]), n_tasks, k, n_query)


def mean_ci(s) -> str:
    """'mean ± ci', switching to exponent notation when one diverged task blows the mean up."""
    if abs(s.mean) < 1e4 and s.ci95 < 1e4:
        return f"{s.mean:.3f} ± {s.ci95:.3f}"
    return f"{s.mean:.1e} ± {s.ci95:.0e}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--iterations", type=int, default=70_000, help="meta-iterations (paper: 70000)")
    parser.add_argument("--tasks", type=int, default=600, help="test tasks (paper: 600)")
    parser.add_argument("--query-points", type=int, default=100, help="fresh query points per test task")
    parser.add_argument("--seed", type=int, default=0, help="training seed (the test tasks have their own)")
    args = parser.parse_args()

    methods = {
        "MAML": (lambda rng: train_maml(rng, args.iterations), 0.01),
        "first-order MAML": (lambda rng: train_maml(rng, args.iterations, first_order=True), 0.01),
        "Reptile": (lambda rng: train_reptile(rng, args.iterations), 0.02),
        "pretrained": (lambda rng: train_baseline(rng, args.iterations), None),
    }
    trained, seconds = {}, {}
    for i, (name, (train, _)) in enumerate(methods.items()):
        start = time.perf_counter()
        trained[name], _ = train(np.random.default_rng([args.seed, i]))
        seconds[name] = time.perf_counter() - start
        print(f"trained {name} in {seconds[name]:.0f} s", file=sys.stderr, flush=True)

    print(__doc__.split("\n")[0])
    print(f"{args.iterations} meta-iterations; {args.tasks} test tasks (seed [{TEST_SEED}, K], the "
          f"same for every --seed); {args.query_points} fresh query points per task; numpy "
          f"{np.__version__}; training seed {args.seed}")
    print("protocol differences from the references: "
          + "; ".join(DIFFERENCES).format(query=args.query_points))
    print("training time (1 thread): " + ", ".join(f"{n} {s:.0f} s" for n, s in seconds.items()))
    for k in (5, 10):
        tasks = test_tasks(k, args.tasks, args.query_points)
        validation = np.random.default_rng([VALIDATION_SEED, k])
        print(f"\nK = {k}: query MSE after n SGD steps on the {k} support points")
        print(f"{'method':<18}{'step size':>10}  " + "".join(f"{'n = ' + str(s):>22}" for s in STEPS))
        zero = zero_mse(tasks)
        ci = 1.96 * np.std(zero, ddof=1) / np.sqrt(len(zero))
        print(f"{'predicting 0':<18}{'-':>10}  {f'{np.mean(zero):.3f} ± {ci:.3f}':>22}"
              "   (the scale of the test tasks, whatever the training)")
        for name, (_, lr) in methods.items():
            if lr is None:
                lr, _ = tune_finetune_lr(trained[name], validation, k=k)
            stats = summarize(finetune_curve(trained[name], tasks, lr=lr, steps=STEPS), zero)
            print(f"{name:<18}{lr:>10g}  " + "".join(f"{mean_ci(s):>22}" for s in stats))
            print(f"{'  median':<30}" + "".join(f"{s.median:>22.3f}" for s in stats))
            print(f"{'  diverged tasks':<30}" + "".join(f"{s.diverged:>22d}" for s in stats))
            if any(s.diverged for s in stats):
                print(f"{'  mean without them':<30}" + "".join(f"{s.mean_without_diverged:>22.3f}" for s in stats))
            if k == 5 and name in PAPER_K5:
                paper = "".join(f"{'—' if v is None else f'{v:.2f}':>22}" for v in PAPER_K5[name])
                print(f"{'  paper (Table 2)':<30}{paper}")


if __name__ == "__main__":
    main()
