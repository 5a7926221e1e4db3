"""A package that does load: a tiny wheel made here, added to the served lock file on the fly.

Numpy, vendored, takes this path too (tests/browser/test_running.py); this one checks that a
package the site never heard of at build time works the same way (lock file → download →
install → import).
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

from playwright.sync_api import BrowserContext, Route

from livepage import block, run, status_of, streams

NAME, VERSION = "livedemo-probe", "1.0"
WHEEL = f"livedemo_probe-{VERSION}-py3-none-any.whl"


def _wheel() -> bytes:
    data = io.BytesIO()
    info = f"livedemo_probe-{VERSION}.dist-info"
    with zipfile.ZipFile(data, "w") as wheel:
        wheel.writestr("livedemo_probe/__init__.py", "VALUE = 'imported from a wheel'\n")
        wheel.writestr(f"{info}/METADATA", f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {VERSION}\n")
        wheel.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        wheel.writestr(f"{info}/RECORD", "")
    return data.getvalue()


def test_a_package_from_the_lock_file_loads_and_imports(fresh_context: BrowserContext, demo_url: str) -> None:
    wheel = _wheel()

    def lock(route: Route) -> None:
        data = route.fetch().json()
        data["packages"][NAME] = {
            "name": NAME, "version": VERSION, "file_name": WHEEL, "install_dir": "site",
            "sha256": hashlib.sha256(wheel).hexdigest(), "package_type": "package",
            "imports": ["livedemo_probe"], "depends": [], "unvendored_tests": False, "tool": {},
        }
        route.fulfill(body=json.dumps(data), content_type="application/json")

    fresh_context.route("**/assets/pyodide/pyodide-lock.json", lock)
    fresh_context.route(f"**/assets/pyodide/{WHEEL}", lambda route: route.fulfill(
        body=wheel, content_type="application/octet-stream"))
    page = fresh_context.new_page()
    page.goto(demo_url + "demos/", wait_until="load")
    # Reuse the "Numpy" block before intent: ask for the probe package instead.
    block(page, "Numpy").evaluate(
        """(el, name) => {
            const options = JSON.parse(el.dataset.livedemo);
            el.dataset.livedemo = JSON.stringify({...options, packages: [name]});
            el.querySelector('.livedemo-code pre code').textContent =
                'import livedemo_probe\\nprint(livedemo_probe.VALUE)';
        }""",
        NAME,
    )
    target = run(page, "Numpy")
    assert status_of(target).startswith("Done in"), status_of(target)
    assert streams(target) == [("stdout", "imported from a wheel\n")]
