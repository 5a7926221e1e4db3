"""Stop, the time limit, and how sessions recover (restart on static hosting, interrupt when isolated)."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page

from livepage import block, button, run, status_of, streams, wait_settled


def test_stop_ends_an_endless_loop_and_the_next_run_works(demos: Page) -> None:
    run(demos, "Hello")  # session s1 has run in this worker
    forever = block(demos, "Forever")
    button(forever, "Run", "Forever").click()
    forever.locator(".livedemo-status[data-state=busy]").get_by_text("Running…").wait_for()
    # Output is streamed while Python still runs.
    forever.locator(".livedemo-output pre.livedemo-stream").get_by_text("looping").wait_for(timeout=5_000)
    assert forever.locator(".livedemo-status[data-state=busy]").count() == 1
    button(forever, "Stop", "Forever").click()
    wait_settled(forever, timeout=10_000)
    assert status_of(forever).startswith("Stopped")
    assert forever.locator(".livedemo-output .livedemo-note").text_content() == "Stopped."

    # The worker was replaced: "Uses x" replays "Hello" (its session) first, then runs.
    hello = block(demos, "Hello")
    hello.locator(".livedemo-status").evaluate("el => { el.dataset.state = ''; }")
    uses = run(demos, "Uses x")
    assert streams(uses) == [("stdout", "x is still 21\n")]
    assert streams(hello) == [("stdout", "hello 42\n")]
    assert status_of(hello).startswith("Done in")


def test_time_limit_stops_a_run_keeps_its_output_and_names_the_limit(demos: Page) -> None:
    limited = run(demos, "Time limit", timeout=30_000)
    message = "Stopped: this demo ran longer than its time limit of 2 s."
    assert status_of(limited) == message
    assert streams(limited) == [("stdout", "started\n")]  # what it printed before the limit
    assert limited.locator(".livedemo-output .livedemo-note").text_content() == message
    again = run(demos, "Deterministic")
    assert status_of(again).startswith("Done in")


def test_stop_interrupts_in_place_when_cross_origin_isolated(
    fresh_context: BrowserContext, isolated_url: str
) -> None:
    page = fresh_context.new_page()
    workers: list[str] = []
    page.on("request", lambda request: request.url.endswith("/worker.js") and workers.append(request.url))
    page.goto(isolated_url + "demos/", wait_until="load")
    assert page.evaluate("crossOriginIsolated") is True
    counter = block(page, "Counter")
    button(counter, "Run", "Counter").click()
    counter.locator(".livedemo-status[data-state=busy]").get_by_text("Running…").wait_for(timeout=60_000)
    page.wait_for_timeout(300)
    button(counter, "Stop", "Counter").click()
    wait_settled(counter, timeout=10_000)
    assert status_of(counter) == "Stopped."
    # KeyboardInterrupt kept the namespace: no replay of the endless "Counter" is needed.
    so_far = run(page, "Count so far", timeout=10_000)
    assert streams(so_far) == [("stdout", "count is positive: True\n")]
    assert len(workers) == 1
