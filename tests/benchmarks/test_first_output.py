"""The first-output benchmark measures what it says: the host's compression, the bytes it
counts, the bare page's own files, and Chromium's emulation reaching the worker's downloads."""

from __future__ import annotations

import gzip
import importlib.util
import json
import socket
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browsing import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
sys.path.append(str(ROOT / "benchmarks"))

from pages_host import Traffic, serve  # noqa: E402


def load_benchmark():
    spec = importlib.util.spec_from_file_location("first_output", ROOT / "benchmarks" / "first_output.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["first_output"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def raw_get(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes, int]:
    """(status, headers, body, bytes received): one HTTP/1.1 request on a socket of its own."""
    parts = urlsplit(url)
    lines = [f"GET {parts.path} HTTP/1.1", f"Host: {parts.netloc}", "Connection: close",
             *(f"{k}: {v}" for k, v in headers.items())]
    with socket.create_connection((parts.hostname, parts.port)) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    fields = {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in header_lines)}
    return int(status_line.split()[1]), fields, body, len(data)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<p>" + "hello " * 2000 + "</p>")
    (tmp_path / "m.wasm").write_bytes(b"\0asm" + b"\1\0\0\0" + bytes(50_000))
    (tmp_path / "p.whl").write_bytes(bytes(50_000))
    (tmp_path / "s.zip").write_bytes(bytes(50_000))
    return tmp_path


def test_the_host_compresses_text_and_wasm_but_never_zip_or_wheels_and_counts_every_byte(folder: Path) -> None:
    traffic = Traffic()
    with serve({"site": folder}, traffic) as urls:
        base = urls["site"]
        seen = {}
        for path in ("a/", "m.wasm", "p.whl", "s.zip"):
            status, fields, body, received = raw_get(base + path, {"Accept-Encoding": "gzip, br"})
            assert status == 200
            seen[path] = (fields.get("content-encoding", ""), body, received, fields)
        status, fields, _, _ = raw_get(base + "a", {})
        assert status == 301 and fields["location"] == "/a/"
    assert seen["a/"][0] == "gzip" and gzip.decompress(seen["a/"][1]) == (folder / "a" / "index.html").read_bytes()
    assert seen["m.wasm"][0] == "gzip" and gzip.decompress(seen["m.wasm"][1]) == (folder / "m.wasm").read_bytes()
    assert seen["p.whl"][0] == "" and seen["p.whl"][1] == (folder / "p.whl").read_bytes()
    assert seen["s.zip"][0] == "" and seen["s.zip"][1] == (folder / "s.zip").read_bytes()
    assert seen["a/"][3]["cache-control"] == "max-age=600" and seen["a/"][3]["etag"]
    logged = {r.path.lstrip("/"): r for r in traffic.responses if r.status == 200}
    for path, (_, _, received, _) in seen.items():
        assert logged[path].wire == received  # status line, headers and body, as the client got them
    assert logged["m.wasm"].size == (folder / "m.wasm").stat().st_size


def test_a_known_etag_costs_a_304_without_body(folder: Path) -> None:
    traffic = Traffic()
    with serve({"site": folder}, traffic) as urls:
        _, fields, _, _ = raw_get(urls["site"] + "m.wasm", {"Accept-Encoding": "gzip"})
        status, again, body, received = raw_get(urls["site"] + "m.wasm",
                                                {"Accept-Encoding": "gzip", "If-None-Match": fields["etag"]})
    assert status == 304 and body == b"" and "content-length" not in again
    assert traffic.responses[-1].status == 304 and traffic.responses[-1].wire == received


