"""What code a reader types costs the page: the longest main-thread task and the JS heap, per case.

Builds the demo fixture site (tests/fixtures/demo-site), opens its robust/ page in Chromium,
runs a warm-up (so the runtime's own loading is not counted), then for each case types the
code into the same block, runs it, waits for the output to settle, and records the longest
task the page's main thread ran meanwhile (PerformanceObserver "longtask", which reports tasks
of 50 ms and more; "none" means every task was shorter) and the JS heap after it. Goal: no task
of 50 ms or more caused by the output. Run from the repository root:

    .venv/bin/python benchmarks/robustness.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path += [str(ROOT / "tests"), str(ROOT / "tests" / "browser")]

from playwright.sync_api import sync_playwright  # noqa: E402

from browsing import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402  (the test suite's server)
from livepage import replace_code, run  # noqa: E402

CASES = {
    "10**6 printed lines": "for i in range(10**6):\n    print(i)",
    "12 MB in long lines": 'for i in range(1200):\n    print(str(i).rjust(10_000, "x"))',
    "a 1,000,000-character message": 'raise ValueError("x" * 10**6)',
    "a long URL in a message": 'raise FileNotFoundError("https://example.org/" + "a" * 250)',
    "an invalid plot spec": (
        "from livedemo import show\nshow({'description': 'bad', 'data': {'values': [{'a': 1}]}, "
        "'mark': 'dot', 'encoding': {'x': {'field': 'a', 'type': 'quantitative'}}})"
    ),
    "a 100,000-point plot (refused)": (
        "from livedemo import show\nshow({'data': {'values': [{'x': i} for i in range(100_000)]}, 'mark': 'point'})"
    ),
    "a 5,000-point plot (the limit)": (
        "from livedemo import show\nimport random\nr = random.Random(0)\n"
        "show({'description': 'p', 'data': {'values': [{'x': r.random(), 'y': r.random()} for _ in range(5000)]},"
        " 'mark': 'point', 'encoding': {'x': {'field': 'x', 'type': 'quantitative'},"
        " 'y': {'field': 'y', 'type': 'quantitative'}}})"
    ),
    "js.document": "import js\njs.document",
    "urllib.request.urlopen": "import urllib.request\nurllib.request.urlopen('https://example.org/')",
    "a thread": "import threading\nthreading.Thread(target=print).start()",
    "\\r progress line, 100,000 updates": 'for i in range(100_000):\n    print(f"\\r{i / 1000:.1f}%", end="")',
    "del builtins.print": "import builtins\ndel builtins.print",
    "os._exit(1)": "import os\nos._exit(1)",
    "recursion, limit raised to 10**6": "import sys\nsys.setrecursionlimit(10**6)\ndef f(n):\n    return f(n + 1)\nf(0)",
    "recursion through C, limit 10**6": (
        "import sys\nsys.setrecursionlimit(10**6)\ndef f(n):\n    return list(map(f, [n + 1]))\nf(0)"
    ),
    "Python crashes (fatal error)": "import pyodide_js\npyodide_js._api.fatal_error(Exception('x'))",
    "the worker closes itself": "import js\njs.self.close()",
}

PROBE = """
window.benchTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.benchTasks.push(entry.duration);
}).observe({type: "longtask", buffered: true});
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", help="run only the cases whose name contains this text")
    args = parser.parse_args()
    cases = {name: code for name, code in CASES.items() if not args.only or args.only in name}
    with tempfile.TemporaryDirectory(prefix="robustness-") as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
                       cwd=ROOT / "tests" / "fixtures" / "demo-site", check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        longest: dict[str, list[float]] = {name: [] for name in cases}
        heap: dict[str, list[float]] = {name: [] for name in cases}
        with serve(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(args.repeat):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.add_init_script(PROBE)
                context.route("https://**/*", lambda route: route.abort())
                page = context.new_page()
                page.goto(url + "robust/", wait_until="load")
                replace_code(page, "Scratch", 'print("warm-up")')
                run(page, "Scratch")  # the runtime is loaded: its tasks are not counted below
                for name, code in cases.items():
                    print(f"  {name}", file=sys.stderr, flush=True)
                    replace_code(page, "Scratch", code)
                    page.wait_for_timeout(500)
                    page.evaluate("window.benchTasks = []")
                    run(page, "Scratch", timeout=180_000)
                    page.wait_for_timeout(3000)  # plots, explanations, Python restarting
                    tasks = page.evaluate("window.benchTasks")
                    longest[name].append(max(tasks, default=0))
                    heap[name].append(page.evaluate("performance.memory.usedJSHeapSize") / 1e6)
                context.close()
            browser.close()
    print(f"Longest main-thread task per case (ms; 'none' = no task of 50 ms or more), median "
          f"[min–max] of {args.repeat} runs, Chromium {CHROMIUM}; load {os.getloadavg()[0]:.2f}")
    print(f"{'case':<34} {'longest task':>20} {'JS heap after':>16}")
    for name in cases:
        values = longest[name]
        ms = lambda v: "<50" if v == 0 else f"{v:.0f}"  # noqa: E731 - the observer's floor
        shown = ("none" if max(values) == 0 else
                 f"{ms(statistics.median(values))} [{ms(min(values))}–{ms(max(values))}]")
        print(f"{name:<34} {shown:>20} {statistics.median(heap[name]):>13.0f} MB")


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s)")
