"""Where a returning reader's numpy demo spends its time, click → output, step by step.

The page of benchmarks/first_output.py (its numpy block), built and served the same way
(pages_host.py, max-age=600), opened twice in one browser context: a first visit (fresh boot,
memory snapshot kept), then a returning visit (HTTP cache and snapshot warm, page idle 3 s
first). Each visit is timed from the click by probes that change nothing the page does:

- in the page (an init script): the click, the worker's creation, the page's compile of
  pyodide.asm.wasm (WebAssembly.compileStreaming), the output;
- in the worker (code put before the built worker.js of a copy of the site, run before it):
  every fetch (request, headers, body read), every WebAssembly compile and instantiate (bytes or
  module, size, time; an instantiate from bytes is split into its compile and its
  instantiation), Cache Storage reads, and the events the worker posts (ready, loading,
  running, first output, result).

It prints one timeline per visit (ms after the click) and a summary per step, median of the
runs. Times include what other work on the machine takes from it: print the load with them.

With ``--baseline-site DIR`` the same page with DIR's front end and runtime files (as
first_output.py makes it) is measured in the same rounds, interleaved.

    .venv/bin/python benchmarks/returning_breakdown.py [--repeat 3] [--baseline-site DIR] [--timelines]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "tests"))
sys.path.append(str(ROOT / "benchmarks"))

from playwright.sync_api import sync_playwright  # noqa: E402

from browsing import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from first_output import OFFLINE, build_baseline, build_ours, stay_until_snapshot_kept  # noqa: E402
from pages_host import Traffic, serve  # noqa: E402

SELECTOR = "#livedemo-first-index-2 .livedemo-run"

# Put before the worker bundle: wraps what Pyodide calls, posts every step on a channel.
WORKER_PROBE = r"""
const __probe = new BroadcastChannel("probe");
const __at = () => performance.timeOrigin + performance.now();
const __log = (what, extra = {}) => __probe.postMessage({ at: __at(), what, ...extra });
__log("worker start", { origin: performance.timeOrigin });
{
  const realFetch = self.fetch.bind(self);
  self.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input).split("/").pop();
    const start = __at();
    const response = await realFetch(input, init);
    __log("fetch headers", { url, start });
    const clone = response.clone();
    clone.arrayBuffer().then((b) => __log("fetch body", { url, start, bytes: b.byteLength }), () => {});
    return response;
  };
  const W = WebAssembly;
  const compile = W.compile, instantiate = W.instantiate;
  W.compile = async (bytes) => {
    const start = __at();
    const m = await compile(bytes);
    __log("compile", { start, bytes: bytes.byteLength });
    return m;
  };
  W.instantiate = async (source, imports) => {
    if (source instanceof W.Module) {
      const start = __at();
      const instance = await instantiate(source, imports);
      __log("instantiate module", { start });
      return instance;
    }
    const start = __at();
    const module = await compile(source);
    const mid = __at();
    const instance = await instantiate(module, imports);
    __log("instantiate bytes", { start, mid, bytes: source.byteLength });
    return { module, instance };
  };
  const match = Cache.prototype.match;
  Cache.prototype.match = async function (...args) {
    const start = __at();
    const r = await match.apply(this, args);
    __log("cache match", { start, hit: !!r });
    return r;
  };
  const post = self.postMessage.bind(self);
  self.postMessage = (message, transfer) => {
    if (message && typeof message === "object" && "type" in message) {
      const t = message.type;
      if (t !== "loading" || message.loaded === 0) __log("event " + t, { phase: message.phase, text: message.text });
    }
    return post(message, transfer);
  };
}
"""

PAGE_PROBE = r"""
window.probe = [];
const __at = () => performance.timeOrigin + performance.now();
new BroadcastChannel("probe").onmessage = (e) => window.probe.push(e.data);
document.addEventListener("click", () => window.probe.push({ at: __at(), what: "click" }), true);
const RealWorker = window.Worker;
window.Worker = function (url, options) {
  window.probe.push({ at: __at(), what: "page new Worker " + String(url).split("/").pop() });
  return new RealWorker(url, options);
};
const cs = WebAssembly.compileStreaming;
WebAssembly.compileStreaming = async (source) => {
  const start = __at();
  const m = await cs(source);
  window.probe.push({ at: __at(), start, what: "page compileStreaming" });
  return m;
};
new MutationObserver(() => {
  if (window.probe.some((e) => e.what === "output")) return;
  const text = [...document.querySelectorAll(".livedemo-output[data-origin=live] pre.livedemo-stream")]
    .map((el) => el.textContent).join("");
  if (text.includes("total 45")) window.probe.push({ at: __at(), what: "output" });
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


def instrumented(site: Path, work: Path, name: str) -> Path:
    """A copy of ``site`` whose worker bundle starts with WORKER_PROBE."""
    copy = work / f"probed-{name}"
    shutil.copytree(site, copy)
    worker = copy / "assets" / "livedemo" / "worker.js"
    worker.write_text(WORKER_PROBE + worker.read_text(encoding="utf-8"), encoding="utf-8")
    return copy


def visit(context, url: str, *, idle_ms: int, keep_snapshot: bool) -> list[dict]:
    page = context.new_page()
    try:
        page.goto(url)
        run = page.locator(SELECTOR).first
        run.wait_for()
        page.wait_for_load_state("load")
        page.wait_for_timeout(idle_ms)
        page.evaluate("window.probe = window.probe.filter((e) => e.what.startsWith('page new'))")
        run.click()
        page.wait_for_function("window.probe.some((e) => e.what === 'output')", timeout=120_000)
        page.wait_for_timeout(300)  # the result event
        events = page.evaluate("window.probe")
        if keep_snapshot:
            stay_until_snapshot_kept(page)
        return events
    finally:
        page.close()


def timeline(events: list[dict]) -> tuple[float, list[tuple[float, str]]]:
    """(click time, [(ms after click, line)]) in time order."""
    click = next(e["at"] for e in events if e["what"] == "click")
    rows = []
    for e in events:
        what = e["what"]
        detail = " ".join(f"{k}={v}" for k, v in e.items() if k in ("url", "bytes", "hit", "phase", "text") and v)
        if "start" in e:
            took = e["at"] - e["start"]
            extra = f" (compile {e['mid'] - e['start']:.0f} ms)" if "mid" in e else ""
            rows.append((e["start"] - click, f"{what} {detail} → {took:.0f} ms{extra}"))
        else:
            rows.append((e["at"] - click, f"{what} {detail}"))
    return click, sorted(rows)


def steps(events: list[dict]) -> dict[str, float]:
    """The step durations of one visit (ms)."""
    click = next(e["at"] for e in events if e["what"] == "click")
    first = lambda what: next((e for e in events if e["what"] == what), None)  # noqa: E731
    out: dict[str, float] = {}
    output = first("output")
    ready = first("event ready")
    running = first("event running")
    loading = next((e for e in events if e["what"] == "event loading" and e.get("phase") == "packages"), None)
    start = first("worker start")
    if output:
        out["click → output"] = output["at"] - click
    if start:
        out["click → worker start"] = start["at"] - click
    if ready and start:
        out["worker start → ready"] = ready["at"] - start["at"]
    if loading and running:
        out["package load (loading → running)"] = running["at"] - loading["at"]
    if running and output:
        out["running → output (import numpy, run)"] = output["at"] - running["at"]
    sos = [e for e in events if e["what"] == "instantiate bytes"]
    if sos:
        out[".so count"] = len(sos)
        out[".so compile total"] = sum(e["mid"] - e["start"] for e in sos)
        out[".so instantiate total"] = sum(e["at"] - e["mid"] for e in sos)
        out["first .so start → last .so end"] = sos[-1]["at"] - sos[0]["start"]
        if loading:
            out["loading → first .so (fetch, unpack)"] = sos[0]["start"] - loading["at"]
        if running:
            out["last .so → running"] = running["at"] - sos[-1]["at"]
    wasm = first("instantiate module")
    if wasm:
        out["pyodide.asm instantiate"] = wasm["at"] - wasm["start"]
        if ready:
            out["asm instantiated → ready (restore/boot)"] = ready["at"] - wasm["at"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-site", type=Path, help="a built site whose front end and runtime to compare with")
    parser.add_argument("--timelines", action="store_true", help="print every visit's timeline")
    parser.add_argument("--js-flags", default="", help="V8 flags for Chromium, e.g. --no-liftoff (a diagnosis, not a reader's browser)")
    args = parser.parse_args()
    print(f"# load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours = build_ours(work)
        roots = {"site": instrumented(ours, work, "site")}
        if args.baseline_site:
            roots["baseline"] = instrumented(build_baseline(work, ours, args.baseline_site), work, "baseline")
        traffic = Traffic()
        summary: dict[tuple[str, str], dict[str, list[float]]] = {}
        with serve(roots, traffic) as urls, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, OFFLINE, *([f"--js-flags={args.js_flags}"] if args.js_flags else [])])
            for round_ in range(args.repeat):
                for page_name in roots:
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    context.add_init_script(PAGE_PROBE)
                    try:
                        for visit_name, keep in (("first visit", True), ("returning", False)):
                            events = visit(context, urls[page_name] + "first/", idle_ms=3000, keep_snapshot=keep)
                            rows = summary.setdefault((page_name, visit_name), {})
                            for step, value in steps(events).items():
                                rows.setdefault(step, []).append(value)
                            if args.timelines:
                                print(f"\n## round {round_ + 1}, {page_name}, {visit_name}")
                                for ms, line in timeline(events)[1]:
                                    print(f"{ms:8.0f} ms  {line}")
                    finally:
                        context.close()
            browser.close()
    for (page_name, visit_name), rows in summary.items():
        print(f"\n## {page_name}, {visit_name}: median [min–max] of {args.repeat} runs, ms after the click")
        for step, values in rows.items():
            print(f"  {step:42s} {statistics.median(values):7.0f} [{min(values):.0f}–{max(values):.0f}]")
    print(f"# load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
