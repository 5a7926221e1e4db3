"""Does storing pyodide.asm.wasm gzipped (decompressed in a stream while it compiles) pay?

The question of issue 24, item 2: a host that does not compress wasm sends 9.6 MB; stored gzipped
at rest, the wasm is 3.5 MB whatever the host does, and the page decompresses it with a
``DecompressionStream`` while ``WebAssembly.compileStreaming`` compiles it. But Chromium keeps
compiled code only for modules compiled from a real HTTP response (the returning reader's boot
depends on it), and a Response built around a stream has no URL. So this compares, in Chromium
(/usr/bin/chromium, headless), side by side and interleaved, navigation → module compiled →
Pyodide booted (``loadPyodide`` + ``runPython``, on the page, with the page's module as the site's
worker uses it):

- ``plain``: ``fetch(pyodide.asm.wasm)`` → ``compileStreaming`` (what the site does today);
- ``gzip``: ``fetch(pyodide.asm.wasm.gz)`` (served as ``application/gzip``, which no host
  compresses again) → ``DecompressionStream("gzip")`` → ``new Response(…, application/wasm)`` →
  ``compileStreaming``;
- ``gzip+cache``: as ``gzip`` on the first visit, the decompressed response also put into Cache
  Storage under the wasm's URL; later visits compile ``caches.match()``'s response, which has a
  URL (does Chromium's code cache take it?).

each as a cold reader (fresh browser context: empty caches) and as a returning one (a persistent
profile, two visits first, the third measured). The server sends ``Cache-Control: max-age=600``
and an ETag, and gzips ``application/wasm`` on the fly when ``--host-gzip`` (GitHub Pages does,
by public reports) — without it the host sends the wasm as it is.

    .venv/bin/python benchmarks/wasm_at_rest.py [--rounds 5] [--host-gzip] [--profile loopback|4g]

Prints the load average beside the numbers: run it on a quiet machine for numbers to quote.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import statistics
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import BrowserContext, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "node_modules" / "pyodide"
FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
TYPES = {".mjs": "text/javascript", ".wasm": "application/wasm", ".gz": "application/gzip",
         ".zip": "application/zip", ".json": "application/json", ".html": "text/html"}
PROFILES = {"loopback": None, "4g": (9_000_000 / 8, 60.0)}  # bytes/s down, round trip ms
VARIANTS = ("plain", "gzip", "gzip+cache")

PAGE = """<!doctype html><meta charset="utf-8"><title>wasm at rest</title><script type="module">
const variant = new URLSearchParams(location.search).get("variant");
const wasmURL = new URL("pyodide.asm.wasm", location.href);
async function compile() {
  if (variant === "plain") return WebAssembly.compileStreaming(fetch(wasmURL));
  if (variant === "gzip+cache") {
    const cache = await caches.open("wasm-at-rest");
    const hit = await cache.match(wasmURL);
    if (hit) return WebAssembly.compileStreaming(hit);
  }
  const packed = await fetch(new URL("pyodide.asm.wasm.gz", location.href));
  const response = new Response(packed.body.pipeThrough(new DecompressionStream("gzip")),
    { headers: { "Content-Type": "application/wasm" } });
  if (variant !== "gzip+cache") return WebAssembly.compileStreaming(response);
  const [forCompile, forCache] = [response, response.clone()];
  const cache = await caches.open("wasm-at-rest");
  const stored = cache.put(wasmURL, forCache);
  const module = await WebAssembly.compileStreaming(forCompile);
  await stored;
  return module;
}
const t0 = performance.now();
const compiled = compile();
const module = await compiled;
const tCompiled = performance.now();
const realFetch = window.fetch;  // Pyodide fetches the wasm too: answer empty, as the site's worker does
window.fetch = (input, init) => String(input).endsWith("/pyodide.asm.wasm")
  ? Promise.resolve(new Response(new ArrayBuffer(0), { headers: { "Content-Type": "application/wasm" } }))
  : realFetch(input, init);
WebAssembly.instantiateStreaming = async (source, imports) =>
  ({ module, instance: await WebAssembly.instantiate(module, imports) });
