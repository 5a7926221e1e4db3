"""Math typeset at build time (livedemo/mathmarkup.py): with plain Python-Markdown (any builder)
and in real MkDocs builds, where a formula that does not parse fails the strict build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest

from building import ROOT, mkdocs_build
from livedemo import mathmarkup

EXTENSIONS = ["pymdownx.arithmatex", "livedemo.mathmarkup"]


def _convert(text: str, cache: Path) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS, extension_configs={
        "pymdownx.arithmatex": {"generic": True}, "livedemo.mathmarkup": {"cache_dir": str(cache)},
    })


def test_plain_python_markdown_gets_katex_markup_and_mathml(tmp_path: Path) -> None:
    """No MkDocs involved: the extension alone typesets inline and displayed math."""
    page = _convert("Tasks \\(\\mathcal{T}_i\\) and $x^2$.\n\n\\[\n\\sum_{i=1}^{M} a_i < b\n\\]\n", tmp_path)
    assert "\\(" not in page and "\\[" not in page and "$" not in page
    assert page.count('class="katex"') == 3
    assert page.count('<span class="katex-display">') == 1
    assert re.search(r'<span class="arithmatex" data-math="katex"><span class="katex">', page)
    # MathML for screen readers and feed readers, with the TeX as its annotation
    assert page.count("<math") == 3
    assert '<annotation encoding="application/x-tex" data-search-exclude>\\sum_{i=1}^{M} a_i &lt; b</annotation>' in page
    assert 'class="katex-html" aria-hidden="true"' in page


def test_a_warm_conversion_comes_from_the_cache_without_node(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Inline \\(\\alpha + \\beta\\) and \\(\\gamma\\).\n"
    cold = _convert(text, tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 2
    for running in mathmarkup._converters.values():
        running.close()
    mathmarkup._converters.clear()
    monkeypatch.setenv("PATH", "")  # no node to be found: a miss would fail
    assert _convert(text, tmp_path) == cold
    assert mathmarkup._converters == {}


def test_one_converter_process_serves_every_page(tmp_path: Path) -> None:
    _convert("\\(a_1\\)\n", tmp_path)
    pids = {r.process.pid for r in mathmarkup._converters.values()}
    _convert("\\(b_2\\) and \\(c_3\\)\n", tmp_path)
    assert {r.process.pid for r in mathmarkup._converters.values()} == pids and len(pids) == 1


MATH_CONFIG = "  - pymdownx.arithmatex: {generic: true}\n  - livedemo.mathmarkup\n"


def test_a_formula_that_does_not_parse_fails_the_strict_build_naming_file_and_line(build_pages) -> None:
    result = build_pages({"index.md": "# Home\n\nFine: \\(x\\).\n", "guide/maths.md": (
        "---\ntitle: Maths\n---\n\n# Maths\n\nGood \\(a+b\\).\n\n"
        "- a list item with a display:\n\n    \\[\n    \\frac{1}{2\n    \\]\n\n"
        "Broken inline \\(x^{2\\) here.\n"
    )}, extra_config=MATH_CONFIG)
    assert result.returncode != 0
    out = result.output
    assert ("docs/guide/maths.md, line 12: the formula `\\frac{1}{2` does not typeset: KaTeX parse error: "
            "Unexpected end of input in a macro argument, expected '}' at end of input") in out, out
    assert ("docs/guide/maths.md, line 15: the formula `x^{2` does not typeset: KaTeX parse error: "
            "Expected '}', got 'EOF' at end of input") in out, out
    assert "docs/index.md" not in out


def test_pages_with_math_link_katex_css_and_pages_without_do_not(build_pages) -> None:
    result = build_pages({"index.md": "# Home\n\nNo math here.\n", "deep/page.md": "# M\n\n\\(e^{i\\pi}\\)\n"},
                         extra_config=MATH_CONFIG)
    assert result.returncode == 0, result.output
    deep = result.page("deep/page/index.html")
    head, body = deep.split("</head>", 1)
    assert '<link rel="stylesheet" href="../../assets/livedemo/math.css">' in head  # not held back in the body
    assert "math.css" not in body
    preloaded = re.findall(r'<link rel="preload" href="../../assets/livedemo/(fonts/KaTeX_[\w-]+\.woff2)" as="font" '
                           r'type="font/woff2" crossorigin>', head)
    assert [font.split("-")[0:2] for font in preloaded] == [["fonts/KaTeX_Main", "Regular"], ["fonts/KaTeX_Math", "Italic"]]
    assert all((result.site / "assets/livedemo" / font).is_file() for font in preloaded)
    assert "math.css" not in result.page("index.html")
    assert "math.js" not in deep and "katex.min.js" not in deep
    assert (result.site / "assets/livedemo/math.css").is_file()
    fonts = re.findall(r'url\("?([^)"]+\.woff2)"?\)', (result.site / "assets/livedemo/math.css").read_text(encoding="utf-8"))
    assert fonts and all((result.site / "assets/livedemo" / f).is_file() for f in fonts)


def test_a_blog_index_showing_an_excerpt_with_math_links_katex_css(tmp_path: Path) -> None:
    """Material's blog shows a post's excerpt on its index: the index gets the CSS too."""
    docs = tmp_path / "docs"
    (docs / "blog" / "posts").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    post = "---\ndate: 2024-01-02\n---\n\n# A post\n\nThe loss \\(\\mathcal{L}(\\theta)\\) first.\n\n<!-- more -->\n\nMore.\n"
    (docs / "blog" / "posts" / "p.md").write_text(post, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: Blog test\nsite_url: http://127.0.0.1/\ntheme: {name: material, font: false}\n"
        "plugins:\n  - blog\n  - livedemo\n"
        "markdown_extensions:\n  - pymdownx.superfences\n" + MATH_CONFIG + "  - livedemo.extension:\n"
        f"      demos_dir: demos\n      demo_package: {json.dumps(str(ROOT / 'demos'))}\n"
        f"      pyodide_dir: {json.dumps(str(ROOT / 'node_modules' / 'pyodide'))}\n"
        f"      vendored_wheels: {json.dumps(str(ROOT / 'vendor' / 'pyodide-wheels'))}\n      cache_dir: ''\n",
        encoding="utf-8")
    (tmp_path / "demos").mkdir()
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.output
    index = result.page("blog/index.html")
    assert '<span class="katex">' in index
    assert index.count('href="../assets/livedemo/math.css"') == 1
    assert result.page("index.html").count("math.css") == 0

    # a bad formula in the post is reported once, by the post, not again by each excerpt
    (docs / "blog" / "posts" / "p.md").write_text(post.replace("More.", "Then \\(x^{2\\)."), encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert result.output.count("docs/blog/posts/p.md, line 11: the formula `x^{2` does not typeset") == 1, result.output