def test_the_baseline_page_has_the_baselines_front_end_without_this_builds_preloads(tmp_path: Path) -> None:
    bench = load_benchmark()
    ours, before = tmp_path / "ours", tmp_path / "before"
    for site, chunk in ((ours, "chunk-NEW.js"), (before, "chunk-OLD.js")):
        for part in ("livedemo/chunks", "pyodide"):
            (site / "assets" / part).mkdir(parents=True)
        (site / "assets/livedemo/chunks" / chunk).write_text("export {};")
    (ours / "first").mkdir()
    (ours / "first/index.html").write_text(
        '<html><head><link rel="modulepreload" href="../assets/livedemo/chunks/chunk-NEW.js"></head><body></body></html>')
    folder = bench.build_baseline(tmp_path / "work", ours, before)
    assert (folder / "first/index.html").read_text() == "<html><head></head><body></body></html>"
    assert [p.name for p in (folder / "assets/livedemo/chunks").iterdir()] == ["chunk-OLD.js"]


def test_the_bare_page_has_pyodides_own_files_and_lock_with_the_vendored_numpy(tmp_path: Path) -> None:
    bench = load_benchmark()
    folder = bench.build_bare(tmp_path)
    npm = ROOT / "node_modules" / "pyodide"
    for name in bench.PYODIDE_RUNTIME:
        assert (folder / "pyodide" / name).read_bytes() == (npm / name).read_bytes(), name
    lock = json.loads((folder / "pyodide" / "pyodide-lock.json").read_text())
    published = json.loads((npm / "pyodide-lock.json").read_text())
    assert set(lock["packages"]) == set(published["packages"])
    wheel = next((ROOT / "vendor" / "pyodide-wheels").glob("numpy-*.whl"))
    assert lock["packages"]["numpy"]["file_name"] == wheel.name
    assert (folder / "pyodide" / wheel.name).read_bytes() == wheel.read_bytes()
    assert "./pyodide/pyodide.mjs" in (folder / "index.html").read_text()


WORKER_PAGE = """<!doctype html><script type="module">
const worker = new Worker("worker.js", { type: "module" });
worker.onmessage = (event) => { window.workerMs = event.data; };
</script>"""
WORKER = """const started = performance.now();
await (await fetch("blob.bin")).arrayBuffer();
postMessage(performance.now() - started);"""


def test_chromiums_network_emulation_throttles_the_workers_downloads(tmp_path: Path) -> None:
    """The benchmark applies the profiles with the DevTools protocol on the page; the runtime
    downloads happen in a worker, so the emulation must reach it (Chromium 156 does)."""
    from playwright.sync_api import sync_playwright

    bench = load_benchmark()
    (tmp_path / "index.html").write_text(WORKER_PAGE)
    (tmp_path / "worker.js").write_text(WORKER)
    (tmp_path / "blob.bin").write_bytes(bytes(400_000))  # not compressed (octet-stream)
    slow = bench.PROFILES["slow"]  # 200 KB/s: 2 s for the blob
    times = {}
    with serve({"site": tmp_path}, Traffic()) as urls, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for profile in (bench.PROFILES["loopback"], slow):
                context = browser.new_context()
                page = context.new_page()
                bench.emulate(context, page, profile)
                page.goto(urls["site"])
                page.wait_for_function("window.workerMs !== undefined", timeout=60_000)
                times[profile.name] = page.evaluate("window.workerMs")
                context.close()
        finally:
            browser.close()
    assert times["slow"] >= 1500, times  # 400 kB at 1.6 Mbit/s takes 2 s
    assert times["slow"] > 3 * times["loopback"], times


def test_the_page_is_built_with_the_sites_own_livedemo_options_and_repeats_are_per_profile() -> None:
    bench = load_benchmark()
    options = bench.site_options()
    assert options["vendored_wheels"] == str(ROOT / "vendor" / "pyodide-wheels")
    assert Path(options["vendored_wheels"]).is_dir()
    assert bench.repeats(None, bench.PROFILES["slow"]) == 3 and bench.repeats(None, bench.PROFILES["loopback"]) == 5
    assert bench.repeats("2", bench.PROFILES["4g"]) == 2
    assert bench.repeats("loopback=4,slow=1", bench.PROFILES["slow"]) == 1
    assert bench.repeats("loopback=4,slow=1", bench.PROFILES["4g"]) == 3
