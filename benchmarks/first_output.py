"""How soon a reader gets a demo's first output: this site, a bare page, markdown-exec's fence.

Three pages with the same block, `print("total", sum(range(10)))`, served from 127.0.0.1 (gzip
for text, as GitHub Pages does) and measured in Debian's Chromium, interleaved run by run:

- this site: a page built with the livedemo extension and its MkDocs adapter (runtime loaded on intent, in a worker);
- bare: a page that, on click, imports the same self-hosted Pyodide, loads the block's
  packages and runs the code on the main thread (the least any page can do);
- markdown-exec: a page built with markdown-exec's `pyodide` fence (installed from PyPI into
  .cache/benchmarks/, its ace and highlight.js assets from npm, its CDN URLs pointed at local
  copies and at the same self-hosted Pyodide). It boots Pyodide eagerly on every page load and
  its Run only works once Python is up, so the impatient reader clicks again until it does.

Rows (median [min–max] of --repeat runs, each in a fresh browser context):
- impatient reader: navigation → first output, pressing Run as soon as it shows;
- click → output, cold (empty cache), after the page sat idle for 10 s;
- returning reader: the same, with the HTTP cache warm (the page was visited before);
- the longest main-thread task from navigation to output (PerformanceObserver "longtask";
  "<50" when none reached 50 ms).
Then the same for a numpy block (this site and bare; markdown-exec installs packages with
micropip from PyPI at run time, which needs the network). Ratios are this site / the others.

    .venv/bin/python benchmarks/first_output.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the livedemo package, not the test folder of that name
sys.path.append(str(ROOT / "tests"))

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from browsing import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402  (the test suite's server)
from livedemo import lockfile  # noqa: E402

TOOLS = ROOT / ".cache" / "benchmarks" / "markdown-exec"
MARKDOWN_EXEC = "markdown-exec==1.12.6"
MICROPIP = "micropip==0.11.1"
NPM_ASSETS = ["ace-builds@1.16.0", "@highlightjs/cdn-assets@11.7.0", "highlightjs-themes@1.0.0"]
CODE = 'print("total", sum(range(10)))'
NUMPY_CODE = 'import numpy as np\nprint("total", int(np.arange(10).sum()))'
EXPECTED = "total 45"
IDLE_MS = 10_000

OURS_PAGE = f"""# First output

```pyodide title="Stdlib" run="live-only"
{CODE}
```

```pyodide title="Numpy" packages="numpy" run="live-only"
{NUMPY_CODE}
```
"""

MARKDOWN_EXEC_PAGE = f"""# First output

