"""How soon a reader gets a demo's first output, on loopback and on a phone's network.

Pages with the same blocks, `print("total", sum(range(10)))` and a numpy one, measured in
Debian's Chromium, interleaved run by run:

- this site: a page built now with the livedemo extension and its MkDocs adapter (runtime
  loaded on intent, in a worker), its options taken from the repository's mkdocs.yml;
- bare page: a page that, on click, imports Pyodide, loads the block's packages and runs the
  code on the main thread (the least any page can do), from a folder of its own holding the
  files AS PYODIDE PUBLISHES THEM: the runtime files of node_modules/pyodide, Pyodide's own
  lock with numpy pointed at the vendored wheel of vendor/pyodide-wheels/ (`pyodide lockfile
  add-wheels`, as the site's lock is made), never the site's assets/pyodide;
- baseline (with `--baseline-site DIR`, e.g. /work/baseline-site built from main a9e0557): the
  same page as "this site", with DIR's front end (assets/livedemo/) and runtime files
  (assets/pyodide/) in place of today's, so before and after come from one run;
- markdown-exec (stdlib block only): a page built with markdown-exec's `pyodide` fence
  (installed from PyPI into .cache/benchmarks/, its ace and highlight.js assets from npm, its
  CDN URLs pointed at local copies and at the site's Pyodide). It boots Pyodide eagerly on
  every page load and its Run only works once Python is up, so the impatient reader clicks
  again until it does.

Every page is served as GitHub Pages serves it (benchmarks/pages_host.py: gzip on the fly for
text types and for application/wasm, never for zip or wheels; max-age=600 and ETags), and the
server counts every byte it sends, the Web Worker's downloads included.

Network profiles (`--profiles`), applied alike to every page with Chromium's
`Network.emulateNetworkConditions` (DevTools protocol) before navigation:

- loopback: no emulation;
- 4g: 9 Mbit/s down, 1.5 Mbit/s up, 60 ms round trip (DevTools' "Fast 4G");
- slow: 1.6 Mbit/s down, 0.75 Mbit/s up, 150 ms round trip (DevTools' "Slow 4G").

Checked on Chromium 156 before relying on it: the emulation set on the page's session also
throttles its dedicated worker's fetches, and page and worker share one bandwidth (1 MB
fetched by the page and 2 MB by its worker at once took 14.5 s each at 200 KB/s; plain,
0.2 s). The delay is per request (DevTools adds the round trip to every response), not a TCP
model: connection set-up and slow start are not simulated.

Rows (median [min–max] of the runs, each in a fresh browser context), each time with the
median bytes on the wire from navigation to the first output beside it:
- impatient reader: navigation → first output, pressing Run as soon as it shows;
- click → output, cold (empty cache), after the page sat idle for 10 s;
- returning reader: the same, with the HTTP cache (and the site's snapshot) warm: the page was
  visited before, within max-age;
- the longest main-thread task from navigation to output (PerformanceObserver "longtask";
  "<50" when none reached 50 ms).
By default the network profiles measure the impatient reader only (`--measures` changes it).
Then one run's downloads of each page, file by file, and last the issue's goals (#24), each
with its measured value, met or missed.

    .venv/bin/python benchmarks/first_output.py [--profiles loopback,4g,slow] [--repeat N|loopback=5,slow=1]
        [--pages site,bare,baseline,markdown-exec] [--blocks stdlib,numpy]
        [--measures impatient,cold,warm] [--baseline-site DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the livedemo package, not the test folder of that name
sys.path.append(str(ROOT / "tests"))
sys.path.append(str(ROOT / "benchmarks"))

from playwright.sync_api import Browser, BrowserContext, sync_playwright  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from browsing import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from livedemo import lockfile  # noqa: E402
from pages_host import Response, Traffic, serve  # noqa: E402

TOOLS = ROOT / ".cache" / "benchmarks" / "markdown-exec"
MARKDOWN_EXEC = "markdown-exec==1.12.6"
MICROPIP = "micropip==0.11.1"
NPM_ASSETS = ["ace-builds@1.16.0", "@highlightjs/cdn-assets@11.7.0", "highlightjs-themes@1.0.0"]
CODE = 'print("total", sum(range(10)))'
NUMPY_CODE = 'import numpy as np\nprint("total", int(np.arange(10).sum()))'
EXPECTED = "total 45"
IDLE_MS = 10_000
# Every other host unreachable (a page must not depend on one). Not Playwright's context.route,
# which would turn the HTTP cache off and so make the returning reader download everything.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
PYODIDE_RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
PATH_OPTIONS = ("docs_dir", "demos_dir", "demo_package", "pyodide_dir", "vendored_wheels", "extra_wheels",
                "cache_dir", "assets_dir")


@dataclass(frozen=True)
class Profile:
    """A network as Chromium emulates it; None: loopback, no emulation."""

    name: str
    latency_ms: float | None = None
    down_mbit: float = 0
    up_mbit: float = 0
    default_repeat: int = 3

    def describe(self) -> str:
        if self.latency_ms is None:
            return f"{self.name}: no emulation"
        return f"{self.name}: {self.down_mbit:g} Mbit/s down, {self.up_mbit:g} up, {self.latency_ms:g} ms round trip"


PROFILES = {
    "loopback": Profile("loopback", default_repeat=5),
    "4g": Profile("4g", 60, 9, 1.5),
    "slow": Profile("slow", 150, 1.6, 0.75),
}
MEASURES = ("impatient", "cold", "warm")
PAGES = ("site", "bare", "baseline", "markdown-exec")
LABELS = {"site": "this site", "bare": "bare page", "baseline": "baseline", "markdown-exec": "markdown-exec"}

OURS_PAGE = f"""# First output

