"""The pyodide fence in real MkDocs builds: output embedded, mistakes fail naming page and line."""

from __future__ import annotations

import html
import re



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
    figures = re.findall(r'<figure class="livedemo-plot" data-display-id="pts" role="img" aria-label="Two points"><div class="livedemo-svg" data-size="wide" aria-hidden="true"><svg', page)
    assert len(figures) == 1  # redrawn in place, not appended
    assert page.count('class="mark-symbol') == 2  # one wide and one narrow rendering
    assert page.count("<path") >= 3 or page.count("<circle") >= 0
    assert '<progress value="4" max="4">' in page and "step 4" in page


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
    assert "unknown package(s) numpyy" in out


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
