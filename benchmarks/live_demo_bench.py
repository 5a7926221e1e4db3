"""Live demos in real Chromium: what they cost a reader, printed as a table.

Builds the demo fixture site (tests/fixtures/demo-site) with the real plugin, serves it on
127.0.0.1, and measures with Debian's Chromium through Playwright:

- bytes transferred by a demo page before the reader shows intent (and how many of them
  belong to the Python runtime: the goal is none);
- click on Run → first output line, cold (empty HTTP cache) and warm (page reloaded), next to
  a bare page that only does ``loadPyodide()`` + ``runPython`` (goal: ≤ 1.15× the bare time);
- a second run of the same block on the same page (goal: ≤ 100 ms);
- Stop on an endless loop → stopped, and → the next run's output (fresh worker);
- the longest main-thread task during runs (PerformanceObserver ``longtask``; goal < 50 ms).
  The first run includes loading the runtime: the page compiles Pyodide's wasm (see
  livedemo/assets/src/wasm.js), and Chromium hands the downloaded bytes to the streaming
  compiler on the page's thread in chunks of 1-2 MB (``wasm.OnBytesReceived`` in a trace),
  which can make tasks of 40-140 ms on a busy 2-core machine. Python itself never runs there.

Times are taken inside the page with ``performance.now()`` (click listener → DOM mutation),
so Playwright's own latency is not counted. Run from the repository root:

    .venv/bin/python benchmarks/live_demo_bench.py [--repeat 3] [--second-run-only]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browsing import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402  (the test suite's server)

# A page with nothing but Pyodide: the baseline that the live demos are compared with.
BARE_PAGE = """<!doctype html><meta charset="utf-8"><title>bare</title>
<button id="go">Run</button><pre id="out"></pre>
<script type="module">
document.getElementById("go").addEventListener("click", async () => {
  window.benchStart = performance.now();
  const { loadPyodide } = await import("./assets/pyodide/pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL: new URL("./assets/pyodide/", location.href).href });
  pyodide.setStdout({ batched: (text) => {
    window.benchFirst ??= performance.now();
    document.getElementById("out").textContent += text;
  } });
  pyodide.runPython('x = 21\\nprint("hello", x * 2)');
});
</script>
"""

# Installed before the page's scripts: timestamps of clicks and of the first output per block.
PROBE = """
window.benchLongTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.benchLongTasks.push({start: entry.startTime, duration: entry.duration});
  }
}).observe({type: "longtask", buffered: true});
window.benchMark = (title) => {
  const block = [...document.querySelectorAll(".livedemo")]
    .find((b) => b.querySelector(".livedemo-title")?.textContent === title);
  const output = block.querySelector(".livedemo-output");
  const marks = {click: null, first: null, settled: null};
  block.querySelector(".livedemo-run").addEventListener("click", () => {
    marks.click = performance.now(); marks.first = null; marks.settled = null;
  }, {capture: true});
  new MutationObserver(() => {
    if (marks.click !== null && marks.first === null && output.dataset.origin === "live"
        && output.querySelector(".livedemo-stream")) marks.first = performance.now();
  }).observe(output, {subtree: true, childList: true, characterData: true});
  const status = block.querySelector(".livedemo-status");
  new MutationObserver(() => {
    if (marks.click !== null && marks.settled === null
        && ["done", "error"].includes(status.dataset.state)) marks.settled = performance.now();
  }).observe(status, {attributes: true, subtree: true, childList: true});
  return marks;
};
window.benchMarks = {};
window.benchWatch = (title) => { window.benchMarks[title] = window.benchMark(title); };
"""


def build_site(target: Path) -> Path:
    subprocess.run(["npm", "run", "--silent", "build"], cwd=ROOT, check=True)
    config = ROOT / "tests" / "fixtures" / "demo-site" / "mkdocs.yml"
    site = target / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   cwd=config.parent, check=True, capture_output=True)
    (site / "bare.html").write_text(BARE_PAGE, encoding="utf-8")
    return site


def new_page(browser: Browser) -> Page:
    context = browser.new_context()
    context.route("https://**/*", lambda route: route.abort())
    context.add_init_script(PROBE)
    return context.new_page()


def click_run(page: Page, title: str, timeout: float = 60_000) -> dict[str, float]:
    """Click Run on a block; return its in-page marks (ms) once it settles."""
    page.evaluate("title => window.benchWatch(title)", title)
    page.locator(".livedemo").filter(
        has=page.locator(".livedemo-title").get_by_text(title, exact=True)
    ).locator(".livedemo-run").click()
    page.wait_for_function("t => window.benchMarks[t].settled !== null", arg=title, timeout=timeout)
    return page.evaluate("t => window.benchMarks[t]", title)


def longest_task(page: Page, since: float, until: float) -> float:
    tasks = page.evaluate("window.benchLongTasks")
    overlapping = [t["duration"] for t in tasks if t["start"] + t["duration"] >= since and t["start"] <= until]
    return max(overlapping, default=0.0)


def bytes_before_intent(browser: Browser, url: str) -> tuple[int, int, int]:
    page = new_page(browser)
    page.goto(url + "demos/", wait_until="networkidle")
    sizes = page.evaluate("""() => [performance.getEntriesByType('navigation')[0],
        ...performance.getEntriesByType('resource')].map(e => [e.name, e.transferSize])""")
    page.context.close()
    total = sum(size for _, size in sizes)
    runtime = sum(size for name, size in sizes if "/assets/pyodide/" in name or name.endswith("/worker.js"))
    return total, runtime, len(sizes)


def bare_first_output(page: Page) -> float:
    page.evaluate("window.benchFirst = undefined")
    page.locator("#go").click()
    page.wait_for_function("window.benchFirst !== undefined", timeout=60_000)
    return page.evaluate("window.benchFirst - window.benchStart")


def measure(browser: Browser, url: str, repeat: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {}
    add = lambda key, value: results.setdefault(key, []).append(value)  # noqa: E731
    for _ in range(repeat):
        # Bare Pyodide: cold, then warm (reload in the same context).
        page = new_page(browser)
        page.goto(url + "bare.html", wait_until="load")
        add("bare_cold", bare_first_output(page))
        page.reload(wait_until="load")
        add("bare_warm", bare_first_output(page))
        page.context.close()

        # Live demos: cold first run, second run, long output, plot, Stop → usable again.
        page = new_page(browser)
        page.goto(url + "demos/", wait_until="load")
        marks = click_run(page, "Hello")
        add("demo_cold", marks["first"] - marks["click"])
        add("longtask_first_run", longest_task(page, marks["click"], marks["settled"]))
        marks = click_run(page, "Hello")
        add("second_run", marks["first"] - marks["click"])
        marks = click_run(page, "Long output")
        add("longtask_long_output", longest_task(page, marks["click"], marks["settled"]))
        marks = click_run(page, "Plot")
        page.wait_for_selector(".livedemo-plot-view svg")
        add("longtask_plot", longest_task(page, marks["click"], page.evaluate("performance.now()")))
        marks = click_run(page, "Progress")
        add("longtask_progress", longest_task(page, marks["click"], marks["settled"]))

        forever = page.locator(".livedemo").filter(has=page.locator(".livedemo-title").get_by_text("Forever", exact=True))
        page.evaluate("window.benchWatch('Forever')")
        forever.locator(".livedemo-run").click()
        forever.locator(".livedemo-status").get_by_text("Running…").wait_for()
        page.wait_for_timeout(300)
        stop_at = page.evaluate("performance.now()")
        forever.locator(".livedemo-stop").click()
        page.wait_for_function("window.benchMarks['Forever'].settled !== null")
        add("stop_to_stopped", page.evaluate("window.benchMarks['Forever'].settled") - stop_at)
        marks = click_run(page, "Hello")
        add("stop_to_output", marks["first"] - stop_at)
        add("restart_run", marks["first"] - marks["click"])

        # Warm: the same context, page reloaded (HTTP cache and compiled wasm cache warm).
        page.reload(wait_until="load")
        marks = click_run(page, "Hello")
        add("demo_warm", marks["first"] - marks["click"])
        page.context.close()
    return results


def second_runs(browser: Browser, url: str, repeat: int) -> None:
    """Only the second-run figure: click → first output of a block run again on the same page,
    for a block without packages and for the numpy block (with numpy's ~150 modules imported,
    the most the isolation compares after each run; runner.py, isolation.py)."""
    page = new_page(browser)
    page.goto(url + "demos/", wait_until="load")
    times: dict[str, list[float]] = {"Hello": [], "Numpy": []}
    for title in times:
        click_run(page, title)  # the first run (loads Python, numpy)
        for _ in range(repeat):
            marks = click_run(page, title)
            times[title].append(marks["first"] - marks["click"])
    page.context.close()
    print(f"Second run, same page (click → first output), Chromium {CHROMIUM}, {repeat} runs each\n")
    for title, values in times.items():
        print(f"  {title:<6} median {statistics.median(values):.1f} ms, "
              f"min {min(values):.1f} ms, max {max(values):.1f} ms  (goal ≤ 100 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="measurements per figure (median shown)")
    parser.add_argument("--second-run-only", action="store_true", help="measure only the second run")
    args = parser.parse_args()
    if args.second_run_only:
        with tempfile.TemporaryDirectory() as tmp:
            site = build_site(Path(tmp))
            with serve(site) as url, sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                second_runs(browser, url, args.repeat)
                browser.close()
        return
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(Path(tmp))
        with serve(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            total, runtime, count = bytes_before_intent(browser, url)
            results = measure(browser, url, args.repeat)
            browser.close()

    med = {key: statistics.median(values) for key, values in results.items()}
    rows = [
        ("bytes before intent (demo page)", f"{total / 1e3:.0f} kB in {count} requests", "-"),
        ("  of which Python runtime", f"{runtime} B", "0 B"),
        ("click → first output, cold", f"{med['demo_cold']:.0f} ms", f"≤ {1.15 * med['bare_cold']:.0f} ms"),
        ("  bare loadPyodide + run, cold", f"{med['bare_cold']:.0f} ms", "-"),
        ("  ratio, cold", f"{med['demo_cold'] / med['bare_cold']:.2f}×", "≤ 1.15×"),
        ("click → first output, warm", f"{med['demo_warm']:.0f} ms", f"≤ {1.15 * med['bare_warm']:.0f} ms"),
        ("  bare loadPyodide + run, warm", f"{med['bare_warm']:.0f} ms", "-"),
        ("  ratio, warm", f"{med['demo_warm'] / med['bare_warm']:.2f}×", "≤ 1.15×"),
        ("second run, same page", f"{med['second_run']:.1f} ms", "≤ 100 ms"),
        ("Stop → stopped", f"{med['stop_to_stopped']:.0f} ms", "-"),
        ("Stop → next run's output (fresh worker)", f"{med['stop_to_output']:.0f} ms", "-"),
        ("longest main-thread task: first run, loading", _task(med["longtask_first_run"]), "< 50 ms"),
        ("longest main-thread task: 1,200 lines", _task(med["longtask_long_output"]), "< 50 ms"),
        ("longest main-thread task: progress bar", _task(med["longtask_progress"]), "< 50 ms"),
        ("longest main-thread task: first plot", _task(med["longtask_plot"]), "< 50 ms"),
    ]
    width = max(len(name) for name, _, _ in rows)
    print(f"Live demos, Chromium {CHROMIUM}, median of {args.repeat}\n")
    print(f"{'measure':<{width}}  {'value':>22}  goal")
    print(f"{'-' * width}  {'-' * 22}  {'-' * 10}")
    for name, value, goal in rows:
        print(f"{name:<{width}}  {value:>22}  {goal}")


def _task(ms: float) -> str:
    return "none ≥ 50 ms" if ms == 0 else f"{ms:.0f} ms"


if __name__ == "__main__":
    main()
