"""The real site, built strictly: what a reader gets in the HTML, the feed and the search index."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html import unescape

from building import BuildResult

POST = "blog/2020/04/27/introduction-to-meta-learning/index.html"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_post_is_published_at_its_url_with_title_date_and_author(built_site: BuildResult) -> None:
    page = built_site.page(POST)
    assert "<h1" in page and "Introduction to Meta-Learning" in page
    assert re.search(r'<time datetime="2020-04-27[^"]*"', page)
    assert "April 27, 2020" in _text(page)
    assert "Erick Tornero" in _text(page)
    assert re.search(r"\d+ min read", _text(page))


def test_post_keeps_its_figure_with_caption_and_alt_text(built_site: BuildResult) -> None:
    page = built_site.page(POST)
    figure = re.search(r"<figure[^>]*>(.*?)</figure>", page, re.S)
    assert figure, "the Hugo figure became a real <figure>"
    body = figure.group(1)
    # The blog's own drawing, served by the site (the GIF was hot-linked from another host).
    image = re.search(r'<img[^>]*src="[^"]*images/prior-knowledge\.svg#only-light"[^>]*>', body)
    assert image and re.search(r'alt="[^"]{10,}"', image.group(0))
    assert any(built_site.site.rglob("prior-knowledge.svg"))
    caption = re.search(r"<figcaption>(.*?)</figcaption>", body, re.S)
    assert caption and "A prior skill speeds up learning a related new one" in _text(caption.group(1))


def test_typos_of_the_draft_are_fixed(built_site: BuildResult) -> None:
    text = _text(built_site.page(POST))
    for typo in ("esier", "meta-larning", "An starting", "taken interested in"):
        assert typo not in text


def test_post_has_tags_categories_and_description(built_site: BuildResult) -> None:
    page = built_site.page(POST)
    assert re.search(r'<meta name="description" content="[^"]{50,}"', page)
    assert 'href="../../../../category/blogpost/"' in page
    tags = _text(built_site.page("tags/index.html"))
    assert "meta-learning" in tags and "Artificial Intelligence" in tags


def test_blog_index_archive_category_and_author_pages_list_the_post(built_site: BuildResult) -> None:
    for path in (
        "blog/index.html",
        "blog/archive/2020/index.html",
        "blog/category/blogpost/index.html",
        "blog/author/erick/index.html",
    ):
        page = built_site.page(path)
        assert "introduction-to-meta-learning/" in page, path
        assert "Introduction to Meta-Learning" in _text(page), path


def test_feed_contains_the_post(built_site: BuildResult) -> None:
    feed = ET.fromstring(built_site.page("feed_rss_created.xml"))
    items = feed.findall("./channel/item")
    titles = [item.findtext("title") for item in items]
    assert "Introduction to Meta-Learning" in titles
    item = items[titles.index("Introduction to Meta-Learning")]
    assert item.findtext("link", "").endswith("blog/2020/04/27/introduction-to-meta-learning/")
    assert "Erick Tornero" in (item.findtext("author") or "") + (item.findtext("{http://purl.org/dc/elements/1.1/}creator") or "")


def test_search_index_covers_the_post(built_site: BuildResult) -> None:
    index = json.loads(built_site.page("search/search_index.json"))
    locations = [doc["location"] for doc in index["docs"]]
    assert any(loc.startswith("blog/2020/04/27/introduction-to-meta-learning/") for loc in locations)
    # formulas are indexed once, as the MathML's text: not as TeX, not as KaTeX's drawing too
    text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("blog/20"))
    assert "θi∗(ω)" in text and "\\mathcal" not in text and "\\theta" not in text


def test_about_page_and_edit_link(built_site: BuildResult) -> None:
    about = built_site.page("about/index.html")
    assert "Pyodide" in _text(about)
    post = built_site.page(POST)
    assert "github.com/ericktornero/meta-learning-blog/edit/main/docs/blog/posts/introduction-to-meta-learning.md" in post


def test_math_is_typeset_at_build_time_and_katex_css_is_self_hosted(built_site: BuildResult) -> None:
    posts = sorted((built_site.site / "blog").glob("20*/*/*/*/index.html"))
    assert len(posts) >= 5
    total = 0
    for path in posts:
        post = path.read_text(encoding="utf-8")
        formulas = re.findall(r'<(?:span|div) class="arithmatex" data-math="katex">', post)
        total += len(formulas)
        assert post.count('<span class="katex">') == len(formulas) and post.count("<math ") == len(formulas), path
        assert "katex-error" not in post, path
        prose = re.sub(r"<(pre|code|annotation)\b.*?</\1>", "", post, flags=re.S)
        assert "\\(" not in prose and "\\[" not in prose and "$$" not in prose, path
        assert "math.js" not in post and "katex.min.js" not in post, path
        linked = '<link rel="stylesheet" href="../../../../../assets/livedemo/math.css">' in post.split("</head>")[0]
        assert linked == bool(formulas), path  # pages with math link KaTeX's CSS, the others do not
    assert total > 100  # the series' formulas, every one typeset
    assert (built_site.site / "assets/livedemo/math.css").is_file()
    assert not (built_site.site / "assets/livedemo/math.js").exists()
    assert "math.css" not in built_site.page("about/index.html")  # no math, no KaTeX CSS


def test_no_google_fonts_or_cdn_scripts_in_pages(built_site: BuildResult) -> None:
    for page in built_site.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, page
        for src in re.findall(r'<script[^>]*src="([^"]+)"', html):
            assert not src.startswith(("http://", "https://", "//")), (page, src)
        for href in re.findall(r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html):
            assert not href.startswith(("http://", "https://", "//")), (page, href)


def test_every_plot_file_is_used_by_a_page(built_site: BuildResult) -> None:
    """No orphans: each SVG under the plots folder is linked by some page (and each linked one exists)."""
    plots = built_site.site / "assets/livedemo/plots"
    written = {p.name for p in plots.rglob("*") if p.is_file()}
    linked: set[str] = set()
    for page in built_site.site.rglob("*.html"):
        linked |= set(re.findall(r"assets/livedemo/plots/([0-9a-f]+\.svg)", page.read_text(encoding="utf-8")))
    assert len(written) >= 20
    assert written - linked == set(), "plot files that no page uses"
    assert linked - written == set(), "plots linked but not written"


def test_every_page_preloads_the_chunks_its_page_script_imports(built_site: BuildResult) -> None:
    """page.js's own imports download beside it (livedemo/modulepreload.py), not after it."""
    script = (built_site.site / "assets/livedemo/page.js").read_text(encoding="utf-8")
    imported = sorted(set(re.findall(r'(?:from|import)\s*"\./(chunks/[^"]+\.js)"', script)))
    assert imported, "page.js imports no chunk: the preloads test has nothing to check"
    for path in (POST, "about/index.html", "index.html"):
        head = built_site.page(path).split("</head>")[0]
        preloaded = re.findall(r'<link rel="modulepreload" href="([^"]+)">', head)
        folder = "../" * path.count("/") + "assets/livedemo/"
        assert sorted(href.removeprefix(folder) for href in preloaded) == imported, path
        for href in preloaded:
            assert (built_site.site / path).parent.joinpath(href).resolve().is_file(), (path, href)
