"""What the article's page costs a reader: size, DOM, main-thread tasks, layout shift, Lighthouse.

Builds the real site (strict; build-time outputs come from the cache when warm), serves it on
127.0.0.1 with gzip for text files, as GitHub Pages does, and measures, for the post and, as
baselines, a page of the same site with no demos and no math (About: Material's own cost) and a
copy of the post without Material's bundle.js (what the loading tasks cost without it):

- HTML size, raw and gzip-compressed;
- DOM elements after load, and the longest main-thread task while the page loads (the
  PerformanceObserver "longtask" entries until 3 s after load), each over --repeat cold loads
  (empty cache), at 1280 px and at 390 px (phone emulation), median [min–max]; and how many
  KaTeX scripts the page requested (the most of any load: 0 since math is typeset at build time);
- layout shift while demos redraw their plots live ("Why pre-training is not enough" and
  "Train MAML yourself", the loss curve redrawn 20 times): the sum of "layout-shift" entries
  during the runs, and how far each plot's box moved;
- Lighthouse's mobile scores (performance, accessibility, best practices, SEO), from the
  lighthouse npm package run offline against Debian's Chromium, installed on first use into
  .cache/benchmarks/ (it is not a dependency of the site); with the audits that lost points.

Run from the repository root:

    .venv/bin/python benchmarks/post_page.py [--repeat 3] [--no-lighthouse]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the livedemo package, not the test folder of that name
sys.path.append(str(ROOT / "tests"))

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from browsing import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402  (the test suite's server)

POST = "blog/2020/04/27/introduction-to-meta-learning/"
BASELINE = "about/"
LIGHTHOUSE = "12.8.2"  # Lighthouse 12, as in the measurements
TOOLS = ROOT / ".cache" / "benchmarks" / "lighthouse"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 3}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}

PROBE = """
window.benchTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.benchTasks.push(entry.duration);
}).observe({type: "longtask", buffered: true});
window.benchShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.benchShifts.push(entry.value);
}).observe({type: "layout-shift", buffered: true});
"""


def build(site: Path) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT,
                   check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


WITHOUT_MATERIAL_JS = "the post, Material's JS left out"


def without_material_js(site: Path) -> str:
    """A diagnostic copy of the post without Material's bundle.js (no search, no TOC following,
    no palette toggle), beside it so that its relative URLs still work: what the loading tasks
    cost without Material's own script. Returns its path in the site."""
    html = (site / POST / "index.html").read_text(encoding="utf-8")
    script = re.search(r'<script src="[^"]*/assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>', html)
    if script is None:
        raise SystemExit("no Material bundle.js script tag in the built post: has Material changed?")
    path = POST.rstrip("/").rsplit("/", 1)[0] + "/without-material-js/"
    (site / path).mkdir(exist_ok=True)
    (site / path / "index.html").write_text(html.replace(script.group(), ""), encoding="utf-8")
    return path


def _is_katex_script(url: str) -> bool:
    """KaTeX's own code, as a script: the math.js entry or a chunk of KaTeX (formulas used to be
    typeset in the page; now they are typeset at build time and no such script should load)."""
    name = url.split("?")[0].rsplit("/", 1)[-1].lower()
    return name.endswith((".js", ".mjs")) and ("katex" in name or name == "math.js")


def load(browser: Browser, url: str, options: dict) -> tuple[int, float, int]:
    """DOM elements, longest task (ms, 0 when none reached 50 ms) and KaTeX scripts requested
    of one cold load."""
    context = browser.new_context(**options)
    context.add_init_script(PROBE)
    context.route("https://**/*", lambda route: route.abort())
    try:
        page = context.new_page()
        katex: list[str] = []
        page.on("request", lambda request: _is_katex_script(request.url) and katex.append(request.url))
        page.goto(url, wait_until="load")
        page.wait_for_timeout(3000)
        dom = page.evaluate("document.getElementsByTagName('*').length")
        return dom, max(page.evaluate("window.benchTasks"), default=0), len(katex)
    finally:
        context.close()


