"""The boot standard library in the browser (livedemo/bootstdlib.py, livedemo/lazystdlib.py,
assets/src/boot-zip.js).

Python boots with the boot zip, not Pyodide's whole python_stdlib.zip: as bytecode
(python_stdlib_boot_bytecode.zip) on a fast link, as sources (python_stdlib_boot.zip) on a slow
one, as the page measures it on the wasm download (here under Chromium's emulation of the
benchmarks' profiles); a returning reader's snapshot keeps the zip it was made with. A module
outside it still imports, after one download of python_stdlib_rest.zip; a demo's traceback
inside the demo library still shows the library's source line, and frames in either boot zip
fold as library frames.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, CDPSession, Page

from livedemo.bootstdlib import module_name
from livepage import block, button, replace_code, run, status_of, streams

BYTECODE, SOURCE = "python_stdlib_boot_bytecode.zip", "python_stdlib_boot.zip"
# benchmarks/first_output.py's profiles: round trip (ms), down and up (Mbit/s)
PROFILES = {"4g": (60, 9, 1.5), "slow": (150, 1.6, 0.75)}
SNAPSHOTS = "caches.open('livedemo-python-snapshots').then((c) => c.keys()).then((keys) => keys.map((k) => k.url))"

OUTSIDE = """\
import xml.dom.minidom
import email.mime.text
print(xml.dom.minidom.parseString("<a>b</a>").documentElement.tagName)
print(email.mime.text.MIMEText("hi")["Content-Type"])
"""


def _boot_entries(site: Path) -> set[str]:
    """The boot zip's modules, by name (its entries are sources or bytecode: stdlib_bytecode)."""
    with zipfile.ZipFile(site / "assets/pyodide" / SOURCE) as archive:
        return {module_name(name) for name in archive.namelist()}


def _reuse_numpy_block(page: Page, code: str, packages: list[str]) -> None:
    """Before intent, give the "Numpy" block other code and packages (as an author would)."""
    block(page, "Numpy").evaluate(
        """(el, [code, packages]) => {
            const options = JSON.parse(el.dataset.livedemo);
            el.dataset.livedemo = JSON.stringify({...options, packages});
            el.querySelector('.livedemo-code pre code').textContent = code;
        }""",
        [code, packages],
    )


def _open_demos(context: BrowserContext, demo_url: str) -> tuple[Page, list[str], list[str]]:
    """The demos page, with every request's URL and every console message recorded."""
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    said: list[str] = []
    page.on("console", lambda message: said.append(message.text))
    page.goto(demo_url + "demos/", wait_until="load")
    return page, requests, said


def _stdlib_requests(requests: list[str]) -> list[str]:
    return [url.rsplit("/", 1)[1] for url in requests if "/python_stdlib" in url and url.endswith(".zip")]


def _emulate(page: Page, profile: str) -> CDPSession:
    """Chromium's emulation of ``profile`` on ``page`` (and its worker), as the benchmark sets it."""
    latency, down, up = PROFILES[profile]
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": latency, "downloadThroughput": down * 1e6 / 8, "uploadThroughput": up * 1e6 / 8,
    })
    return session