```pyodide
{CODE}
```
"""

BARE_PAGE = """<!doctype html><html lang="en"><meta charset="utf-8"><title>bare</title>
<button id="go">Run</button><pre id="out"></pre>
<script type="module">
const packages = new URLSearchParams(location.search).getAll("package");
const code = new URLSearchParams(location.search).get("code");
document.getElementById("go").addEventListener("click", async () => {
  const { loadPyodide } = await import("./assets/pyodide/pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL: new URL("./assets/pyodide/", location.href).href });
  if (packages.length) await pyodide.loadPackage(packages);
  pyodide.setStdout({ batched: (text) => { document.getElementById("out").textContent += text; } });
  pyodide.runPython(code);
}, { once: true });
</script>
"""

# Installed in every page: when the first output showed, and the long tasks.
PROBE = """
window.bench = { tasks: [], output: null };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.bench.tasks.push(entry.duration);
}).observe({ type: "longtask", buffered: true });
new MutationObserver(() => {
  if (window.bench.output !== null) return;
  const text = [...document.querySelectorAll(
    ".livedemo-output[data-origin=live] pre.livedemo-stream, .pyodide-output, #out")]
    .map((el) => el.textContent).join("");
  if (text.includes("total 45")) window.bench.output = performance.now();
}).observe(document, { subtree: true, childList: true, characterData: true });
"""

SITES = {
    "this site": {"run": "#livedemo-first-index-1 .livedemo-run", "page": "first/"},
    "bare page": {"run": "#go", "page": "bare.html"},
    "markdown-exec": {"run": ".pyodide-clickable[id$=run]", "page": "first/"},
}


def _mkdocs(project: Path, site: Path, env: dict | None = None) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=project, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


def build_ours(work: Path) -> Path:
    project = work / "ours"
    (project / "docs" / "first").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Benchmark\n")
    (project / "docs" / "first" / "index.md").write_text(OURS_PAGE)
    (project / "mkdocs.yml").write_text(
        "site_name: First output\ntheme: {name: material, font: false}\n"
        "plugins:\n  - livedemo\n"
        "markdown_extensions:\n  - pymdownx.superfences\n  - livedemo.extension:\n"
        f"      demos_dir: {ROOT / 'demos'}\n      demo_package: {ROOT / 'demos'}\n"
        f"      pyodide_dir: {ROOT / 'node_modules' / 'pyodide'}\n"
        f"      vendored_wheels: {ROOT / 'vendor' / 'pyodide-wheels'}\n      cache_dir: ''\n"
    )
    site = work / "ours-site"
    _mkdocs(project, site)
    (site / "bare.html").write_text(BARE_PAGE)  # the bare page uses the same self-hosted Pyodide
    return site


def build_markdown_exec(work: Path, ours: Path) -> Path:
    python_dir, npm_dir = TOOLS / "python", TOOLS / "npm"
    if not (python_dir / "markdown_exec").is_dir():
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(python_dir),
                        MARKDOWN_EXEC], check=True)
    if not (npm_dir / "node_modules" / "ace-builds").is_dir():
        npm_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(npm_dir), "--no-audit", "--no-fund", "--loglevel=error",
                        *NPM_ASSETS], check=True)
    project = work / "markdown-exec"
    (project / "docs" / "first").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Benchmark\n")
    (project / "docs" / "first" / "index.md").write_text(MARKDOWN_EXEC_PAGE)
    (project / "mkdocs.yml").write_text(
        "site_name: First output\ntheme: {name: material, font: false}\n"
        "plugins:\n  - markdown-exec\n"
        "markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n"
        "        - name: pyodide\n          class: pyodide\n"
        "          validator: !!python/name:markdown_exec.validator\n"
        "          format: !!python/name:markdown_exec.formatter\n"
    )
    site = work / "markdown-exec-site"
    _mkdocs(project, site, {"PYTHONPATH": str(python_dir)})
    # Its assets come from CDNs: serve local copies of the same files instead.
    local = site / "local"
    modules = npm_dir / "node_modules"
    shutil.copytree(modules / "ace-builds" / "src-min-noconflict", local / "ace")
    shutil.copy(modules / "@highlightjs" / "cdn-assets" / "highlight.min.js", local / "highlight.min.js")
    for theme in ("tomorrow", "tomorrow-night-blue"):  # jsDelivr minifies *.css into *.min.css itself
        shutil.copy(modules / "highlightjs-themes" / f"{theme}.css", local / f"{theme}.min.css")
    shutil.copytree(ours / "assets" / "pyodide", local / "pyodide")
    shutil.copy(ROOT / "node_modules" / "pyodide" / "pyodide.js", local / "pyodide" / "pyodide.js")
    # Its loader installs micropip on every page (an unknown package would make it give up):
    # micropip's wheel from PyPI, added to that copy's lock with the same tool as ours.
    wheels = TOOLS / "wheels"
    if not list(wheels.glob("micropip-*.whl")):
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(wheels), MICROPIP], check=True)
    micropip = next(wheels.glob("micropip-*.whl"))
    shutil.copy(micropip, local / "pyodide" / micropip.name)
    lock = local / "pyodide" / "pyodide-lock.json"
    lockfile.add_wheels(lock, [local / "pyodide" / micropip.name], lock)
    page = site / "first" / "index.html"
    html = page.read_text(encoding="utf-8")
    for cdn, path in (
        ("https://cdnjs.cloudflare.com/ajax/libs/ace/1.16.0/ace.js", "/local/ace/ace.js"),
        ("https://cdnjs.cloudflare.com/ajax/libs/highlight.js/11.7.0/highlight.min.js", "/local/highlight.min.js"),
        ("https://cdn.jsdelivr.net/npm/highlightjs-themes@1.0.0/", "/local/"),
    ):
        html = html.replace(cdn, path)
    import re

    html, pyodide_links = re.subn(r"https://cdn\.jsdelivr\.net/pyodide/v[\d.]+/full/pyodide\.js", "/local/pyodide/pyodide.js", html)
    if pyodide_links != 1 or "cdn" in html.split("<body", 1)[1].lower():
        raise SystemExit("markdown-exec's page changed: update the asset rewriting in this benchmark")
    page.write_text(html, encoding="utf-8")
    return site


def measure(browser: Browser, url: str, run_selector: str, *, idle: bool, context=None) -> tuple[float, float]:
    """(ms to the first output, from navigation or from the click; longest task in ms)."""
    own = context is None
    context = context or browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(PROBE)
    context.route("https://**/*", lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto(url, wait_until="commit")
        run = page.locator(run_selector).first
        run.wait_for(timeout=60_000)
        if idle:
            page.wait_for_load_state("load")
            page.wait_for_timeout(IDLE_MS)
            page.evaluate("window.bench.tasks = []")
        clicked = page.evaluate("performance.now()")
        deadline = time.monotonic() + 120
        while page.evaluate("window.bench.output") is None:  # click again while Run does nothing yet
            if time.monotonic() > deadline:
                raise SystemExit(f"no output at {url}")
            run.click()
            for _ in range(10):
                if page.evaluate("window.bench.output") is not None:
                    break
                page.wait_for_timeout(50)
        output = page.evaluate("window.bench.output")
        tasks = page.evaluate("window.bench.tasks")
        return (output - clicked if idle else output), max(tasks, default=0)
    finally:
        if own:
            context.close()


def spread(values: list[float], unit: str) -> str:
    if unit == "s":
        return f"{statistics.median(values) / 1000:.2f} s [{min(values) / 1000:.2f}–{max(values) / 1000:.2f}]"
    shown = lambda v: "<50" if v == 0 else f"{v:.0f}"  # noqa: E731 - the longtask floor
    return f"{shown(statistics.median(values))} ms [{shown(min(values))}–{shown(max(values))}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="first-output-") as tmp:
        ours = build_ours(Path(tmp))
        theirs = build_markdown_exec(Path(tmp), ours)
        with serve(ours, compress=True) as ours_url, serve(theirs, compress=True) as theirs_url, \
                sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            bases = {"this site": ours_url, "bare page": ours_url, "markdown-exec": theirs_url}
            cases = [(name, "stdlib", f"?code={CODE}" if name == "bare page" else "") for name in SITES]
            cases += [("this site", "numpy", ""), ("bare page", "numpy", f"?package=numpy&code={NUMPY_CODE}")]
            for _ in range(args.repeat):
                for name, kind, query in cases:
                    spec = SITES[name]
                    url = bases[name] + spec["page"] + query.replace("\n", "%0A")
                    selector = spec["run"]
                    if name == "this site":  # the fence names blocks by page and position
                        selector = f"#livedemo-first-index-{2 if kind == 'numpy' else 1} .livedemo-run"
                    row = rows.setdefault(f"{name}, {kind}", {})
                    impatient, impatient_tasks = measure(browser, url, selector, idle=False)
                    cold, cold_tasks = measure(browser, url, selector, idle=True)
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    measure(browser, url, selector, idle=False, context=context)  # the first visit
                    warm, _ = measure(browser, url, selector, idle=True, context=context)
                    context.close()
                    for key, value in (("impatient", impatient), ("cold", cold), ("warm", warm),
                                       ("tasks", max(impatient_tasks, cold_tasks))):
                        row.setdefault(key, []).append(value)
            browser.close()
    print(f"First output, median [min–max] of {args.repeat} interleaved runs; Chromium {CHROMIUM}; "
          f"block: {CODE!r} (and a numpy one); load {os.getloadavg()[0]:.2f}")
    labels = {"impatient": "impatient: navigation → output", "cold": "click → output, cold, idle first",
              "warm": "returning (cache warm): click → output", "tasks": "longest main-thread task"}
    names = list(rows)
    print(f"{'':<42}" + "".join(f"{n:>30}" for n in names))
    for key, label in labels.items():
        print(f"{label:<42}" + "".join(f"{spread(rows[n][key], 'ms' if key == 'tasks' else 's'):>30}" for n in names))
    print("\nratios of medians, this site / other")
    for kind in ("stdlib", "numpy"):
        for other in ("bare page", "markdown-exec"):
            if f"{other}, {kind}" not in rows:
                continue
            ratio = "  ".join(
                f"{key} {statistics.median(rows[f'this site, {kind}'][key]) / statistics.median(rows[f'{other}, {kind}'][key]):.2f}×"
                for key in ("impatient", "cold", "warm"))
            print(f"  {kind}, vs {other}: {ratio}")


if __name__ == "__main__":
    main()
