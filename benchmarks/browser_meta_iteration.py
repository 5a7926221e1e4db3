"""The article's training demos, live in Chromium and natively: what a reader waits for.

Builds the real site (``mkdocs build --strict``, numpy self-hosted from
``vendor/pyodide-wheels``), serves it on 127.0.0.1, opens the
introduction article in Debian's headless Chromium (Playwright, ``executable_path``, a fresh
profile) and, in the real page:

- presses Run on "Train MAML yourself" and on "MAML vs first-order MAML vs Reptile" and
  times click → done inside the page (``performance.now()``, as benchmarks/live_demo_bench.py);
- replaces the code of a block (as a reader editing it) with a loop of ``--calls``
  ``maml_gradient`` calls on 25 tasks (K = 10, one step, second order) and prints its
  ms per call, timed by Python in the worker.

Then it runs the same demo files and the same loop natively (this CPython, one thread,
glibc's default malloc) and prints both side by side. Pyodide is loaded (and numpy
installed) by a first run before anything is timed. Run from the repository root:

    .venv/bin/python benchmarks/browser_meta_iteration.py [--repeat 3] [--calls 500]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import contextlib  # noqa: E402
import io  # noqa: E402
import runpy  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
from playwright.sync_api import Page, sync_playwright  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "demos"), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from browsing import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402  (the test suite's server)
from live_demo_bench import PROBE  # noqa: E402  (in-page click → settled marks)
from livedemo.display import set_sink  # noqa: E402

DEMOS = ROOT / "demos" / "intro_meta_learning"
TIMED = {"Train MAML yourself": "train_maml.py",
         "MAML vs first-order MAML vs Reptile": "compare_algorithms.py"}
WARM_UP = "Why pre-training is not enough"  # loads Pyodide, numpy and metalearn
EDITED = "Your own task"                    # the block whose code the loop replaces
LOOP = """import time
import numpy as np
from metalearn import init_mlp, maml_gradient, sample_sine_tasks
rng = np.random.default_rng(0)
params = init_mlp(rng)
batches = [sample_sine_tasks(rng, 25, 10) for _ in range(20)]
for tasks in batches:
    maml_gradient(params, tasks)  # warm-up
start = time.perf_counter()
for i in range({calls}):
    maml_gradient(params, batches[i % 20])
print(f"ms per maml_gradient call: {{(time.perf_counter() - start) / {calls} * 1e3:.3f}}")
print("numpy", np.__version__)
"""


def build_site(target: Path) -> Path:
    """The real site, as ``make build`` makes it (numpy from vendor/pyodide-wheels)."""
    subprocess.run(["npm", "run", "--silent", "build"], cwd=ROOT, check=True)
    site = target / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                   cwd=ROOT, check=True)
    return site


def article_url(site: Path, base: str) -> str:
    (page,) = [p for p in site.rglob("index.html") if p.parent.name == "introduction-to-meta-learning"]
    return base + str(page.parent.relative_to(site)) + "/"


def click_run(page: Page, title: str, timeout: float = 600_000) -> float:
    """Press Run on a block; ms from the click to done, timed in the page."""
    page.evaluate("title => window.benchWatch(title)", title)
    page.locator(".livedemo").filter(
        has=page.locator(".livedemo-title").get_by_text(title, exact=True)
    ).locator(".livedemo-run").click()
    page.wait_for_function("t => window.benchMarks[t].settled !== null", arg=title, timeout=timeout)
    marks = page.evaluate("t => window.benchMarks[t]", title)
    state = page.locator(".livedemo").filter(
        has=page.locator(".livedemo-title").get_by_text(title, exact=True)
    ).locator(".livedemo-status").get_attribute("data-state")
    if state != "done":
        raise RuntimeError(f"{title!r} ended in state {state!r}")
    return marks["settled"] - marks["click"]


def live_loop(page: Page, calls: int) -> tuple[float, str]:
    """Put the loop into the editor of EDITED, run it, return (ms per call, numpy version)."""
    target = page.locator(".livedemo").filter(
        has=page.locator(".livedemo-title").get_by_text(EDITED, exact=True))
    target.locator(".livedemo-code pre, .livedemo-code .cm-content").first.click()
    target.locator(".cm-editor.cm-focused").wait_for()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(LOOP.format(calls=calls))
    click_run(page, EDITED)
    text = target.locator(".livedemo-output").inner_text()
    return per_call(text), text.split("numpy")[-1].split()[0]


def per_call(printed: str) -> float:
    return float(printed.split("ms per maml_gradient call:")[1].split()[0])


def measure_live(url: str, repeat: int, calls: int) -> tuple[dict[str, list[float]], str]:
    results: dict[str, list[float]] = {name: [] for name in [*TIMED, "loop"]}
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context.route("https://**/*", lambda route: route.abort())
        context.add_init_script(PROBE)
        page = context.new_page()
        page.goto(url, wait_until="load")
        click_run(page, WARM_UP)
        version = ""
        for _ in range(repeat):
            for title in TIMED:
                results[title].append(click_run(page, title))
            ms, version = live_loop(page, calls)
            results["loop"].append(ms)
        context.close()
    return results, version


def measure_native(repeat: int, calls: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {name: [] for name in [*TIMED, "loop"]}
    previous = set_sink(lambda event: None)  # progress bars and plots go nowhere
    try:
        for _ in range(repeat):
            for title, file in TIMED.items():
                start = time.perf_counter()
                with contextlib.redirect_stdout(io.StringIO()):
                    runpy.run_path(str(DEMOS / file), run_name="__main__")
                results[title].append((time.perf_counter() - start) * 1e3)
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):  # the same code as in the page
                exec(compile(LOOP.format(calls=calls), "loop", "exec"), {"__name__": "__main__"})
            results["loop"].append(per_call(printed.getvalue()))
    finally:
        set_sink(previous)
    return results


def cell(values: list[float], unit: str) -> str:
    scale, fmt = (1e-3, ".2f") if unit == "s" else (1.0, ".3f")
    values = [v * scale for v in values]
    return f"{statistics.median(values):{fmt}} {unit} ({min(values):{fmt}}-{max(values):{fmt}})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (median and range shown)")
    parser.add_argument("--calls", type=int, default=500, help="maml_gradient calls in the timed loop")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(Path(tmp))
        with serve(site) as base:
            live, live_numpy = measure_live(article_url(site, base), args.repeat, args.calls)
    native = measure_native(args.repeat, args.calls)

    print(f"Chromium {CHROMIUM} (headless, Pyodide numpy {live_numpy}) vs native CPython "
          f"{sys.version.split()[0]}, numpy {np.__version__}, 1 thread, default malloc; "
          f"median (range) of {args.repeat}\n")
    rows = [(f"{title} (click → done)", live[title], native[title], "s") for title in TIMED]
    rows.append((f"maml_gradient, 25 tasks, 2nd order ({args.calls} calls)", live["loop"],
                 native["loop"], "ms"))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'live (Chromium)':>24}  {'native':>24}  live/native")
    for name, lv, nv, unit in rows:
        ratio = statistics.median(lv) / statistics.median(nv)
        print(f"{name:<{width}}  {cell(lv, unit):>24}  {cell(nv, unit):>24}  {ratio:>8.1f}×")
    loop = statistics.median(live["loop"])
    print(f"\ngoal: ≤ 1.2 ms per meta-iteration live; measured {loop:.2f} ms "
          f"({'met' if loop <= 1.2 else 'not met'})")


if __name__ == "__main__":
    main()