def layout_shift(browser: Browser, url: str) -> tuple[float, float]:
    """Layout shift while two demos redraw their plots live; the largest move of a plot's box."""
    context = browser.new_context(**DESKTOP)
    context.add_init_script(PROBE)
    context.route("https://**/*", lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        moved = 0.0
        shifts_before = 0.0
        for title in ("Why pre-training is not enough", "Train MAML yourself"):
            block = page.locator(".livedemo").filter(has=page.locator(".livedemo-title").get_by_text(title, exact=True))
            figure = block.locator("figure.livedemo-plot").first
            figure.scroll_into_view_if_needed()
            page.wait_for_timeout(1000)
            before = figure.bounding_box()
            page.evaluate("window.benchShifts = []")
            block.locator(".livedemo-status").evaluate("el => { el.dataset.state = 'bench'; }")
            block.get_by_role("button", name=f"Run {title}", exact=True).click()
            block.locator(".livedemo-status[data-state=done], .livedemo-status[data-state=error]").wait_for(timeout=300_000)
            block.locator("figure.livedemo-plot .livedemo-plot-view svg").first.wait_for()
            page.wait_for_timeout(1000)
            after = block.locator("figure.livedemo-plot").first.bounding_box()
            moved = max(moved, abs(after["height"] - before["height"]), abs(after["width"] - before["width"]))
            shifts_before += sum(page.evaluate("window.benchShifts"))
        return shifts_before, moved
    finally:
        context.close()


def lighthouse(url: str) -> dict:
    """Lighthouse's mobile run (its default form factor) on ``url``; returns the JSON report."""
    binary = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund",
                        "--loglevel=error", f"lighthouse@{LIGHTHOUSE}"], check=True)
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as profile:
        flags = " ".join([*CHROMIUM_ARGS, f"--user-data-dir={profile}"])
        result = subprocess.run(
            [str(binary), url, "--output=json", "--quiet",
             "--only-categories=performance,accessibility,best-practices,seo", f"--chrome-flags={flags}"],
            capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True,
        )
    return json.loads(result.stdout)


def spread(values: list[float], unit: str = "") -> str:
    shown = lambda v: "<50" if unit == " ms" and v == 0 else f"{v:.0f}"  # noqa: E731 - longtask floor
    return f"{shown(statistics.median(values))}{unit} [{shown(min(values))}–{shown(max(values))}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="post-page-") as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            build(site)
        rows: dict[str, dict[str, str]] = {}
        with serve(site, compress=True) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            pages = (("the post", POST), ("About (no demos, no math)", BASELINE),
                     (WITHOUT_MATERIAL_JS, without_material_js(site)))
            for name, path in pages:
                html = (site / path / "index.html").read_bytes()
                row = rows.setdefault(name, {})
                if name != WITHOUT_MATERIAL_JS:
                    row["HTML raw / gzip"] = f"{len(html) / 1e3:.0f} KB / {len(gzip.compress(html)) / 1e3:.0f} KB"
                for label, options in (("1280 px", DESKTOP), ("390 px", PHONE)):
                    runs = [load(browser, base + path, options) for _ in range(args.repeat)]
                    row[f"DOM elements, {label}"] = spread([n for n, _, _ in runs])
                    row[f"longest task while loading, {label}"] = spread([t for _, t, _ in runs], " ms")
                    row[f"KaTeX scripts loaded, {label}"] = str(max(k for _, _, k in runs))
            shutil.rmtree(site / pages[-1][1])
            shift, moved = layout_shift(browser, base + POST)
            rows["the post"]["layout shift during live plot redraws"] = f"{shift:.3f} (plot box moved {moved:.0f} px)"
            browser.close()
            runs = {} if args.no_lighthouse else {
                name: [lighthouse(base + path) for _ in range(args.repeat)]
                for name, path in (("the post", POST), ("About (no demos, no math)", BASELINE))
            }
        reports = {}
        for name, reports_of_page in runs.items():
            def score(key: str) -> list[float]:
                return [round(r["categories"][key]["score"] * 100) for r in reports_of_page]  # noqa: B023
            rows[name]["Lighthouse mobile: performance"] = spread(score("performance"))
            for key, label in (("accessibility", "accessibility"), ("best-practices", "best practices"), ("seo", "SEO")):
                rows[name][f"Lighthouse mobile: {label}"] = spread(score(key))
            # the run with the median performance score, for the audits that lost points
            reports[name] = sorted(reports_of_page, key=lambda r: r["categories"]["performance"]["score"])[len(reports_of_page) // 2]
    print(f"The post page, measured with {CHROMIUM} ({args.repeat} cold loads each); load {os.getloadavg()[0]:.2f}")
    names = list(rows)
    keys = list(dict.fromkeys(k for row in rows.values() for k in row))
    print(f"{'':<50}" + "".join(f"{n:>34}" for n in names))
    for key in keys:
        print(f"{key:<50}" + "".join(f"{rows[n].get(key, '—'):>34}" for n in names))
    for name, report in reports.items():
        lost = [(audit["title"], audit.get("displayValue", ""))
                for category in report["categories"].values() for ref in category["auditRefs"]
                if ref.get("weight", 0) > 0 and (audit := report["audits"][ref["id"]])["score"] is not None
                and audit["score"] < 0.9]
        print(f"\nLighthouse audits below 0.9 for {name} (its median run):")
        for title, value in lost:
            print(f"  - {title} {value}".rstrip())
        for metric in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                       "cumulative-layout-shift", "speed-index"):
            audit = report["audits"][metric]
            print(f"  {audit['title']}: {audit.get('displayValue', '')}")


if __name__ == "__main__":
    main()