```pyodide title="Stdlib" run="live-only"
{CODE}
```

```pyodide title="Numpy" packages="numpy" run="live-only"
{NUMPY_CODE.replace(chr(92) + "n", chr(10))}
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
  const { loadPyodide } = await import("./pyodide/pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", location.href).href });
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


def _mkdocs(project: Path, site: Path, env: dict | None = None) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=project, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml's !ENV and !!python/name tags read as plain values (only paths matter here)."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTag.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def site_options() -> dict:
    """The repository's livedemo.extension options, paths made absolute, so that the page
    measured is built as the site is (a branch that adds an option is measured with it)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)
    options: dict = {}
    for entry in config.get("markdown_extensions", []):
        if isinstance(entry, dict) and "livedemo.extension" in entry:
            options = {k: v for k, v in (entry["livedemo.extension"] or {}).items() if v is not None}
    for name in PATH_OPTIONS:
        if isinstance(options.get(name), str) and options[name]:
            options[name] = str((ROOT / options[name]).absolute())
    return options


def build_ours(work: Path) -> Path:
    project = work / "ours"
    (project / "docs" / "first").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Benchmark\n")
    (project / "docs" / "first" / "index.md").write_text(OURS_PAGE)
    options = {**site_options(), "demos_dir": str(ROOT / "demos"), "demo_package": str(ROOT / "demos"),
               "pyodide_dir": site_options().get("pyodide_dir", str(ROOT / "node_modules" / "pyodide")),
               "cache_dir": "", "docs_dir": "docs"}
    (project / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "First output", "theme": {"name": "material", "font": False},
        "plugins": ["livedemo"],
        "markdown_extensions": ["pymdownx.superfences", {"livedemo.extension": options}],
    }))
    site = work / "ours-site"
    _mkdocs(project, site)
    return site


def build_bare(work: Path) -> Path:
    """The bare page's own folder: Pyodide's files as its npm package ships them, the vendored
    numpy wheel, and Pyodide's own lock with numpy pointed at that wheel."""
    folder = work / "bare-site"
    runtime = folder / "pyodide"
    runtime.mkdir(parents=True)
    npm = Path(site_options().get("pyodide_dir", str(ROOT / "node_modules" / "pyodide")))
    for name in PYODIDE_RUNTIME:
        shutil.copy(npm / name, runtime / name)
    wheels = [shutil.copy(wheel, runtime / wheel.name) for wheel in sorted((ROOT / "vendor" / "pyodide-wheels").glob("*.whl"))]
    lockfile.add_wheels(npm / "pyodide-lock.json", [Path(w) for w in wheels], runtime / "pyodide-lock.json")
    (runtime / "pyodide-lock.abi-view.json").unlink(missing_ok=True)
    (folder / "index.html").write_text(BARE_PAGE)
    return folder


def build_baseline(work: Path, ours: Path, baseline: Path) -> Path:
    """This site's page with ``baseline``'s front end and runtime files (a site built earlier),
    without this build's modulepreload links (they name this build's chunks, and the adapter
    adds them only when the front end's build lists them: livedemo/modulepreload.py)."""
    folder = work / "baseline-site"
    shutil.copytree(ours, folder)
    for page in folder.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r'<link rel="modulepreload" href="[^"]*">', "", html), encoding="utf-8")
    for part in ("livedemo", "pyodide"):
        if not (baseline / "assets" / part).is_dir():
            raise SystemExit(f"--baseline-site {baseline}: no assets/{part}/ there (a built site is needed)")
        shutil.rmtree(folder / "assets" / part)
        shutil.copytree(baseline / "assets" / part, folder / "assets" / part)
    return folder


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

    html, pyodide_links = re.subn(r"https://cdn\.jsdelivr\.net/pyodide/v[\d.]+/full/pyodide\.js", "/local/pyodide/pyodide.js", html)
    if pyodide_links != 1 or "cdn" in html.split("<body", 1)[1].lower():
        raise SystemExit("markdown-exec's page changed: update the asset rewriting in this benchmark")
    page.write_text(html, encoding="utf-8")
    return site


@dataclass
class Run:
    """One measurement: the time (from navigation, or from the click when idle first), the
    longest main-thread task, and what the server sent from navigation to the output."""

    ms: float
    tasks: float
    responses: list[Response]
    navigated: float  # time.monotonic() just before navigation, for the waterfall

    @property
    def wire(self) -> int:
        return sum(r.wire for r in self.responses)


def emulate(context: BrowserContext, page, profile: Profile) -> None:
    """Apply ``profile`` to ``page`` (and so to its dedicated worker) before it navigates."""
    if profile.latency_ms is None:
        return
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": profile.latency_ms,
        "downloadThroughput": profile.down_mbit * 1e6 / 8, "uploadThroughput": profile.up_mbit * 1e6 / 8,
    })


SNAPSHOT_KEPT = ("caches.has('livedemo-python-snapshots').then((has) => has && "
                 "caches.open('livedemo-python-snapshots').then((c) => c.keys()).then((k) => k.length > 0))")


def stay_until_snapshot_kept(page) -> None:
    """A first visit of this site (or the baseline) stays until the memory snapshot is stored:
    a reader reads the output for a while, and a page closed at once would kill the worker
    that compresses it (under load that takes seconds), leaving the next visit without it."""
    deadline = time.monotonic() + 120
    while not page.evaluate(SNAPSHOT_KEPT):
        if time.monotonic() > deadline:
            raise SystemExit("the first visit kept no memory snapshot within 120 s")
        page.wait_for_timeout(200)


def measure(browser: Browser, url: str, run_selector: str, traffic: Traffic, profile: Profile, *, idle: bool,
            context: BrowserContext | None = None, before_close=None) -> Run:
    own = context is None
    context = context or browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(PROBE)  # no context.route: Playwright's routing turns the HTTP cache off
    try:
        page = context.new_page()
        emulate(context, page, profile)
        mark = traffic.mark()
        navigated = time.monotonic()
        page.goto(url, wait_until="commit")
        run = page.locator(run_selector).first
        run.wait_for(timeout=300_000)
        if idle:
            page.wait_for_load_state("load", timeout=300_000)
            page.wait_for_timeout(IDLE_MS)
            page.evaluate("window.bench.tasks = []")
        clicked = page.evaluate("performance.now()")
        deadline = time.monotonic() + 600
        while page.evaluate("window.bench.output") is None:  # click again while Run does nothing yet
            if time.monotonic() > deadline:
                raise SystemExit(f"no output at {url}")
            if run.is_enabled():  # ours disables Run (aria-disabled) while it loads and runs
                try:
                    run.click(timeout=5_000)
                except PlaywrightTimeout:
                    pass
            for _ in range(10):
                if page.evaluate("window.bench.output") is not None:
                    break
                page.wait_for_timeout(50)
        responses = traffic.since(mark)
        output = page.evaluate("window.bench.output")
        tasks = page.evaluate("window.bench.tasks")
        if before_close:
            before_close(page)
        return Run(output - clicked if idle else output, max(tasks, default=0), responses, navigated)
    finally:
        if own:
            context.close()
        else:
            page.close()  # a returning reader left the page: its worker is gone, the caches stay


def spread(values: list[float], unit: str) -> str:
    if unit == "s":
        return f"{statistics.median(values) / 1000:.2f} s [{min(values) / 1000:.2f}–{max(values) / 1000:.2f}]"
    shown = lambda v: "<50" if v == 0 else f"{v:.0f}"  # noqa: E731 - the longtask floor
    return f"{shown(statistics.median(values))} ms [{shown(min(values))}–{shown(max(values))}]"


def megabytes(n: float) -> str:
    return f"{n / 1e6:.2f} MB"


@dataclass(frozen=True)
class Case:
    page: str  # one of PAGES
    block: str  # "stdlib" or "numpy"

    @property
    def label(self) -> str:
        return f"{LABELS[self.page]}, {self.block}"


@dataclass
class Results:
    """profile → case → measure → runs."""

    runs: dict[str, dict[Case, dict[str, list[Run]]]] = field(default_factory=dict)

    def add(self, profile: str, case: Case, measure_name: str, run: Run) -> None:
        self.runs.setdefault(profile, {}).setdefault(case, {}).setdefault(measure_name, []).append(run)

    def get(self, profile: str, case: Case, measure_name: str) -> list[Run]:
        return self.runs.get(profile, {}).get(case, {}).get(measure_name, [])


def target(case: Case, urls: dict[str, str]) -> tuple[str, str]:
    """(URL, Run button selector) of a case."""
    if case.page == "bare":
        query = f"?code={CODE}" if case.block == "stdlib" else f"?package=numpy&code={NUMPY_CODE}"
        return urls["bare"] + query.replace("\n", "%0A"), "#go"
    if case.page == "markdown-exec":
        return urls["markdown-exec"] + "first/", ".pyodide-clickable[id$=run]"
    # this site and the baseline: the fence names blocks by page and position
    return urls[case.page] + "first/", f"#livedemo-first-index-{2 if case.block == 'numpy' else 1} .livedemo-run"


def run_case(browser: Browser, case: Case, urls: dict[str, str], traffic: Traffic, profile: Profile,
             measures: list[str], results: Results) -> None:
    url, selector = target(case, urls)
    if "impatient" in measures:
        results.add(profile.name, case, "impatient", measure(browser, url, selector, traffic, profile, idle=False))
    if "cold" in measures:
        results.add(profile.name, case, "cold", measure(browser, url, selector, traffic, profile, idle=True))
    if "warm" in measures:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            stay = stay_until_snapshot_kept if case.page in ("site", "baseline") else None
            measure(browser, url, selector, traffic, profile, idle=False, context=context, before_close=stay)  # first visit
            results.add(profile.name, case, "warm",
                        measure(browser, url, selector, traffic, profile, idle=True, context=context))
        finally:
            context.close()


MEASURE_LABELS = {"impatient": "impatient: navigation → output", "cold": "click → output, cold, idle first",
                  "warm": "returning: click → output", "tasks": "longest main-thread task"}


def print_profile(results: Results, profile: Profile, cases: list[Case], measures: list[str], repeat: int) -> None:
    print(f"\n## {profile.describe()}; median [min–max] of {repeat} interleaved runs, "
          "bytes on the wire from navigation to the output (median)")
    columns = [MEASURE_LABELS[m] for m in measures] + [MEASURE_LABELS["tasks"]]
    print(f"{'':<24}" + "".join(f"{c:>46}" for c in columns[:-1]) + f"{columns[-1]:>28}")
    for case in cases:
        cells = []
        all_tasks: list[float] = []
        for name in measures:
            runs = results.get(profile.name, case, name)
            all_tasks += [r.tasks for r in runs if name != "warm"]
            cells.append(f"{spread([r.ms for r in runs], 's')} · {megabytes(statistics.median(r.wire for r in runs))}")
        print(f"{case.label:<24}" + "".join(f"{c:>46}" for c in cells)
              + f"{spread(all_tasks, 'ms') if all_tasks else '':>28}")
    for mine, other in (("site", "bare"), ("site", "baseline"), ("site", "markdown-exec")):
        for block in ("stdlib", "numpy"):
            a, b = Case(mine, block), Case(other, block)
            if b not in cases or a not in cases:
                continue
            ratios = "  ".join(
                f"{m} {statistics.median(r.ms for r in results.get(profile.name, a, m)) / statistics.median(r.ms for r in results.get(profile.name, b, m)):.2f}×"
                for m in measures)
            print(f"  ratio of medians, {block}, this site / {LABELS[other]}: {ratios}")


def print_breakdown(results: Results, profiles: list[str], cases: list[Case]) -> None:
    print("\n## One run's downloads, navigation → output (the first measured run of each case), file by file, "
          "in the order requested (ms after navigation, as the server saw them)")
    for case in cases:
        for profile in profiles:
            runs = next((results.get(profile, case, m) for m in MEASURES if results.get(profile, case, m)), [])
            if runs:
                break
        else:
            continue
        run = runs[0]
        print(f"\n{case.label} ({profile}): {len(run.responses)} responses, {megabytes(run.wire)} on the wire")
        print(f"  {'requested at':>12}  {'on the wire':>14}  file")
        for r in run.responses:  # in the order the server received them: the waterfall
            note = f"{r.encoding or 'identity'}, file {r.size:,} B" if r.status == 200 else f"status {r.status}"
            at = (r.started - run.navigated) * 1000
            print(f"  {at:>9.0f} ms  {r.wire:>12,} B  {r.path:<70} {note}")


def print_goals(results: Results) -> None:
    """The goals of issue #24, each with its measured value, met or missed."""
    print("\n## Goals (issue #24)")

    def median_ms(profile: str, case: Case, name: str) -> float | None:
        runs = results.get(profile, case, name)
        return statistics.median(r.ms for r in runs) if runs else None

    site, bare = Case("site", "numpy"), Case("bare", "numpy")
    for profile in PROFILES:
        mine, theirs = median_ms(profile, site, "impatient"), median_ms(profile, bare, "impatient")
        if mine is None or theirs is None:
            print(f"- impatient, numpy, this site ≤ 0.8× bare page, {profile}: not measured")
            continue
        ratio = mine / theirs
        print(f"- impatient, numpy, this site ≤ 0.8× bare page, {profile}: {mine / 1000:.2f} s / {theirs / 1000:.2f} s "
              f"= {ratio:.2f}×: {'met' if ratio <= 0.8 else 'missed'}")
    wires = [statistics.median(r.wire for r in results.get(p, site, "impatient"))
             for p in PROFILES if results.get(p, site, "impatient")]
    if wires:
        print(f"- ≤ 8 MB before the first numpy output (impatient): {megabytes(max(wires))}: "
              f"{'met' if max(wires) <= 8e6 else 'missed'}")
    else:
        print("- ≤ 8 MB before the first numpy output: not measured")
    for name, limit, label in (("warm", 1000, "returning reader, click → numpy output ≤ 1.0 s, loopback"),
                               ("cold", 2500, "cold, page idle first, click → numpy output ≤ 2.5 s, loopback")):
        value = median_ms("loopback", site, name)
        if value is None:
            print(f"- {label}: not measured")
        else:
            print(f"- {label}: {value / 1000:.2f} s: {'met' if value <= limit else 'missed'}")


def repeats(option: str | None, profile: Profile) -> int:
    """Runs for ``profile`` from ``--repeat``: "3" for every profile, or "loopback=5,slow=1"."""
    if not option:
        return profile.default_repeat
    if "=" not in option:
        return int(option)
    given = dict(part.split("=", 1) for part in option.split(","))
    return int(given.get(profile.name, profile.default_repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profiles", default="loopback,4g,slow", help="from: " + ",".join(PROFILES))
    parser.add_argument("--repeat", default=None,
                        help="runs per profile: N for all, or e.g. loopback=5,slow=1 (default: "
                             + ", ".join(f"{p.name} {p.default_repeat}" for p in PROFILES.values()) + ")")
    parser.add_argument("--pages", default=",".join(PAGES), help="from: " + ",".join(PAGES) + " (baseline needs --baseline-site)")
    parser.add_argument("--blocks", default="stdlib,numpy")
    parser.add_argument("--measures", default=None,
                        help="from: impatient,cold,warm (default: all three on loopback, impatient on the network profiles)")
    parser.add_argument("--baseline-site", type=Path, default=None, help="a site built earlier, measured as the baseline page")
    args = parser.parse_args()
    profiles = [PROFILES[p] for p in args.profiles.split(",")]
    pages = [p for p in args.pages.split(",") if p in PAGES and (p != "baseline" or args.baseline_site)]
    blocks = args.blocks.split(",")
    cases = [Case(page, block) for block in blocks for page in pages if not (page == "markdown-exec" and block == "numpy")]
    results = Results()
    started = time.monotonic()
    traffic = Traffic()
    with tempfile.TemporaryDirectory(prefix="first-output-") as tmp:
        work = Path(tmp)
        roots = {"site": build_ours(work), "bare": build_bare(work)}
        if "baseline" in pages:
            roots["baseline"] = build_baseline(work, roots["site"], args.baseline_site)
        if "markdown-exec" in pages:
            roots["markdown-exec"] = build_markdown_exec(work, roots["site"])
        with serve(roots, traffic) as urls, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, OFFLINE])
            for profile in profiles:
                measures = args.measures.split(",") if args.measures else (
                    list(MEASURES) if profile.latency_ms is None else ["impatient"])
                repeat = repeats(args.repeat, profile)
                profile_started = time.monotonic()
                for _ in range(repeat):
                    for case in cases:
                        run_case(browser, case, urls, traffic, profile, measures, results)
                print_profile(results, profile, cases, measures, repeat)
                print(f"  ({profile.name}: {time.monotonic() - profile_started:.0f} s; load average "
                      f"{' '.join(f'{x:.2f}' for x in os.getloadavg())})", flush=True)
            browser.close()
    print_breakdown(results, [p.name for p in profiles], cases)
    print_goals(results)
    print(f"\nChromium {CHROMIUM}; blocks {CODE!r} and {NUMPY_CODE!r}; "
          f"baseline {args.baseline_site or 'none'}; {time.monotonic() - started:.0f} s in all; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min; 2 cores)")


if __name__ == "__main__":
    main()
