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


def _codes(page: Page) -> list[str]:
    return page.locator(".livedemo").evaluate_all(
        """els => els.map(el => el.querySelector('.cm-content')
            ? [...el.querySelectorAll('.cm-line')].map(line => line.textContent).join('\\n')
            : el.querySelector('.livedemo-code pre > code').textContent)"""
    )


def test_moving_through_the_page_with_tab_never_changes_code(fresh_context, demo_url: str) -> None:
    page = fresh_context.new_page()
    page.goto(demo_url + "demos/", wait_until="load")
    before = _codes(page)
    # Open one editor and leave it, as a reader who edited a block and moved on would.
    target = open_editor(page, "Deterministic")
    page.keyboard.press("Escape")
    assert target.locator(".cm-scroller").evaluate("el => el === document.activeElement")
    page.locator("body").focus()
    stops = page.evaluate("document.querySelectorAll('a[href], button, [tabindex=\"0\"], summary').length")
    for key in ("Tab", "Shift+Tab"):
        for _ in range(stops + 5):
            page.keyboard.press(key)
            assert not page.evaluate("!!document.activeElement.closest('.cm-content')"), "Tab entered an editing area"
    assert _codes(page) == before


def test_enter_starts_editing_and_escape_stops_it(fresh_context, demo_url: str) -> None:
    page = fresh_context.new_page()
    page.goto(demo_url + "demos/", wait_until="load")
    target = block(page, "Deterministic")
    code = target.locator(".livedemo-code pre > code")
    code.focus()
    assert code.get_attribute("aria-describedby")
    assert page.locator("#" + code.get_attribute("aria-describedby")).text_content() == "Press Enter to edit the code."
    page.wait_for_timeout(500)
    assert target.locator(".cm-editor").count() == 0  # focus alone does not start editing
    page.keyboard.press("Enter")
    target.locator(".cm-editor.cm-focused").wait_for()
    content = target.locator(".cm-content")
    hint = page.locator("#" + content.get_attribute("aria-describedby"))
    assert hint.is_visible() and hint.text_content() == "Editing · Tab indents · Esc stops editing · Ctrl+Enter runs"
    page.keyboard.press("Tab")  # while editing, Tab indents
    assert content.inner_text().startswith("    ")
    page.keyboard.press("Escape")
    assert target.locator(".cm-scroller").evaluate("el => el === document.activeElement")
    assert not hint.is_visible()
    page.keyboard.press("Enter")  # and back
    target.locator(".cm-editor.cm-focused").wait_for()


def test_on_a_touch_screen_there_is_no_keyboard_hint(browser: Browser, demo_url: str) -> None:
    context = offline_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(demo_url + "demos/", wait_until="load")
        target = block(page, "Deterministic")
        target.locator(".livedemo-code pre > code").dispatch_event("pointerdown", {"pointerType": "touch"})
        page.wait_for_timeout(500)
        assert target.locator(".cm-editor").count() == 0  # touching to scroll does not edit
        target.locator(".livedemo-code pre").tap()  # a tap does
        target.locator(".cm-editor.cm-focused").wait_for()
        assert target.locator(".livedemo-hint").is_hidden()
    finally:
        context.close()


def test_reset_returns_to_the_page_as_built(demos: Page) -> None:
    target = block(demos, "Deterministic")
    built = streams(target)
    target = open_editor(demos, "Deterministic")
    demos.keyboard.press("Control+a")
    demos.keyboard.type('print("changed")')
    run(demos, "Deterministic", via=lambda: demos.keyboard.press("Control+Enter"))
    assert streams(target) == [("stdout", "changed\n")]
    button(target, "Reset", "Deterministic").click()
    assert streams(target) == built
    assert target.locator(".livedemo-output").get_attribute("data-origin") == "build"
    assert target.locator(".livedemo-status").text_content() == ""
    assert target.locator(".livedemo-stale").count() == 0
    assert button(target, "Reset", "Deterministic").get_attribute("aria-disabled") == "true"


def test_copy_copies_the_code_as_edited(browser: Browser, demo_url: str) -> None:
    context = offline_context(browser, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(demo_url + "demos/", wait_until="load")
        target = block(page, "Hello")
        button(target, "Copy", "Hello").click()
        target.locator(".livedemo-status").get_by_text("Copied the code.").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == 'x = 21\nprint("hello", x * 2)'
        open_editor(page, "Hello")
        page.keyboard.press("Control+End")
        page.keyboard.type("\n# mine")
        button(target, "Copy", "Hello").click()
        target.locator(".livedemo-status").get_by_text("Copied your edited code.").wait_for()
        assert page.evaluate("navigator.clipboard.readText()").endswith("# mine")
    finally:
        context.close()
