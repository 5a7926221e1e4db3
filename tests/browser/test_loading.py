"""What a page costs before and after intent, and what happens when the runtime cannot load."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page

from livepage import block, button, run, status_of, streams

PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib_boot.json",
                 "python_stdlib_boot_bytecode.zip", "pyodide-lock.json")  # loopback: bytecode (boot-zip.js)


def _is_runtime(url: str) -> bool:
    return "/assets/pyodide/" in url or url.endswith("/assets/livedemo/worker.js")


def test_no_pyodide_bytes_before_intent(fresh_context: BrowserContext, demo_url: str) -> None:
    page = fresh_context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(demo_url + "demos/", wait_until="networkidle")
    page.mouse.wheel(0, 3000)  # reading and scrolling is not intent
    page.wait_for_timeout(300)
    assert page.locator(".livedemo-controls").count() == page.locator(".livedemo").count() > 5
    assert [url for url in requests if _is_runtime(url)] == []
    assert not any("/chunks/editor-" in url or "/chunks/plots-" in url for url in requests)

    # Hovering Run is intent: the worker boots and fetches the runtime, but nothing runs.
    button(block(page, "Hello"), "Run", "Hello").hover()
    expected = {"worker.js", *PYODIDE_FILES}
    for _ in range(100):
        fetched = {url.rsplit("/", 1)[-1] for url in requests if _is_runtime(url)}
        if expected <= fetched:
            break
        page.wait_for_timeout(100)
    assert expected <= fetched
    assert page.locator(".livedemo-output[data-origin=live]").count() == 0


def test_home_page_math_is_rendered_and_loads_no_runtime(fresh_context: BrowserContext, demo_url: str) -> None:
    page = fresh_context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(demo_url, wait_until="networkidle")
    assert page.locator(".arithmatex .katex-display").count() == 1  # typeset at build time
    assert page.locator(".arithmatex:not([data-math=katex])").count() == 0
    assert page.locator(".katex-error").count() == 0
    assert [url for url in requests if _is_runtime(url)] == []


def test_runtime_that_cannot_load_says_so_in_the_block(fresh_context: BrowserContext, demo_url: str) -> None:
    page = fresh_context.new_page()
    fresh_context.route("**/assets/pyodide/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(demo_url + "demos/", wait_until="load")
    hello = block(page, "Hello")
    button(hello, "Run", "Hello").click()
    hello.locator(".livedemo-status[data-state=error]").wait_for(timeout=30_000)
    assert "Python could not start" in status_of(hello)
    message = hello.locator(".livedemo-output .livedemo-error").inner_text()
    assert "Python could not start" in message and "press Run to try again" in message
    assert streams(hello) == [("stdout", "hello 42\n")]  # the build output is kept
    assert button(hello, "Run", "Hello").get_attribute("aria-disabled") == "false"


def test_front_end_that_cannot_load_says_so_in_the_block(fresh_context: BrowserContext, demo_url: str) -> None:
    fresh_context.route("**/assets/livedemo/chunks/live-*.js", lambda route: route.abort())
    page = fresh_context.new_page()
    page.goto(demo_url + "demos/", wait_until="load")
    hello = block(page, "Hello")
    button(hello, "Run", "Hello").click()
    hello.locator(".livedemo-status[data-state=error]").wait_for(timeout=10_000)
    assert status_of(hello).startswith("The live demo could not load")
    assert streams(hello) == [("stdout", "hello 42\n")]  # the build output is kept


def test_intent_downloads_the_pages_packages_while_python_boots(fresh_context: BrowserContext, demo_url: str) -> None:
    """A first run does not wait for Python and then for numpy: numpy comes during the boot."""
    page = fresh_context.new_page()
    wheels: list[str] = []
    page.on("request", lambda request: request.url.endswith(".whl") and wheels.append(request.url))
    page.goto(demo_url + "demos/", wait_until="load")
    button(block(page, "Hello"), "Run", "Hello").hover()  # intent only: nothing runs
    for _ in range(200):
        if wheels:
            break
        page.wait_for_timeout(100)
    assert [url.rsplit("/", 1)[-1].split("-")[0] for url in wheels] == ["numpy"]  # the page declares numpy
    assert page.locator(".livedemo-output[data-origin=live]").count() == 0


SNAPSHOTS = "caches.open('livedemo-python-snapshots').then((c) => c.keys()).then((keys) => keys.map((k) => k.url))"


def _snapshot_urls(page: Page) -> list[str]:
    for _ in range(100):  # the worker stores it after the boot, compressed, in the background
        urls = page.evaluate(SNAPSHOTS)
        if urls:
            return urls
        page.wait_for_timeout(100)
    return []


def test_a_returning_reader_starts_from_a_snapshot_without_state_from_earlier_runs(
    fresh_context: BrowserContext, demo_url: str
) -> None:
    first = fresh_context.new_page()
    first.goto(demo_url + "demos/", wait_until="load")
    assert first.evaluate(SNAPSHOTS) == []
    block(first, "Hello").evaluate(  # a run that changes a module, which a snapshot must not keep
        "el => { el.querySelector('.livedemo-code pre code').textContent = 'import math\\nmath.changed = True'; }"
    )
    leak = run(first, "Hello")
    assert status_of(leak).startswith("Done in")
    (url,) = _snapshot_urls(first)
    assert "/livedemo-snapshot/314.0.7/" in url
    first.close()

    second = fresh_context.new_page()
    second.goto(demo_url + "demos/", wait_until="load")
    block(second, "Numpy").evaluate(
        "el => { el.querySelector('.livedemo-code pre code').textContent = "
        "'import math, sys\\nprint(hasattr(math, \"changed\"), \"numpy\" in sys.modules)'; }"
    )
    result = run(second, "Numpy", timeout=120_000)
    assert streams(result) == [("stdout", "False False\n")], status_of(result)


def test_a_damaged_snapshot_is_dropped_and_python_boots(fresh_context: BrowserContext, demo_url: str) -> None:
    page = fresh_context.new_page()
    page.goto(demo_url + "demos/", wait_until="load")
    run(page, "Hello")
    (url,) = _snapshot_urls(page)
    page.evaluate("url => caches.open('livedemo-python-snapshots').then((c) => c.put(url, new Response('damaged')))", url)
    page.close()
    again = fresh_context.new_page()
    again.goto(demo_url + "demos/", wait_until="load")
    hello = run(again, "Hello")
    assert streams(hello) == [("stdout", "hello 42\n")], status_of(hello)
