"""axe-core (from node_modules) on the demo blocks: before intent, and after runs with the editor open."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import BrowserContext, Page

from livepage import open_editor, run

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def _violations(page: Page) -> list[str]:
    """WCAG A/AA violations inside the blocks. Syntax colours are left out of the contrast
    rule: they are Material's highlight palette, shared with every code block of the site."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
            const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
            const all = await axe.run({include: [['.livedemo']]}, {
                runOnly: {type: 'tag', values: tags}, rules: {'color-contrast': {enabled: false}},
            });
            const contrast = await axe.run(
                {include: [['.livedemo']], exclude: [['.livedemo-code']]},
                {runOnly: {type: 'rule', values: ['color-contrast']}},
            );
            return {violations: [...all.violations, ...contrast.violations]};
        }"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def test_blocks_before_intent(fresh_context: BrowserContext, demo_url: str) -> None:
    page = fresh_context.new_page()
    page.goto(demo_url + "demos/", wait_until="load")
    assert _violations(page) == []


def test_a_package_error_notice(fresh_context: BrowserContext, demo_url: str) -> None:
    fresh_context.route("**/*.whl", lambda route: route.abort())
    page = fresh_context.new_page()
    page.goto(demo_url + "demos/", wait_until="load")
    numpy = run(page, "Numpy", timeout=120_000)
    assert numpy.locator(".livedemo-notice").count() == 1
    assert _violations(page) == []


def test_blocks_after_runs_with_the_editor_open(demos: Page) -> None:
    run(demos, "Raises")
    run(demos, "Long output")
    editing = open_editor(demos, "Deterministic")
    demos.keyboard.type("# stale now\n")
    editing.locator(".livedemo-stale").wait_for()
    try:
        assert _violations(demos) == []
    finally:
        editing.get_by_role("button", name="Reset the code of Deterministic").click()


def test_live_inputs_before_and_after_runs(fresh_context: BrowserContext, demo_url: str) -> None:
    page = fresh_context.new_page()
    page.goto(demo_url + "inputs/", wait_until="load")
    page.locator(".livedemo-inputs[role=group]").first.wait_for()  # the controls are live
    assert _violations(page) == []
    run(page, "Points")
    run(page, "Live inputs")  # declared by a live run
    x1 = page.get_by_role("spinbutton", name="x of point 1")
    x1.fill("99")
    x1.press("Enter")
    assert x1.get_attribute("aria-invalid") == "true"  # out of range: marked, not run
    assert _violations(page) == []