def _boot_zip_under(page: Page, requests: list[str], profile: str) -> str:
    """Show intent under ``profile``'s emulation until the worker asks for a boot zip, then lift
    the emulation (the rest downloads at loopback speed: the test does not wait minutes)."""
    session = _emulate(page, profile)
    button(block(page, "Hello"), "Run", "Hello").hover()
    for _ in range(300):
        if _stdlib_requests(requests):
            break
        page.wait_for_timeout(50)
    session.send("Network.emulateNetworkConditions",
                 {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    (zip_name,) = _stdlib_requests(requests)
    return zip_name


def _snapshot_urls(page: Page) -> list[str]:
    for _ in range(150):  # the worker stores it after the boot, compressed, in the background
        urls = page.evaluate(SNAPSHOTS)
        if urls:
            return urls
        page.wait_for_timeout(100)
    return []


def test_the_numpy_demo_needs_only_the_boot_standard_library(
    fresh_context: BrowserContext, demo_url: str, demo_site: Path
) -> None:
    entries = _boot_entries(demo_site)
    with zipfile.ZipFile(demo_site / "assets/pyodide/python_stdlib.zip") as full:
        assert len(entries) < len(full.namelist()) / 2  # a real cut, or this test proves nothing
    page, requests, said = _open_demos(fresh_context, demo_url)
    numpy = run(page, "Numpy", timeout=120_000)
    assert status_of(numpy).startswith("Done in"), status_of(numpy)
    assert streams(numpy) == [("stdout", "[3, 5, 7]\n")]
    assert _stdlib_requests(requests) == [BYTECODE], said  # loopback: a fast link


@pytest.mark.parametrize(("profile", "expected"), [("slow", SOURCE), ("4g", BYTECODE)])
def test_the_link_chooses_the_boot_zip_and_the_numpy_demo_runs(
    fresh_context: BrowserContext, demo_url: str, profile: str, expected: str
) -> None:
    page, requests, said = _open_demos(fresh_context, demo_url)
    assert _boot_zip_under(page, requests, profile) == expected, said
    numpy = run(page, "Numpy", timeout=120_000)
    assert status_of(numpy).startswith("Done in"), (status_of(numpy), said)
    assert streams(numpy) == [("stdout", "[3, 5, 7]\n")]
    assert _stdlib_requests(requests) == [expected]


def test_a_returning_reader_keeps_the_boot_zip_of_its_snapshot(fresh_context: BrowserContext, demo_url: str) -> None:
    first, requests, said = _open_demos(fresh_context, demo_url)
    assert _boot_zip_under(first, requests, "slow") == SOURCE, said
    assert streams(run(first, "Hello")) == [("stdout", "hello 42\n")]
    assert _snapshot_urls(first), "no snapshot was kept"
    first.close()
    requests.clear()
    # Loopback now, a fast link: a fresh boot would take bytecode; the snapshot's zip is kept
    # (a snapshot found stale with it would be dropped and the boot would take bytecode).
    second = fresh_context.new_page()
    second.goto(demo_url + "demos/", wait_until="load")
    numpy = run(second, "Numpy", timeout=120_000)
    assert streams(numpy) == [("stdout", "[3, 5, 7]\n")], status_of(numpy)
    assert _stdlib_requests(requests) == [SOURCE]


FOLDED = "import json\njson.dumps(object())\n"  # four frames in the json package, raising in the last


@pytest.mark.parametrize(("profile", "expected"), [("slow", SOURCE), (None, BYTECODE)])
def test_frames_in_either_boot_zip_fold_as_library_frames(
    fresh_context: BrowserContext, demo_url: str, profile: str | None, expected: str
) -> None:
    page, requests, said = _open_demos(fresh_context, demo_url)
    _reuse_numpy_block(page, FOLDED, [])  # before intent: the page reads the blocks then
    if profile:
        assert _boot_zip_under(page, requests, profile) == expected, said
    target = run(page, "Numpy", timeout=120_000)
    assert _stdlib_requests(requests) == [expected]
    traceback = target.locator(".livedemo-output pre.livedemo-error").text_content() or ""
    assert "TypeError: Object of type object is not JSON serializable" in traceback, traceback
    assert "2 more frames in Python's libraries" in traceback, traceback
    assert "/lib/python314.zip/json/__init__.py" in traceback and "/lib/python314.zip/json/encoder.py" in traceback
    assert "json.dumps(object())" in traceback  # the demo's own line


def test_a_module_outside_the_boot_zip_imports_after_one_download(
    fresh_context: BrowserContext, demo_url: str, demo_site: Path
) -> None:
    entries = _boot_entries(demo_site)
    assert "xml.dom.minidom" not in entries and "xml" not in entries
    assert "email" in entries and "email.mime.text" not in entries  # a package cut in two
    page, requests, said = _open_demos(fresh_context, demo_url)
    _reuse_numpy_block(page, OUTSIDE, [])
    target = run(page, "Numpy", timeout=120_000)
    assert status_of(target).startswith("Done in"), (status_of(target), said)
    assert streams(target) == [("stdout", "a\ntext/plain; charset=\"us-ascii\"\n")]
    assert _stdlib_requests(requests) == [BYTECODE, "python_stdlib_rest.zip"]
    # Another module from the rest, as a reader edits the code: no second download.
    replace_code(page, "Numpy", "import tomllib\nprint(tomllib.loads('a = 1'))")
    target = run(page, "Numpy", timeout=120_000)
    assert streams(target) == [("stdout", "{'a': 1}\n")], status_of(target)
    assert _stdlib_requests(requests) == [BYTECODE, "python_stdlib_rest.zip"]


def test_a_traceback_inside_metalearn_shows_its_source_line(
    fresh_context: BrowserContext, demo_url: str
) -> None:
    page = fresh_context.new_page()
    page.goto(demo_url + "demos/", wait_until="load")
    code = ("import numpy as np\nfrom metalearn.mlp import forward, init_mlp\n"
            "forward(init_mlp(np.random.default_rng(0), [1, 4, 1]), np.zeros((1, 3, 1)), activation='nope')\n")
    _reuse_numpy_block(page, code, ["numpy", "metalearn"])
    target = run(page, "Numpy", timeout=120_000)
    assert "ValueError" in status_of(target), status_of(target)
    traceback = target.locator(".livedemo-output pre.livedemo-error").text_content() or ""
    assert "metalearn/mlp.py" in traceback, traceback
    assert "raise ValueError(f\"unknown activation {activation!r}\")" in traceback, traceback
