"""The blog built with Zensical checks what the MkDocs build checks: every demo block with its
build-time output and plots (byte for byte the blocks MkDocs makes), Run working live in
Chromium for a numpy demo, typeset math, and the feeds and blog pages Zensical makes itself."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from building import ROOT, BuildResult
from livedemo.fence import fence_lines

POST = "blog/2020/04/27/introduction-to-meta-learning/index.html"
GUIDE = "authors-guide/index.html"
NUMPY_DEMO = "Polynomials through eight points"  # the authors' guide; declares numpy


def demo_blocks(html: str) -> dict[str, str]:
    """Each demo block of a page, by id, as its whole <div class="livedemo" ...>...</div>."""
    blocks = {}
    for start in re.finditer(r'<div class="livedemo" id="([^"]+)"', html):
        depth, at = 0, start.start()
        for tag in re.finditer(r"<div\b|</div>", html[at:]):
            depth += 1 if tag.group(0) == "<div" else -1
            if depth == 0:
                blocks[start.group(1)] = html[at:at + tag.end()]
                break
    return blocks


def pages_with_demos(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(site.rglob("*.html")) if 'class="livedemo"' in p.read_text(encoding="utf-8")}


def test_every_demo_block_is_the_block_mkdocs_makes(zensical_site: BuildResult, built_site: BuildResult) -> None:
    zensical, mkdocs = pages_with_demos(zensical_site.site), pages_with_demos(built_site.site)
    assert set(zensical) == set(mkdocs) and POST in zensical and GUIDE in zensical
    for path, html in zensical.items():
        ours, theirs = demo_blocks(html), demo_blocks(mkdocs[path])
        assert list(ours) == list(theirs), path
        for block_id, block in ours.items():
            assert block == theirs[block_id], f"{path}: {block_id} differs between the builders"


def _post_pages(site: Path) -> dict[str, Path]:
    """Each post's source in docs/blog/posts/ and its page in the Zensical build (by slug)."""
    pages = {p.parent.name: p for p in (site / "blog").glob("20*/*/*/*/index.html")}
    sources = sorted((ROOT / "docs/blog/posts").glob("*.md"))
    assert sources and {s.stem for s in sources} <= set(pages)
    return {s.stem: pages[s.stem] for s in sources}


def test_every_demo_fence_of_every_post_became_a_block_with_output(zensical_site: BuildResult) -> None:
    total = 0
    for slug, page in _post_pages(zensical_site.site).items():
        source = (ROOT / "docs/blog/posts" / f"{slug}.md").read_text(encoding="utf-8")
        html = page.read_text(encoding="utf-8")
        blocks = demo_blocks(html)
        assert len(blocks) == len(fence_lines(source)), slug
        total += len(blocks)
        for block_id, block in blocks.items():
            assert 'data-origin="build"' in block and "livedemo-stream" in block, block_id
        text = re.sub(r"<[^>]+>", " ", html)
        assert "```" not in text, slug  # no fence left as text, no prose swallowed by a stray code block
    assert total == 9  # every published demo of the series


def test_build_time_plots_are_files_of_the_site(zensical_site: BuildResult) -> None:
    sources = []
    for page in _post_pages(zensical_site.site).values():
        found = re.findall(r'(?:src|srcset)="([^"]*assets/livedemo/plots/[^"]+\.svg)"', page.read_text(encoding="utf-8"))
        for url in found:
            assert (page.parent / url).resolve().is_file(), url
        sources += found
    assert len(sources) >= 8


def test_runtime_files_are_served_by_the_site(zensical_site: BuildResult) -> None:
    site = zensical_site.site
    for name in ("assets/livedemo/page.js", "assets/livedemo/livedemo.css", "assets/pyodide/pyodide.mjs",
                 "assets/pyodide/pyodide-lock.json", "assets/pyodide/pyodide.asm.wasm"):
        assert (site / name).is_file(), name
    assert list(site.glob("assets/pyodide/numpy-*.whl")) and list(site.glob("assets/pyodide/metalearn-*.whl"))
    post = zensical_site.page(POST)
    script = re.search(r'<script[^>]*src="[./]*assets/livedemo/page\.js"[^>]*>', post)
    assert script and 'type="module"' in script.group(0), "page.js is loaded as a module"
    assert re.search(r'<link[^>]*href="[./]*assets/livedemo/livedemo\.css"', post)


def test_blog_pages_and_feeds_come_out(zensical_site: BuildResult) -> None:
    for path in ("blog/index.html", "blog/archive/2020/index.html", "blog/category/blogpost/index.html",
                 "blog/author/erick/index.html", "tags/index.html", "feed_rss_created.xml"):
        assert "introduction-to-meta-learning" in zensical_site.page(path), path


def test_math_is_typeset_at_build_time(zensical_site: BuildResult) -> None:
    """Math typeset when the site is built (KaTeX's HTML), so no builder needs a script for it.
    On the builders branch alone this fails: the build-time math extension comes from the
    mathfeeds branch."""
    post = zensical_site.page(POST)
    assert 'class="katex"' in post
    text = unescape(re.sub(r"<[^>]+>", " ", post))
    assert "\\(" not in text and "\\[" not in text


@pytest.mark.browser
def test_run_works_live_for_a_numpy_demo(zensical_site: BuildResult, zensical_url: str, browser: Browser) -> None:
    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith(zensical_url) else route.abort())
    try:
        page = context.new_page()
        page.goto(zensical_url + GUIDE.removesuffix("index.html"), wait_until="load")
        block = page.locator(".livedemo", has=page.locator(".livedemo-title", has_text=NUMPY_DEMO))
        built = block.locator(".livedemo-output pre.livedemo-stream").all_text_contents()
        assert built
        block.get_by_role("button", name=f"Run {NUMPY_DEMO}", exact=True).click()
        block.locator(".livedemo-status[data-state=done], .livedemo-status[data-state=error]").wait_for(timeout=180_000)
        status = block.locator(".livedemo-status").text_content() or ""
        assert status.startswith("Done in"), block.locator(".livedemo-output").inner_text()
        assert block.locator(".livedemo-output pre.livedemo-stream").all_text_contents() == built
    finally:
        context.close()