const { loadPyodide } = await import("./pyodide.mjs");
const pyodide = await loadPyodide({ indexURL: new URL("./", location.href).href });
pyodide.runPython("1 + 1");
window.result = { compiled: tCompiled - t0, booted: performance.now() - t0 };
</script>"""


def serve(folder: Path, host_gzip: bool) -> tuple[ThreadingHTTPServer, dict[str, int]]:
    """Serve ``folder`` with max-age and ETags; gzip wasm on the fly when ``host_gzip``."""
    sent: dict[str, int] = {}
    cache: dict[tuple[str, bool], bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            name = self.path.split("?")[0].lstrip("/") or "index.html"
            path = folder / name
            if not path.is_file():
                self.send_error(404)
                return
            kind = TYPES.get(path.suffix, "application/octet-stream")
            body = path.read_bytes()
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            encode = host_gzip and kind in ("application/wasm", "text/javascript", "application/json",
                                            "text/html") and "gzip" in self.headers.get("Accept-Encoding", "")
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            if encode:
                body = cache.setdefault((name, True), gzip.compress(body, 6, mtime=0))
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.send_header("ETag", etag)
            if encode:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            self.wfile.write(body)
            sent[name] = sent.get(name, 0) + len(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, sent


def visit(context: BrowserContext, url: str, profile: str) -> dict[str, float]:
    page = context.new_page()
    if PROFILES[profile]:
        down, rtt = PROFILES[profile]
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": rtt, "downloadThroughput": down, "uploadThroughput": down})
    page.goto(url)
    page.wait_for_function("window.result", timeout=300_000, polling=50)
    result = page.evaluate("window.result")
    page.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--host-gzip", action="store_true")
    parser.add_argument("--profile", choices=PROFILES, default="loopback")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wasm-at-rest-") as tmp:
        folder = Path(tmp) / "site"
        folder.mkdir()
        for name in FILES:
            (folder / name).write_bytes((PYODIDE / name).read_bytes())
        wasm = (PYODIDE / "pyodide.asm.wasm").read_bytes()
        packed = gzip.compress(wasm, 9, mtime=0)
        (folder / "pyodide.asm.wasm.gz").write_bytes(packed)
        (folder / "index.html").write_text(PAGE, encoding="utf-8")
        server, sent = serve(folder, args.host_gzip)
        base = f"http://127.0.0.1:{server.server_port}/index.html?variant="
        times: dict[tuple[str, str], list[dict[str, float]]] = {}
        wire: dict[str, int] = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium")
            for round_ in range(args.rounds):
                for variant in VARIANTS:
                    context = browser.new_context()
                    before = dict(sent)
                    times.setdefault(("cold", variant), []).append(visit(context, base + variant, args.profile))
                    wire[variant] = sum(sent.values()) - sum(before.values())
                    context.close()
                    with tempfile.TemporaryDirectory(prefix="wasm-profile-") as profile_dir:
                        persistent = p.chromium.launch_persistent_context(profile_dir, executable_path="/usr/bin/chromium")
                        for _ in range(2):
                            visit(persistent, base + variant, args.profile)
                        times.setdefault(("returning", variant), []).append(visit(persistent, base + variant, args.profile))
                        persistent.close()
                print(f"round {round_ + 1}/{args.rounds} done, load average {os.getloadavg()}", flush=True)
            browser.close()
        server.shutdown()
    print(f"\nwasm at rest: {len(wasm):,} bytes plain, {len(packed):,} gzipped (-9); "
          f"host gzips wasm: {args.host_gzip}; network: {args.profile}; load average now {os.getloadavg()}")
    print("bytes: every response body of the cold visit; ms: navigation script start -> module compiled,")
    print("-> Python booted; median [min-max] over the rounds")
    print(f"{'reader':10} {'variant':11} {'bytes, cold':>12} {'compiled ms':>24} {'booted ms':>24}")
    for reader in ("cold", "returning"):
        for variant in VARIANTS:
            runs = times[(reader, variant)]
            c = [r["compiled"] for r in runs]
            b = [r["booted"] for r in runs]
            shown = f"{wire[variant]:,}" if reader == "cold" else ""
            print(f"{reader:10} {variant:11} {shown:>12} {_spread(c):>24} {_spread(b):>24}")


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} [{min(values):.0f}-{max(values):.0f}]"


if __name__ == "__main__":
    main()
