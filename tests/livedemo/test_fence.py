"""The pyodide fence in real MkDocs builds: output embedded, mistakes fail naming page and line."""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil

from building import ROOT

VENDOR = ROOT / "vendor" / "pyodide-wheels"
VENDORED_NUMPY = next(VENDOR.glob("numpy-*.whl")).name


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_build_output_is_embedded_and_sessions_share_state(build_pages) -> None:
    result = build_pages({"index.md": (
        "# Demo\n\n"
        '```pyodide title="First" session="s"\nx = 21\nprint("x is", x)\n```\n\n'
        '```pyodide title="Second" session="s"\nprint("double", x * 2)\n```\n\n'
        '```pyodide title="Alone"\nprint("x" in globals())\n```\n'
    )})
    assert result.returncode == 0, result.output
    page = result.page("index.html")
    blocks = re.findall(r'<div class="livedemo" id="([^"]+)"', page)
    assert blocks == ["livedemo-index-1", "livedemo-index-2", "livedemo-index-3"]
    streams = re.findall(r'<pre class="livedemo-stream" data-stream="stdout">(.*?)</pre>', page, re.S)
    assert streams == ["x is 21\n", "double 42\n", "False\n"]
    assert "Output computed when this site was built." in page


def test_output_is_escaped_text(build_pages) -> None:
    result = build_pages({"index.md": '# D\n\n```pyodide\nprint("<script>alert(1)</script>")\n```\n'})
    assert result.returncode == 0, result.output
    page = result.page("index.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page


def test_file_option_shows_the_demo_file(build_pages) -> None:
    result = build_pages(
        {"index.md": '# D\n\n```pyodide title="From a file" file="topic/hello.py"\n```\n'},
        demos={"topic/hello.py": 'print("hello from a file")\n'},
    )
    assert result.returncode == 0, result.output
    page = result.page("index.html")
    assert "hello from a file\n</pre>" in page
    assert "From a file" in page


def test_live_only_block_does_not_run_at_build(build_pages) -> None:
    result = build_pages({"index.md": '# D\n\n```pyodide run="live-only"\nraise ValueError("not now")\n```\n'})
    assert result.returncode == 0, result.output
    page = result.page("index.html")
    assert 'data-origin="none"' in page
    assert "runs only in your browser" in page


def test_display_and_progress_render_statically(build_pages) -> None:
    result = build_pages({"index.md": (
        "# D\n\n```pyodide\n"
        "from livedemo import show, progress\n"
        "spec = {'description': 'Two points', 'mark': 'point',\n"
        "        'data': {'values': [{'a': 1, 'b': 2}, {'a': 2, 'b': 3}]},\n"
        "        'encoding': {'x': {'field': 'a', 'type': 'quantitative'},\n"
        "                     'y': {'field': 'b', 'type': 'quantitative'}}}\n"
        "show(spec, id='pts')\n"
        "spec['data']['values'].append({'a': 3, 'b': 1})\n"
        "show(spec, id='pts')\n"
        "for i in range(1, 5):\n"
        "    progress(i, 4, label=f'step {i}')\n"
        "```\n"
    )})
    assert result.returncode == 0, result.output
    page = result.page("index.html")
    figures = re.findall(r'<figure class="livedemo-plot" data-display-id="pts"><picture>(.*?)</picture></figure>', page)
    assert len(figures) == 1  # redrawn in place, not appended
    files = re.findall(r'(?:srcset|src)="([^"]+\.svg)"', figures[0])
    assert len(files) == 4  # wide and narrow, light and dark: the browser fetches the one it shows
    assert re.search(r'<img src="[^"]+" alt="Two points" width="640" height="\d+" loading="lazy"', figures[0])
    for file in files:  # files of the site, next to the page, with the final drawing (3 points)
        svg = (result.site / file).read_text()
        assert svg.startswith("<svg") and svg.count('class="mark-symbol') == 1 and svg.count("<path") >= 3
    assert "<svg" not in page.split('<div class="livedemo"', 1)[1]  # no inline SVG in the page
    # A finished progress bar is a line saying so, not a bar standing at 100 %.
    assert '<p class="livedemo-progress" data-progress-id="progress" data-state="done">Finished: step 4</p>' in page


def _error(result) -> str:
    assert result.returncode != 0, "the build should have failed"
    return result.output


def test_unknown_option_fails_naming_page_line_and_option(build_pages) -> None:
    out = _error(build_pages({"posts/p.md": "# P\n\ntext\n\n```pyodide hieght=\"3\"\nprint(1)\n```\n"}))
    assert "posts/p.md, line 5 (demo #1): unknown option 'hieght'" in out


def test_bad_value_fails(build_pages) -> None:
    out = _error(build_pages({"index.md": "# P\n\n```pyodide run=\"sometimes\"\nprint(1)\n```\n"}))
    assert "index.md, line 3 (demo #1): option 'run'" in out


def test_missing_file_fails(build_pages) -> None:
    out = _error(build_pages({"index.md": '# P\n\n```pyodide file="nowhere/demo.py"\n```\n'}))
    assert "index.md, line 3 (demo #1): file 'nowhere/demo.py' not found" in out


def test_unknown_package_fails(build_pages) -> None:
    out = _error(build_pages({"index.md": '# P\n\n```pyodide packages="numpyy"\nprint(1)\n```\n'}))
    assert "index.md, line 3 (demo #1): unknown package 'numpyy'" in out
    assert "this site ships: metalearn, numpy" in out


def test_a_package_the_site_does_not_ship_fails_the_build(build_pages) -> None:
    """Hermetic by default: regex is in Pyodide's distribution, but only on its CDN."""
    out = _error(build_pages({"posts/p.md": '# P\n\ntext\n\n```pyodide packages="numpy regex"\nprint(1)\n```\n'}))
    assert "posts/p.md, line 5 (demo #1): 'regex' is in Pyodide's distribution but not shipped" in out
    assert "fetch it from another host" in out and "vendor/pyodide-wheels/README.md" in out


def test_cdn_fallback_is_explicit_and_named_in_the_log(build_pages) -> None:
    result = build_pages(
        {"index.md": '# P\n\n```pyodide packages="regex" run="live-only"\nimport regex\n```\n'},
        plugin={"cdn_fallback": True},
    )
    assert result.returncode == 0, result.output
    assert "index.md, line 3 (demo #1) loads regex from https://cdn.jsdelivr.net/pyodide/v314.0.7/full/" in result.output
    lock = json.loads(result.page("assets/pyodide/pyodide-lock.json"))
    assert lock["packages"]["regex"]["file_name"].startswith("https://cdn.jsdelivr.net/pyodide/v314.0.7/full/")
    assert lock["packages"]["numpy"]["file_name"] == VENDORED_NUMPY  # shipped packages stay local


def test_the_lock_lists_only_what_the_site_serves(build_pages) -> None:
    result = build_pages({"index.md": '# P\n\n```pyodide packages="metalearn"\nimport metalearn\n```\n'})
    assert result.returncode == 0, result.output
    lock = json.loads(result.page("assets/pyodide/pyodide-lock.json"))
    assert sorted(lock["packages"]) == ["metalearn", "numpy"]
    for entry in lock["packages"].values():
        served = result.site / "assets" / "pyodide" / entry["file_name"]
        assert served.is_file() and hashlib.sha256(served.read_bytes()).hexdigest() == entry["sha256"]


def test_a_vendored_wheel_that_differs_from_its_checksum_fails_the_build(build_pages, tmp_path) -> None:
    vendored = tmp_path / "vendored"
    shutil.copytree(VENDOR, vendored)
    wheel = vendored / VENDORED_NUMPY
    data = bytearray(wheel.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one byte of another build
    wheel.write_bytes(bytes(data))
    out = _error(build_pages({"index.md": "# P\n"}, plugin={"vendored_wheels": str(vendored)}))
    assert f"{wheel}: sha256 is " in out and "but " in out and "SHA256SUMS says 0cad9c1b" in out


def test_demo_that_raises_fails_the_build_with_its_traceback(build_pages) -> None:
    out = _error(build_pages({"index.md": (
        "---\ntitle: With front matter\n---\n\n# P\n\n"
        '```pyodide title="ok"\nprint(1)\n```\n\n'
        '```pyodide title="boom"\ndef f():\n    raise ValueError("bad value")\nf()\n```\n'
    )}))
    assert "index.md, line 11 (demo #2) failed while the site was built" in out
    assert 'raise ValueError("bad value")' in out
    assert "ValueError: bad value" in out
    assert "runner.py" not in out  # runtime-internal frames trimmed


def test_file_and_inline_code_together_fail(build_pages) -> None:
    out = _error(build_pages(
        {"index.md": '# P\n\n```pyodide file="a.py"\nprint(2)\n```\n'}, demos={"a.py": "print(1)\n"}
    ))
    assert "give either file=\"a.py\" or code, not both" in out


def test_demo_past_its_timeout_fails_the_build(build_pages) -> None:
    out = _error(build_pages({"index.md": '# P\n\n```pyodide timeout="1"\nwhile True:\n    pass\n```\n'}))
    assert "index.md, line 3 (demo #1) failed while the site was built" in out
    assert "ran longer than its time limit of 1 s" in out


def test_a_declared_tolerance_is_told_to_the_reader(build_pages) -> None:
    result = build_pages({"index.md": '# P\n\n```pyodide tolerance="2%"\nprint(1 / 3)\n```\n'})
    assert result.returncode == 0, result.output
    text = _text(result.page("index.html"))
    assert ("Output computed when this site was built. Its numbers depend on rounding that differs "
            "between computers: a run in your browser may give numbers that differ from these by up to 2%.") in text


def test_an_extra_wheel_that_does_not_fit_is_named_with_the_reason(build_pages, tmp_path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "numpy-2.2.5-cp313-cp313-pyemscripten_2025_0_wasm32.whl").write_bytes(b"")
    result = build_pages({"index.md": "# P\n"}, plugin={"extra_wheels": str(extra)})
    assert result.returncode != 0  # a warning, so the strict build stops
    assert ("numpy-2.2.5-cp313-cp313-pyemscripten_2025_0_wasm32.whl is not used: it is built for "
            "cp313-cp313-pyemscripten_2025_0_wasm32, but this Pyodide loads cp314-cp314-pyemscripten_2026_0_wasm32") in result.output


def test_a_demo_shown_as_an_example_does_not_shift_the_line_of_the_real_one(build_pages) -> None:
    out = _error(build_pages({"index.md": (
        "# P\n\n````markdown\n```pyodide\nprint(0)\n```\n````\n\n```pyodide run=\"later\"\nprint(1)\n```\n"
    )}))
    assert "docs/index.md, line 9 (demo #1): option 'run'" in out


def test_a_mistyped_demo_fence_fails_instead_of_becoming_plain_code(build_pages) -> None:
    out = _error(build_pages({"index.md": "# P\n\n```Pyodide\nprint(1)\n```\n"}))
    assert "docs/index.md, line 3: the code block opened with ```Pyodide looks like a demo" in out


def test_an_import_the_demo_does_not_declare_fails_the_build(build_pages) -> None:
    """numpy is installed where the site builds, but a reader's browser loads only what the
    block declares: without packages="numpy" the demo would build and then fail live."""
    out = _error(build_pages({"index.md": '# P\n\n```pyodide title="np"\nimport math\nimport numpy as np\nprint(np.pi)\n```\n'}))
    assert "index.md, line 3 (demo #1) failed while the site was built" in out
    assert "import numpy as np" in out
    assert "No module named 'numpy' in the browser" in out and "(declared: none)" in out


def test_declared_packages_and_their_dependencies_may_be_imported(build_pages) -> None:
    result = build_pages({"index.md": (
        '# P\n\n```pyodide packages="metalearn"\nimport numpy, metalearn, json\nprint(numpy.__name__)\n```\n'
    )})
    assert result.returncode == 0, result.output


def test_a_flood_of_output_is_capped_in_the_page_as_it_is_live(build_pages) -> None:
    result = build_pages({"index.md": '# P\n\n```pyodide\nfor i in range(100_000):\n    print(i)\nprint("x" * 20_000)\n```\n'})
    assert result.returncode == 0, result.output
    page = result.page("index.html")
    assert len(page) < 200_000  # not the 600 kB the demo printed
    streams = re.findall(r'<pre class="livedemo-stream" data-stream="stdout">(.*?)</pre>', page, re.S)
    assert streams[0] == "".join(f"{i}\n" for i in range(500))
    assert "⋯ 99,401 lines not shown here ⋯" in page  # 100,001 lines: 500 shown first, 100 last
    assert streams[1] == "".join(f"{i}\n" for i in range(99_901, 100_000)) + "x" * 2_000 + "… (18,000 more characters)\n"


def test_what_the_browser_refuses_fails_the_build_the_same_way(build_pages) -> None:
    out = _error(build_pages({"index.md": (
        '# P\n\n```pyodide title="t"\nimport threading\nthreading.Thread(target=print).start()\n```\n'
    )}))
    assert "RuntimeError: demos cannot start threads: the browser's Python (Pyodide) runs in a single thread" in out


def test_build_tracebacks_show_the_authors_frames_only(build_pages) -> None:
    out = _error(build_pages({"index.md": '# P\n\n```pyodide title="t"\nfrom livedemo import show\nshow([1, 2])\n```\n'}))
    traceback = out[out.index("Traceback"):]
    assert "show([1, 2])" in traceback and "TypeError: show() takes a Vega-Lite spec as a dict, not list" in traceback
    assert "livedemo/" not in traceback and "display.py" not in traceback and "execute.py" not in traceback


def test_top_level_await_runs_at_build_time(build_pages) -> None:
    result = build_pages({"index.md": '# P\n\n```pyodide\nimport asyncio\nawait asyncio.sleep(0)\nprint("awaited")\n```\n'})
    assert result.returncode == 0, result.output
    assert "awaited\n</pre>" in result.page("index.html")


def test_folded_code_comes_after_a_summary(build_pages) -> None:
    result = build_pages({"index.md": '# P\n\n```pyodide code="folded"\nx = 1\nprint(x)\n```\n'})
    assert result.returncode == 0, result.output
    page = result.page("index.html")
    assert '<details class="livedemo-fold"><summary>Show the code (2 lines)</summary><div class="livedemo-code no-copy"' in page


def test_a_demo_line_with_an_unclosed_quote_fails_instead_of_becoming_inline_code(build_pages) -> None:
    """Issue 23: ```pyodide title="t (no closing quote) is not a fence for superfences; the page
    showed `pyodide title="t` as inline code, the closing ``` swallowed the prose, and the
    strict build passed."""
    out = _error(build_pages({"index.md": (
        '# P\n\nIntro.\n\n```pyodide title="t\nprint(1)\n```\n\nProse after the demo.\n'
    )}))
    assert "docs/index.md, line 5: the ```pyodide line cannot be read as a demo (a quote is not " \
           "closed: 'title=\"t')" in out, out


def test_every_line_opening_a_demo_becomes_a_demo_block(build_pages) -> None:
    """A ```pyodide fence that is never closed is not a fence for superfences (the page showed
    its code as prose): the build says which line did not become a demo."""
    out = _error(build_pages({"index.md": (
        '# P\n\n```pyodide title="Open"\nprint(1)\n\nMore prose, and no closing fence.\n'
    )}))
    assert "docs/index.md, line 3: this ```pyodide block did not become a demo" in out, out


def test_pages_never_share_state(build_pages) -> None:
    """Per-page state lives on the page's own conversion: a session of one page is unknown to
    the next, and each page numbers its blocks from 1."""
    result = build_pages({
        "a.md": '# A\n\n```pyodide session="s"\nx = 1\nprint("set")\n```\n',
        "b.md": '# B\n\n```pyodide session="s"\nprint("x" in globals())\n```\n',
    })
    assert result.returncode == 0, result.output
    assert 'id="livedemo-a-1"' in result.page("a/index.html")
    page = result.page("b/index.html")
    assert 'id="livedemo-b-1"' in page and "False" in _text(page)
