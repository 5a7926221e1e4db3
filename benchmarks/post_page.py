"""What each post page costs a reader: size, DOM, main-thread tasks, layout shift, Lighthouse.

Builds the real site (strict; build-time outputs come from the cache when warm), serves it on
127.0.0.1 with gzip for text files, as GitHub Pages does, and measures every post page of the
blog (whatever posts docs/blog/posts/ holds at build time, found through the site's feed and
checked against those files) and, as baselines, a page of the same site with no demos and no
math (About: Material's own cost) and a copy of the first post without Material's bundle.js
(what the loading tasks cost without it):

- HTML size, raw and gzip-compressed;
- DOM elements after load, and the longest main-thread task while the page loads (the
  PerformanceObserver "longtask" entries until 3 s after load), each over --repeat cold loads
  (empty cache), at 1280 px and at 390 px (phone emulation), median [min–max]; and how many
  KaTeX scripts the page requested (the most of any load: 0 since math is typeset at build time);
- layout shift while demos redraw their plots live (on the pages that have "Why pre-training
  is not enough" or "Train MAML yourself", the loss curve redrawn 20 times): the sum of
  "layout-shift" entries during the runs, and how far each plot's box moved;
- Lighthouse's mobile scores (performance, accessibility, best practices, SEO), from the
  lighthouse npm package run offline against Debian's Chromium, installed on first use into
  .cache/benchmarks/ (it is not a dependency of the site); with the audits that lost points.

One row per page, then the Lighthouse audits that lost points. Run from the repository root:

    .venv/bin/python benchmarks/post_page.py [--repeat 3] [--no-lighthouse] [--no-layout-shift]
        [--only TEXT] [--site DIR]

``--only TEXT`` measures only the posts whose title or URL contains TEXT (a quick look at one
page; About is always measured).
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the livedemo package, not the test folder of that name
sys.path.append(str(ROOT / "tests"))

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from browsing import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402  (the test suite's server)

POSTS_DIR = ROOT / "docs" / "blog" / "posts"
FEED = "feed_rss_created.xml"  # mkdocs-rss-plugin: one item per published post
BASELINE = "about/"
BASELINE_NAME = "About (no demos, no math)"
# Demos whose plots redraw live while they run: the layout-shift measurement runs them.
LIVE_REDRAWS = ("Why pre-training is not enough", "Train MAML yourself")
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


def site_url() -> str:
    """``site_url`` of mkdocs.yml: the feed's links start with it."""
    match = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    if match is None:
        raise SystemExit("mkdocs.yml has no site_url: the feed's links cannot be mapped to pages")
    return match.group(1).rstrip("/") + "/"


