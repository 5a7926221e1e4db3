"""The boot standard library in the browser (livedemo/bootstdlib.py, livedemo/lazystdlib.py).

Python boots with python_stdlib_boot.zip, not Pyodide's whole python_stdlib.zip; a module outside
it still imports, after one download of python_stdlib_rest.zip; a demo's traceback inside the
demo library still shows the library's source line.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from playwright.sync_api import BrowserContext, Page

from livedemo.bootstdlib import module_name
from livepage import block, replace_code, run, status_of, streams

OUTSIDE = """\
import xml.dom.minidom
import email.mime.text
print(xml.dom.minidom.parseString("<a>b</a>").documentElement.tagName)
print(email.mime.text.MIMEText("hi")["Content-Type"])
"""


def _boot_entries(site: Path) -> set[str]:
    """The boot zip's modules, by name (its entries are sources or bytecode: stdlib_bytecode)."""
    with zipfile.ZipFile(site / "assets/pyodide/python_stdlib_boot.zip") as archive:
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
    return [url.rsplit("/", 1)[1] for url in requests if "/python_stdlib" in url]


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
    assert _stdlib_requests(requests) == ["python_stdlib_boot.zip"], said


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
    assert _stdlib_requests(requests) == ["python_stdlib_boot.zip", "python_stdlib_rest.zip"]
    # Another module from the rest, as a reader edits the code: no second download.
    replace_code(page, "Numpy", "import tomllib\nprint(tomllib.loads('a = 1'))")
    target = run(page, "Numpy", timeout=120_000)
    assert streams(target) == [("stdout", "{'a': 1}\n")], status_of(target)
    assert _stdlib_requests(requests) == ["python_stdlib_boot.zip", "python_stdlib_rest.zip"]


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
