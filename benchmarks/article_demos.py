"""Each published demo's run time natively and live in Chromium, next to its time limit.

Builds the real site (strict, the project's mkdocs.yml; build-time outputs come from the
cache when warm), serves it on 127.0.0.1, and repeats, interleaved:

- native: every block's code, in page order with its session's namespace, through the same
  ``livedemo.runner.execute`` the build uses, under this CPython and numpy (plots and progress
  events are dropped, as a demo run with plain ``python`` would);
- live: a fresh Chromium context (empty cache) opens the page and presses Run on every block in
  page order; the time is the one the block reports ("Done in …": Python's run, measured in the
  worker, without the runtime's boot and downloads).

It prints medians with [min–max] and the headroom ``limit / live``: the goal is at least 4 for
every demo, since a reader's laptop or phone can be several times slower than this machine.
Run from the repository root:

    .venv/bin/python benchmarks/article_demos.py [--repeat 3] [--site built-site-dir]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

for _threads in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_threads, "1")  # one thread, like the browser (before numpy loads)

ROOT = Path(__file__).resolve().parents[1]
# The repository first: tests/ has a folder named livedemo that would shadow the real package.
sys.path[:0] = [str(ROOT), str(ROOT / "demos")]
sys.path.append(str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from browsing import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402  (the test suite's server)
from livedemo import display, runner  # noqa: E402

BLOCK = re.compile(
    r'<div class="livedemo" id="[^"]+" data-livedemo="([^"]*)">.*?<pre><code>(.*?)</code></pre>', re.S
)
DONE = re.compile(r"Done in ([\d.]+) (ms|s)")


@dataclass
class Demo:
    page: str  # URL path of the built page
    title: str
    options: dict
    code: str
    native: list[float] = field(default_factory=list)  # seconds
    live: list[float] = field(default_factory=list)


def build(site: Path) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    subprocess.run(command, cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def demos_of(site: Path) -> list[Demo]:
    """Every block of every built page (drafts are not built), in page order."""
    found = []
    for html in sorted(site.rglob("index.html")):
        text = html.read_text(encoding="utf-8")
        for options, code in BLOCK.findall(text):
            opts = json.loads(unescape(options))
            source = unescape(re.sub(r"<[^>]+>", "", code))
            path = html.relative_to(site).as_posix().removesuffix("index.html")
            found.append(Demo(path, opts.get("title") or "Python demo", opts, source))
    return found


def run_native(demos: list[Demo]) -> None:
    """One native pass over every page, sessions in page order."""
    previous = display.set_sink(lambda event: None)
    try:
        namespaces: dict[tuple[str, str], dict] = {}
        for demo in demos:
            session = demo.options.get("session")
            namespace = (
                namespaces.setdefault((demo.page, session), {"__name__": "__main__"})
                if session else {"__name__": "__main__"}
            )
            started = time.perf_counter()
            error = runner.execute(demo.code, namespace, filename=demo.title, on_output=lambda s, t: None)
            demo.native.append(time.perf_counter() - started)
            if error:
                raise SystemExit(f"{demo.page} “{demo.title}” raised natively:\n{error['traceback']}")
    finally:
        display.set_sink(previous)


def run_live(browser, url: str, demos: list[Demo]) -> None:
    """One live pass: a fresh context per page, Run pressed on every block in order."""
    for page_path in dict.fromkeys(d.page for d in demos):
        context = browser.new_context()
        context.route("https://**/*", lambda route: route.abort())
        try:
            page = context.new_page()
            page.goto(url + page_path, wait_until="load")
            blocks = page.locator(".livedemo")
            for index, demo in enumerate(d for d in demos if d.page == page_path):
                block = blocks.nth(index)
                block.locator(".livedemo-status").evaluate("el => { el.dataset.state = 'bench'; }")
                block.locator(".livedemo-run").click()
                settled = block.locator(".livedemo-status[data-state=done], .livedemo-status[data-state=error]")
                settled.wait_for(timeout=demo.options["timeout"] * 1000 + 120_000)
                status = block.locator(".livedemo-status").text_content() or ""
                match = DONE.search(status)
                if not match:
                    raise SystemExit(f"{page_path} “{demo.title}” did not finish live: {status}")
                value = float(match.group(1))
                demo.live.append(value / 1000 if match.group(2) == "ms" else value)
        finally:
            context.close()


def seconds(values: list[float]) -> str:
    median = statistics.median(values)
    if median < 1:
        return f"{median * 1000:.0f} ms [{min(values) * 1000:.0f}–{max(values) * 1000:.0f}]"
    return f"{median:.2f} s [{min(values):.2f}–{max(values):.2f}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="article-demos-") as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            build(site)
        demos = demos_of(site)
        with serve(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(args.repeat):
                run_native(demos)
                run_live(browser, url, demos)
            browser.close()
    import numpy

    print(f"Demo run times, median [min–max] of {args.repeat} interleaved runs; live = Chromium "
          f"{CHROMIUM}, Pyodide's numpy; native = CPython {sys.version.split()[0]}, numpy {numpy.__version__}")
    print(f"load: {os.getloadavg()[0]:.2f} (1-minute average at the end)")
    header = f"{'page / demo':<62} {'native':>24} {'live':>24} {'live/native':>11} {'limit':>6} {'limit/live':>10}"
    print(header)
    print("-" * len(header))
    for demo in demos:
        live = statistics.median(demo.live)
        ratio = live / statistics.median(demo.native) if statistics.median(demo.native) > 0 else float("nan")
        limit = demo.options["timeout"]
        name = f"/{demo.page} {demo.title}"[:62]
        print(f"{name:<62} {seconds(demo.native):>24} {seconds(demo.live):>24} {ratio:>10.1f}x "
              f"{limit:>5}s {limit / live:>9.0f}x" + ("" if limit / live >= 4 else "  < 4x"))


if __name__ == "__main__":
    main()
