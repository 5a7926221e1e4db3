"""Whatever a reader types, the block survives: a clear message, bounded output, and the next
ordinary run in the same block works. (Main-thread task lengths for the same cases are measured
by benchmarks/robustness.py, not here.)"""

from __future__ import annotations

from typing import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page

from livepage import RUN_TIMEOUT_MS, block, button, offline_context, replace_code, run, status_of, streams

SCRATCH = "Scratch"


@pytest.fixture(scope="module")
def scratch_context(browser) -> Iterator[BrowserContext]:
    context = offline_context(browser, viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield context
    context.close()


@pytest.fixture(scope="module")
def robust(scratch_context: BrowserContext, demo_url: str) -> Page:
    page = scratch_context.new_page()
    page.goto(demo_url + "robust/", wait_until="load")
    return page


def attempt(page: Page, code: str, *, timeout: float = RUN_TIMEOUT_MS):
    """Run ``code`` in the scratch block; return the block."""
    replace_code(page, SCRATCH, code)
    return run(page, SCRATCH, timeout=timeout)


def then_an_ordinary_run_works(page: Page) -> None:
    target = attempt(page, 'print("ok", 6 * 7)')
    assert status_of(target).startswith("Done in"), status_of(target)
    assert streams(target) == [("stdout", "ok 42\n")]


def fits_the_screen(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_a_flood_of_output_keeps_the_page_light_and_can_be_downloaded(robust: Page) -> None:
    target = attempt(robust, "for i in range(10**6):\n    print(i)", timeout=120_000)
    assert status_of(target).startswith("Done in")
    shown = streams(target)
    assert shown[0] == ("stdout", "".join(f"{i}\n" for i in range(500)))  # the first lines
    assert shown[-1][1].endswith("999998\n999999\n")  # and the latest
    assert sum(len(text) for _, text in shown) < 10_000
    gap = target.locator(".livedemo-gap-text").text_content()
    assert gap.startswith("⋯ 999,400 lines not shown here ⋯ Too many to show on the page at once")
    assert target.get_by_role("button", name="Show 999,400 lines").is_hidden()
    assert target.evaluate("el => el.getBoundingClientRect().height") < 2000
    with robust.expect_download() as info:
        target.get_by_role("button", name="Download all output (6.9 MB)").click()
    with open(info.value.path(), encoding="utf-8") as saved:
        assert saved.read() == "".join(f"{i}\n" for i in range(10**6))
    then_an_ordinary_run_works(robust)


def test_output_too_large_to_keep_says_what_was_dropped(robust: Page) -> None:
    target = attempt(robust, 'for i in range(1200):\n    print(str(i).rjust(10_000, "x"))', timeout=120_000)
    gap = target.locator(".livedemo-gap-text").text_content()
    assert "The output is too large to keep: Download has its first 8.0 MB, and" in gap
    assert target.get_by_role("button", name="Download the kept output (8.0 MB)").is_visible()
    fits_the_screen(robust)
    then_an_ordinary_run_works(robust)


def test_a_long_gap_can_be_shown_in_place(robust: Page) -> None:
    target = attempt(robust, "for i in range(1200):\n    print('line', i)")
    target.get_by_role("button", name="Show 600 lines").click()
    assert "".join(text for _, text in streams(target)) == "".join(f"line {i}\n" for i in range(1200))
    assert target.locator(".livedemo-gap").count() == 0


def test_a_huge_message_is_short_in_the_status_and_cut_in_the_output(robust: Page) -> None:
    target = attempt(robust, 'raise ValueError("x" * 10**6)')
    status = status_of(target)
    assert status.startswith("Error: ValueError: xxx") and status.endswith("… (the full message is below)")
    assert len(status) < 220
    traceback = target.locator(".livedemo-output pre.livedemo-error").text_content()
    assert traceback.rstrip().endswith("… (998,012 more characters)")
    fits_the_screen(robust)
    then_an_ordinary_run_works(robust)


def test_a_long_url_in_a_message_wraps(robust: Page) -> None:
    target = attempt(robust, 'raise FileNotFoundError("https://example.org/" + "a" * 250)')
    assert "FileNotFoundError" in status_of(target)
    fits_the_screen(robust)
    status_box = target.locator(".livedemo-status").bounding_box()
    assert status_box["x"] + status_box["width"] <= 1280


def test_an_invalid_plot_spec_is_explained_and_the_status_says_so(robust: Page) -> None:
    target = attempt(robust, (
        "from livedemo import show\n"
        "show({'description': 'bad', 'data': {'values': [{'a': 1}]}, 'mark': 'dot',\n"
        "      'encoding': {'x': {'field': 'a', 'type': 'quantitative'}}})"
    ))
    problem = target.locator(".livedemo-plot-problem")
    problem.wait_for(timeout=30_000)
    assert problem.text_content().startswith(
        "The plot could not be drawn: the plot's spec is not valid Vega-Lite at mark: \"dot\" is not one of")
    target.locator(".livedemo-status[data-state=error]").wait_for()
    assert "but a plot could not be drawn (see below)" in status_of(target)
    then_an_ordinary_run_works(robust)


def test_a_huge_plot_is_refused_with_what_to_do(robust: Page) -> None:
    target = attempt(robust, "from livedemo import show\nshow({'data': {'values': [{'x': i} for i in range(100_000)]}, 'mark': 'point'})")
    error = target.locator(".livedemo-output pre.livedemo-error").text_content()
    assert "this plot has 100,000 data values, more than the 5,000 a plot may draw" in error
    assert "one point in 20" in error
    assert target.locator("figure").count() == 0


@pytest.mark.parametrize(("code", "says"), [
    ("import js\njs.document", "Demos run in a Web Worker, away from the page: there is no document or window."),
    ("import scipy", "No module named 'scipy' in the browser: it is not available on this site (it ships: metalearn, numpy"),
    ("import urllib.request\nurllib.request.urlopen('https://example.org/')", "demos have no network access"),
    ("bytearray(4 * 1024**3)", "The browser's Python is 32-bit"),
    ("import threading\nthreading.Thread(target=print).start()", "demos cannot start threads"),
])
def test_what_the_browser_cannot_do_is_said_in_one_line(robust: Page, code: str, says: str) -> None:
    target = attempt(robust, code)
    traceback = target.locator(".livedemo-output pre.livedemo-error").text_content()
    assert says in traceback
    assert traceback.count('  File "') <= 3, traceback  # the demo's frames, library runs folded
    then_an_ordinary_run_works(robust)


def test_top_level_await_and_colours_give_the_build_output(robust: Page) -> None:
    for title, expected in (("Awaits", "awaited 45\n"), ("Colours", "bold red and plain\n")):
        target = block(robust, title)
        assert streams(target) == [("stdout", expected)]  # at build time
        run(robust, title)
        assert status_of(target).startswith("Done in") and streams(target) == [("stdout", expected)]


@pytest.mark.parametrize(("code", "status", "says"), [
    ("import pyodide_js\npyodide_js._api.fatal_error(Exception('simulated internal error'))",
     "Error: Python crashed; a fresh one starts for the next run.", "Python stopped working while this demo ran"),
    ("import js\njs.self.close()",
     "Error: Python crashed; a fresh one starts for the next run.", "The Python worker stopped without a word"),
])
def test_a_worker_that_crashes_or_dies_is_replaced_and_others_do_not_wait(
    robust: Page, code: str, status: str, says: str
) -> None:
    replace_code(robust, SCRATCH, code)
    other = block(robust, "Other")
    other.locator(".livedemo-status").evaluate("el => { el.dataset.state = ''; }")
    button(block(robust, SCRATCH), "Run", SCRATCH).click()
    button(other, "Run", "Other").click()  # queued behind the crash
    target = block(robust, SCRATCH)
    target.locator(".livedemo-status[data-state=error]").wait_for(timeout=15_000)  # not the 60 s limit
    assert status_of(target) == status
    assert says in target.locator(".livedemo-output").inner_text()
    other.locator(".livedemo-status[data-state=done]").wait_for(timeout=RUN_TIMEOUT_MS)
    assert streams(other) == [("stdout", "other ok\n")]
    then_an_ordinary_run_works(robust)


def test_a_block_cannot_break_the_builtins_or_libraries_of_the_next(robust: Page) -> None:
    for code in ("import builtins\ndel builtins.print", "import sys\nsys.stdout = None",
                 "import numpy\nnumpy.sum = None"):
        assert status_of(attempt(robust, code)).startswith("Done in")
        other = run(robust, "Other")
        assert status_of(other).startswith("Done in") and streams(other) == [("stdout", "other ok\n")]
    target = attempt(robust, "import numpy\nprint(numpy.sum([1, 2]))")
    assert streams(target) == [("stdout", "3\n")]


def test_reset_restores_the_sessions_python_state_and_keeps_edits_elsewhere(robust: Page) -> None:
    replace_code(robust, SCRATCH, "print('my edit')")  # a reader's edit in another block
    uses = run(robust, "Uses the session")
    assert streams(uses) == [("stdout", "value 42\n")]
    replace_code(robust, "Breaks a session", "globals().clear()")
    run(robust, "Breaks a session")
    assert "NameError: name 'value' is not defined" in status_of(run(robust, "Uses the session"))
    button(block(robust, "Breaks a session"), "Reset", "Breaks a session").click()
    uses = run(robust, "Uses the session")  # replays the reset block: value = 41
    assert status_of(uses).startswith("Done in") and streams(uses) == [("stdout", "value 42\n")]
    assert "print('my edit')" in block(robust, SCRATCH).locator(".cm-content").inner_text()


def test_a_progress_line_rewritten_with_carriage_returns_shows_its_latest_state(robust: Page) -> None:
    built = streams(block(robust, "Progress line"))
    assert built == [("stdout", "100%\ndone\n")]
    assert streams(run(robust, "Progress line")) == built  # live equals the build
    target = attempt(robust, (
        "import time\nprint('abcdef\\rXY')\nfor p in range(0, 101, 25):\n"
        "    print(f'\\r{p}%', end='', flush=True)\n    time.sleep(0.1)\nprint(' finished')"
    ))
    assert streams(target) == [("stdout", "XYcdef\n100% finished\n")]


def test_os_exit_reports_the_exit_and_its_code_and_python_keeps_running(robust: Page) -> None:
    target = attempt(robust, "x_before = 1\nimport os\nos._exit(1)")
    assert status_of(target) == (
        "Error: ProcessExit: os._exit(1) exits the process with code 1: in a demo it ends only this run")
    assert "more memory" not in target.locator(".livedemo-output").inner_text()
    then_an_ordinary_run_works(robust)
    # An exit os._exit cannot catch (posix._exit, a C exit()) ends Python: said with its code.
    target = attempt(robust, "import posix\nposix._exit(2)")
    assert status_of(target) == "Error: Python exited with code 2; a fresh one starts for the next run."
    assert "Python exited with code 2 while this demo ran" in target.locator(".livedemo-output").inner_text()
    then_an_ordinary_run_works(robust)


def test_an_undeclared_shipped_package_is_refused_even_when_another_block_loaded_it(robust: Page) -> None:
    assert status_of(attempt(robust, "import numpy\nprint(numpy.pi)")).startswith("Done in")  # Scratch declares numpy
    target = run(robust, "Undeclared")
    error = target.locator(".livedemo-output pre.livedemo-error").text_content()
    assert ("No module named 'numpy' in the browser: numpy is shipped by this site, but this block does "
            "not declare it (declared: none): add it to packages=\"numpy\" on the demo's fence") in error


@pytest.mark.parametrize(("code", "status"), [
    ("import sys\nsys.setrecursionlimit(10**6)\ndef f(n):\n    return f(n + 1)\nf(0)",
     "Error: RecursionError: maximum recursion depth exceeded"),
    ("import sys\nsys.setrecursionlimit(10**6)\ndef f(n):\n    return list(map(f, [n + 1]))\nf(0)",
     "Error: RecursionError: the browser's stack ran out; a fresh Python starts for the next run."),
])
def test_runaway_recursion_after_raising_the_limit_is_reported_within_seconds(
    robust: Page, code: str, status: str
) -> None:
    replace_code(robust, SCRATCH, code)
    target = block(robust, SCRATCH)
    target.locator(".livedemo-status").evaluate("el => { el.dataset.state = 'waiting-for-test'; }")
    button(target, "Run", SCRATCH).click()
    target.locator(".livedemo-status[data-state=error]").wait_for(timeout=15_000)  # not the 60 s limit
    assert status_of(target) == status
    assert "RecursionError" in target.locator(".livedemo-output").inner_text()
    then_an_ordinary_run_works(robust)