def published_sources() -> list[Path]:
    """The post files a strict build publishes: every Markdown file under docs/blog/posts/
    whose front matter does not say ``draft: true``."""
    sources = []
    for path in sorted(POSTS_DIR.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        front = text.split("---", 2)[1] if text.startswith("---") else ""
        if not re.search(r"^draft:\s*true\s*$", front, re.M):
            sources.append(path)
    return sources


def posts(site: Path) -> list[tuple[str, str]]:
    """(title, path in the site) of every post page, oldest first, from the site's feed; the
    feed must list one page per published file of docs/blog/posts/."""
    feed = site / FEED
    if not feed.is_file():
        raise SystemExit(f"{feed} is missing: the rss plugin of mkdocs.yml lists the posts")
    base = site_url()
    found = []
    for item in ET.parse(feed).getroot().iter("item"):
        link = (item.findtext("link") or "").strip()
        if not link.startswith(base):
            raise SystemExit(f"{FEED}: the link {link!r} is not under site_url {base!r}")
        path = link[len(base):]
        if not (site / path / "index.html").is_file():
            raise SystemExit(f"{FEED} links {link}, but the site has no {path}index.html")
        found.append(((item.findtext("pubDate") or ""), (item.findtext("title") or path).strip(), path))
    sources = published_sources()
    if len(found) != len(sources):
        raise SystemExit(f"{FEED} lists {len(found)} posts but docs/blog/posts/ has {len(sources)} "
                         "published ones: raise the rss plugin's length in mkdocs.yml?")
    if all(date for date, _, _ in found):  # oldest first; else as the feed lists them
        found.sort(key=lambda item: email.utils.parsedate_to_datetime(item[0]))
    return [(title, path) for _, title, path in found]


def build(site: Path) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT,
                   check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


WITHOUT_MATERIAL_JS = "the first post, Material's JS left out"


def without_material_js(site: Path, post: str) -> str:
    """A diagnostic copy of ``post`` without Material's bundle.js (no search, no TOC following,
    no palette toggle), beside it so that its relative URLs still work: what the loading tasks
    cost without Material's own script. Returns its path in the site."""
    html = (site / post / "index.html").read_text(encoding="utf-8")
    script = re.search(r'<script src="[^"]*/assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>', html)
    if script is None:
        raise SystemExit("no Material bundle.js script tag in the built post: has Material changed?")
    path = post.rstrip("/").rsplit("/", 1)[0] + "/without-material-js/"
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


def layout_shift(browser: Browser, url: str) -> tuple[float, float] | None:
    """Layout shift while the page's demos of LIVE_REDRAWS redraw their plots live; the largest
    move of a plot's box. None when the page has none of them."""
    context = browser.new_context(**DESKTOP)
    context.add_init_script(PROBE)
    context.route("https://**/*", lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        moved = 0.0
        shifts_before = 0.0
        ran = 0
        for title in LIVE_REDRAWS:
            block = page.locator(".livedemo").filter(has=page.locator(".livedemo-title").get_by_text(title, exact=True))
            if block.count() == 0:
                continue
            ran += 1
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
        return (shifts_before, moved) if ran else None
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
    """Median [min–max] of the runs; the value alone when every run gave it."""
    shown = lambda v: "<50" if unit == " ms" and v == 0 else f"{v:.0f}"  # noqa: E731 - longtask floor
    if min(values) == max(values):
        return f"{shown(values[0])}{unit}"
    return f"{shown(statistics.median(values))}{unit} [{shown(min(values))}–{shown(max(values))}]"


COLUMNS = (  # (key, header): the table's columns, in order
    ("elements 1280", "DOM elements 1280 px"), ("elements 390", "DOM elements 390 px"),
    ("html", "HTML raw / gzip"), ("task 1280", "longest load task 1280 px"),
    ("task 390", "longest load task 390 px"), ("KaTeX js 1280", "KaTeX scripts"),
    ("shift", "layout shift, live redraws"),
    ("performance", "LH perf."), ("accessibility", "LH a11y"), ("best-practices", "LH best pr."),
    ("seo", "LH SEO"),
)


def table(rows: dict[str, dict[str, str]]) -> str:
    """One line per page, one column per measurement; columns no page has are left out."""
    columns = [(key, header) for key, header in COLUMNS if any(key in row for row in rows.values())]
    first = max(len("page"), *(len(name) for name in rows))
    widths = [max(len(header), *(len(row.get(key, "—")) for row in rows.values())) for key, header in columns]
    lines = ["page".ljust(first) + "".join(f"  {header:>{w}}" for (_, header), w in zip(columns, widths))]
    for name, row in rows.items():
        lines.append(name.ljust(first) + "".join(f"  {row.get(key, '—'):>{w}}" for (key, _), w in zip(columns, widths)))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="cold loads and Lighthouse runs per page")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--only", metavar="TEXT", help="only the posts whose title or URL contains TEXT")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-layout-shift", action="store_true", help="skip running the live demos")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="post-page-") as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            build(site)
        every_post = posts(site)
        chosen = [(title, path) for title, path in every_post
                  if not args.only or args.only.lower() in f"{title} {path}".lower()]
        if not chosen:
            raise SystemExit(f"no post matches --only {args.only!r}: "
                             + "; ".join(f"{title} ({path})" for title, path in every_post))
        pages = [*chosen, (BASELINE_NAME, BASELINE)]
        rows: dict[str, dict[str, str]] = {name: {} for name, _ in pages}
        with serve(site, compress=True) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            diagnostic = without_material_js(site, every_post[0][1])
            rows[WITHOUT_MATERIAL_JS] = {}
            for name, path in [*pages, (WITHOUT_MATERIAL_JS, diagnostic)]:
                html = (site / path / "index.html").read_bytes()
                row = rows[name]
                if name != WITHOUT_MATERIAL_JS:
                    row["html"] = f"{len(html) / 1e3:.0f} / {len(gzip.compress(html)) / 1e3:.0f} KB"
                for label, options in (("1280", DESKTOP), ("390", PHONE)):
                    runs = [load(browser, base + path, options) for _ in range(args.repeat)]
                    row[f"elements {label}"] = spread([n for n, _, _ in runs])
                    row[f"task {label}"] = spread([t for _, t, _ in runs], " ms")
                    if label == "1280":
                        row["KaTeX js 1280"] = str(max(k for _, _, k in runs))
            shutil.rmtree(site / diagnostic)
            if not args.no_layout_shift:
                for name, path in chosen:
                    measured = layout_shift(browser, base + path)
                    if measured is not None:
                        rows[name]["shift"] = f"{measured[0]:.3f} (moved {measured[1]:.0f} px)"
            browser.close()
            runs = {} if args.no_lighthouse else {
                name: [lighthouse(base + path) for _ in range(args.repeat)] for name, path in pages
            }
        reports = {}
        for name, reports_of_page in runs.items():
            for key in ("performance", "accessibility", "best-practices", "seo"):
                rows[name][key] = spread([round(r["categories"][key]["score"] * 100) for r in reports_of_page])
            # the run with the median performance score, for the audits that lost points
            reports[name] = sorted(reports_of_page, key=lambda r: r["categories"]["performance"]["score"])[len(reports_of_page) // 2]
    print(f"{len(chosen)} of the blog's {len(every_post)} post pages, measured with {CHROMIUM} "
          f"({args.repeat} cold loads and Lighthouse mobile runs each, median [min–max]); "
          f"load {os.getloadavg()[0]:.2f}")
    for title, path in chosen:
        print(f"  {title}: /{path}")
    print()
    print(table(rows))
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
