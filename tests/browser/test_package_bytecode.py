"""A returning reader's packages import from the bytecode compiled on an earlier visit
(livedemo/assets/src/bytecode-cache.js): kept per wheel, put back beside the sources, dropped
when damaged."""

from __future__ import annotations

import json

from playwright.sync_api import BrowserContext, Page

from livepage import block, run, status_of, streams

KEPT = "caches.open('livedemo-package-bytecode').then((c) => c.keys()).then((keys) => keys.map((k) => k.url))"
NUMPY_OUTPUT = [("stdout", "[3, 5, 7]\n")]

# numpy's .pyc as this view found it: its PEP 552 flags (1: unchecked hash, as the cache writes
# them; None: there is none, Python compiled the source and wrote nothing) and whether its
# source is still there.
PROBE = """import os, numpy
flags = None
if os.path.isfile(numpy.__spec__.cached):
    with open(numpy.__spec__.cached, "rb") as stream:
        flags = int.from_bytes(stream.read(8)[4:8], "little")
print(flags, os.path.isfile(numpy.__file__), numpy.__file__.endswith(".py"))
"""


def _kept(page: Page) -> list[str]:
    for _ in range(100):  # kept after the run's answer, in the background
        urls = page.evaluate(KEPT)
        if urls:
            return urls
        page.wait_for_timeout(100)
    return []


def _kept_size(page: Page, url: str) -> int:
    """The size of the entry at ``url`` once it holds more than a damaged one (0: it never did)."""
    for _ in range(100):
        size = page.evaluate(
            "url => caches.open('livedemo-package-bytecode').then((c) => c.match(url))"
            ".then((r) => (r ? r.arrayBuffer() : null)).then((b) => (b ? b.byteLength : 0))", url,
        )
        if size > len("damaged"):
            return size
        page.wait_for_timeout(100)
    return 0


def _with_code(page: Page, title: str, code: str) -> None:
    block(page, title).evaluate(
        f"el => {{ el.querySelector('.livedemo-code pre code').textContent = {json.dumps(code)}; }}"
    )


def test_numpy_imports_from_the_bytecode_of_an_earlier_visit_with_its_sources(
    fresh_context: BrowserContext, demo_url: str
) -> None:
    first = fresh_context.new_page()
    first.goto(demo_url + "demos/", wait_until="load")
    assert first.evaluate(KEPT) == []
    numpy = run(first, "Numpy", timeout=120_000)
    assert streams(numpy) == NUMPY_OUTPUT, status_of(numpy)
    (url,) = _kept(first)
    assert "/livedemo-bytecode/314.0.7/" in url and url.endswith("/numpy-2.4.3-cp314-cp314-pyemscripten_2026_0_wasm32.whl")
    first.close()

    second = fresh_context.new_page()
    second.goto(demo_url + "demos/", wait_until="load")
    _with_code(second, "Numpy", PROBE)
    probe = run(second, "Numpy", timeout=120_000)
    assert streams(probe) == [("stdout", "1 True True\n")], status_of(probe)


def test_a_damaged_bytecode_entry_is_dropped_and_numpy_compiles_its_sources(
    fresh_context: BrowserContext, demo_url: str
) -> None:
    page = fresh_context.new_page()
    page.goto(demo_url + "demos/", wait_until="load")
    run(page, "Numpy", timeout=120_000)
    (url,) = _kept(page)
    page.evaluate("url => caches.open('livedemo-package-bytecode').then((c) => c.put(url, new Response('damaged')))", url)
    page.close()

    again = fresh_context.new_page()
    again.goto(demo_url + "demos/", wait_until="load")
    _with_code(again, "Numpy", PROBE)
    probe = run(again, "Numpy", timeout=120_000)
    # Compiled from the sources this time ...
    assert streams(probe) == [("stdout", "None True True\n")], status_of(probe)
    # ... and kept again, whole, for the next view.
    assert _kept_size(again, url) > 100_000
