"""The editor: keyboard access, stale output, Ctrl-Enter, Reset, and a 390 px wide screen."""

from __future__ import annotations

from playwright.sync_api import Browser, Page

from livepage import block, button, offline_context, open_editor, run, streams

STALE = "Output is from the original code; press Run to update"


def test_escape_then_tab_leaves_the_editor(demos: Page) -> None:
    target = open_editor(demos, "Raises")
    demos.keyboard.press("End")
    demos.keyboard.press("Tab")  # Tab indents: the editor keeps the focus
    assert demos.evaluate("!!document.activeElement.closest('.cm-editor')")
    demos.keyboard.press("Escape")
    demos.keyboard.press("Tab")
    assert demos.evaluate("!document.activeElement.closest('.cm-editor')")
    assert demos.evaluate("document.activeElement.tagName") in {"BUTTON", "PRE", "A", "DIV"}
    button(target, "Reset", "Raises").click()


def test_editing_marks_build_output_stale_and_reset_restores(demos: Page) -> None:
    target = open_editor(demos, "Deterministic")
    original = target.locator(".cm-content").inner_text()
    reset = button(target, "Reset", "Deterministic")
    assert reset.get_attribute("aria-disabled") == "true"
    demos.keyboard.press("Control+Home")
    demos.keyboard.type("# edited\n")
    assert target.locator(".livedemo-output .livedemo-stale").text_content() == STALE
    assert "livedemo-output--stale" in target.locator(".livedemo-output").get_attribute("class")
    reset.click()
    assert target.locator(".cm-content").inner_text() == original
    assert target.locator(".livedemo-stale").count() == 0
    assert reset.get_attribute("aria-disabled") == "true"


def test_ctrl_enter_runs_the_edited_code(demos: Page) -> None:
    target = open_editor(demos, "Markup stays text")
    demos.keyboard.press("Control+a")
    demos.keyboard.type('print("edited", 6 * 7)')
    run(demos, "Markup stays text", via=lambda: demos.keyboard.press("Control+Enter"))
    assert streams(target) == [("stdout", "edited 42\n")]
    button(target, "Reset", "Markup stays text").click()


def test_usable_at_390_px(browser: Browser, demo_url: str) -> None:
    context = offline_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(demo_url + "demos/", wait_until="load")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        target = block(page, "Deterministic")
        for action in ("Run", "Stop", "Reset"):
            box = button(target, action, "Deterministic").bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
            assert box["height"] >= 24
        scroller = target.locator(".livedemo-code pre > code")
        assert scroller.evaluate(  # the code scrolls sideways, not the page
            "el => el.scrollWidth > el.clientWidth && getComputedStyle(el).overflowX === 'auto'"
        )
    finally:
        context.close()
