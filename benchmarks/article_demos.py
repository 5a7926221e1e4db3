"""Each published demo's run time natively and live in Chromium, next to its time limit.

Builds the real site (strict, the project's mkdocs.yml; build-time outputs come from the
cache when warm), serves it on 127.0.0.1, and repeats, interleaved, over every published post
(found through the site's feed, oldest first, as ``post_page.py`` finds them; a post without
demos gets a row saying so) and then every other page with demos:

- native: every block's code, in page order with its session's namespace, through the same
  ``livedemo.runner.execute`` the build uses, under this CPython and numpy (plots and progress
  events are dropped, as a demo run with plain ``python`` would);
- live: a fresh Chromium context (empty cache) opens the page and presses Run on every block in
  page order; the time is the one the block reports ("Done in …": Python's run, measured in the
  worker, without the runtime's boot and downloads).

- before (``--before SITE``, optional): the same live pass on a site built from an earlier
  commit (its demos matched by page and title), in the same rounds, so that a change is
  measured side by side under the same load.

It prints medians with [min–max], the headroom ``limit / live`` (goal: at least 4 for every
demo, since a reader's laptop or phone can be several times slower than this machine) and
marks every demo over 10 s live (issue 24's goal: every article demo finishes live in ≤ 10 s).
A demo stopped at its time limit is shown as such, and the others are still measured.
Run from the repository root:

    .venv/bin/python benchmarks/article_demos.py [--repeat 3] [--site built-site-dir] [--before other-site-dir]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
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
from post_page import posts  # noqa: E402  (benchmarks/: the feed → post pages mapping)

BLOCK = re.compile(
    r'<div class="livedemo" id="[^"]+" data-livedemo="([^"]*)">.*?<pre><code>(.*?)</code></pre>', re.S
)
DONE = re.compile(r"Done in ([\d.]+) (ms|s)")
LIVE_GOAL_S = 10.0  # issue 24: every article demo finishes live in ≤ 10 s


@dataclass
class Demo:
    page: str  # URL path of the built page
    title: str
    options: dict
    code: str
    native: list[float] = field(default_factory=list)  # seconds
    live: list[float] = field(default_factory=list)  # math.inf: stopped at its time limit
    before: list[float] = field(default_factory=list)  # live on the --before site


def build(site: Path) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    subprocess.run(command, cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def blocks_of(site: Path, path: str) -> list[Demo]:
    """Every block of the built page at ``path`` (URL path in the site), in page order."""
    found = []
    for options, code in BLOCK.findall((site / path / "index.html").read_text(encoding="utf-8")):
        opts = json.loads(unescape(options))
        source = unescape(re.sub(r"<[^>]+>", "", code))
        found.append(Demo(path, opts.get("title") or "Python demo", opts, source))
    return found


def pages_of(site: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """(title, path) of every published post, from the feed, oldest first; then the paths of
    the other built pages with demos (drafts are not built). Pages that only repeat a post's
    excerpt (blog index, archive, categories) have no demo blocks and are not listed."""
    post_pages = posts(site)
    seen = {path for _, path in post_pages}
    others = []
    for html in sorted(site.rglob("index.html")):
        path = html.relative_to(site).as_posix().removesuffix("index.html")
        if path not in seen and BLOCK.search(html.read_text(encoding="utf-8")):
            others.append(path)
    return post_pages, others


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


def run_live(browser, url: str, demos: list[Demo], before: bool = False) -> None:
    """One live pass: a fresh context per page, Run pressed on every block in order; the times
    go to ``demo.before`` when ``before``. A block stopped at its time limit counts as inf."""
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
                times = demo.before if before else demo.live
                if match:
                    value = float(match.group(1))
                    times.append(value / 1000 if match.group(2) == "ms" else value)
                elif "time limit" in status:
                    times.append(math.inf)
                else:
                    raise SystemExit(f"{page_path} “{demo.title}” did not finish live: {status}")
        finally:
            context.close()


def seconds(values: list[float]) -> str:
    if not values:
        return "—"
    median = statistics.median(values)
    if math.isinf(median):
        return f"stopped ({sum(map(math.isinf, values))} of {len(values)})"
    if median < 1:
        return f"{median * 1000:.0f} ms [{min(values) * 1000:.0f}–{max(values) * 1000:.0f}]"
    return f"{median:.2f} s [{min(values):.2f}–{max(values):.2f}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--before", type=Path, help="a site built from an earlier commit, run live "
                        "in the same rounds (its demos matched by page and title)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="article-demos-") as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            build(site)
        post_pages, others = pages_of(site)
        demos = [demo for _, path in post_pages for demo in blocks_of(site, path)]
        demos += [demo for path in others for demo in blocks_of(site, path)]
        earlier = []
        if args.before:
            mine = {(d.page, d.title): d for d in demos}
            for _, path in posts(args.before):
                for old in blocks_of(args.before, path):
                    if (old.page, old.title) in mine:
                        earlier.append(mine[old.page, old.title])
        load_before = os.getloadavg()[0]
        with serve(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            with serve(args.before) if args.before else contextlib.nullcontext() as before_url:
                for _ in range(args.repeat):
                    run_native(demos)
                    run_live(browser, url, demos)
                    if args.before:
                        run_live(browser, before_url, earlier, before=True)
            browser.close()
    import numpy

    print(f"Demo run times, median [min–max] of {args.repeat} interleaved runs; live = Chromium "
          f"{CHROMIUM}, Pyodide's numpy; native = CPython {sys.version.split()[0]}, numpy {numpy.__version__}")
    print(f"load: {load_before:.2f} at the start, {os.getloadavg()[0]:.2f} at the end (1-minute averages, "
          f"{os.cpu_count()} CPUs)")
    print(f"{len(post_pages)} published posts (feed), {sum(1 for _, p in post_pages if not any(d.page == p for d in demos))} "
          "without demos: " + "; ".join(title for title, p in post_pages if not any(d.page == p for d in demos)))
    if args.before:
        print(f"before = live on {args.before}, in the same rounds (same pages, same titles)")
    header = (f"{'page / demo':<62} {'native':>24} {'live':>24}" + (f" {'live before':>24} {'now/before':>10}" if args.before else "")
              + f" {'live/native':>11} {'limit':>6} {'limit/live':>10}")
    print(header)
    print("-" * len(header))
    for demo in demos:
        live = statistics.median(demo.live)
        native = statistics.median(demo.native)
        ratio = live / native if native > 0 else float("nan")
        limit = demo.options["timeout"]
        name = f"/{demo.page} {demo.title}"[:62]
        row = f"{name:<62} {seconds(demo.native):>24} {seconds(demo.live):>24}"
        if args.before:
            change = f"{live / statistics.median(demo.before):.2f}x" if demo.before else "—"  # not in the earlier build
            row += f" {seconds(demo.before):>24} {change:>10}"
        row += f" {ratio:>10.1f}x {limit:>5}s {limit / live:>9.0f}x"
        notes = ([] if limit / live >= 4 else ["< 4x"]) + ([] if live <= LIVE_GOAL_S else [f"> {LIVE_GOAL_S:.0f} s live"])
        print(row + "".join(f"  {n}" for n in notes))


if __name__ == "__main__":
    main()
