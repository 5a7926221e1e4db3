"""The RSS and JSON feeds of the real site, read with real feed parsers from PyPI (feedparser for
RSS, jsonfeed-util for JSON Feed): valid, and carrying each post's whole content as a feed reader
shows it (math as MathML, absolute links and images, the demos' build-time output as text)."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import feedparser
import jsonfeed
import pytest

from building import BuildResult

SITE_URL = "https://ericktornero.github.io/meta-learning-blog/"
POST = "blog/2020/04/27/introduction-to-meta-learning/"


def _posts(built_site: BuildResult) -> list[str]:
    """Every post page of the built blog ("blog/2026/12/06/slug/"), oldest first."""
    return sorted(p.parent.relative_to(built_site.site).as_posix() + "/"
                  for p in (built_site.site / "blog").glob("20*/*/*/*/index.html"))
FEEDS = ("feed_rss_created.xml", "feed_rss_updated.xml")
JSON_FEEDS = ("feed_json_created.json", "feed_json_updated.json")


def _post_content(built_site: BuildResult, name: str, post: str = POST) -> str:
    if name.endswith(".json"):
        feed = jsonfeed.Feed.parse_string(built_site.page(name))
        item = next(i for i in feed.items if i.url == SITE_URL + post)
        return item.content_html or ""
    parsed = feedparser.parse(built_site.page(name))
    entry = next(e for e in parsed.entries if e.link == SITE_URL + post)
    return entry.summary


def _site_file(built_site: BuildResult, url: str):
    assert url.startswith(SITE_URL), url
    path = built_site.site / urlsplit(url).path.removeprefix(urlsplit(SITE_URL).path)
    return path / "index.html" if url.endswith("/") else path


@pytest.mark.parametrize("name", FEEDS)
def test_rss_feed_is_valid_with_a_real_channel_image(built_site: BuildResult, name: str) -> None:
    parsed = feedparser.parse(built_site.page(name))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    image = parsed.feed.image.href
    assert image.endswith(".png") and _site_file(built_site, image).is_file()
    assert sorted(e.link for e in parsed.entries) == [SITE_URL + p for p in _posts(built_site)]
    # no value anywhere in the XML is Python's None (the channel image's <url> was)
    root = ET.fromstring(built_site.page(name))
    for element in root.iter():
        assert (element.text or "").strip() != "None", element.tag
        assert "None" not in element.attrib.values(), element.tag


@pytest.mark.parametrize("name", JSON_FEEDS)
def test_json_feed_is_valid_and_has_no_null(built_site: BuildResult, name: str) -> None:
    raw = json.loads(built_site.page(name))
    feed = jsonfeed.Feed.parse(raw)  # raises on a missing required field
    assert raw["version"] == "https://jsonfeed.org/version/1.1"
    assert _site_file(built_site, feed.icon).is_file()
    assert sorted(i.url for i in feed.items) == [SITE_URL + p for p in _posts(built_site)]

    def values(value):
        if isinstance(value, dict):
            for v in value.values():
                yield from values(v)
        elif isinstance(value, list):
            for v in value:
                yield from values(v)
        else:
            yield value

    assert all(v is not None and v != "None" for v in values(raw))


@pytest.mark.parametrize("name", [FEEDS[0], JSON_FEEDS[0]])
def test_feeds_carry_the_whole_post_with_math_demos_and_absolute_urls(built_site: BuildResult, name: str) -> None:
    posts = _posts(built_site)
    assert POST in posts and len(posts) >= 5
    totals = {"formulas": 0, "streams": 0, "plots": 0}
    texts = []
    for post in posts:
        _check_post_in_feed(built_site, name, post, totals)
        texts.append(html.unescape(_post_content(built_site, name, post)))
    # the series as a whole: its formulas, its demos' output and plots all reach the feed
    assert totals["formulas"] > 100 and totals["streams"] >= 5 and totals["plots"] >= 5, totals
    assert any("Computed with amplitude A = 3.5" in text for text in texts)


def _check_post_in_feed(built_site: BuildResult, name: str, post: str, totals: dict[str, int]) -> None:
    content = _post_content(built_site, name, post)
    page = built_site.page(post + "index.html")
    # the whole post, from its first paragraph to its references, not a one-line description;
    # its title is the item's, not repeated in the content
    assert not content.lstrip().startswith("<h1") and "<h1" not in content
    first = re.search(r"<p>(.*?)</p>", page[page.index('<h1 id="'):], re.S).group(1)
    assert content.lstrip().startswith(f"<p>{first}</p>"), post
    for heading in re.findall(r"<h2 id=\"[^\"]+\">(.*?)<a", page):
        assert html.unescape(heading) in html.unescape(content), (post, heading)
    # every formula as MathML (with its TeX as annotation), none as KaTeX's CSS drawing or raw TeX
    formulas = page.count('class="arithmatex"')
    assert content.count("<math") == formulas, post
    totals["formulas"] += formulas
    assert "katex-html" not in content and "\\(" not in re.sub(r"<annotation.*?</annotation>", "", content, flags=re.S)
    # every demo's build-time output as text, with its lines (code and output in <pre>)
    streams = [html.unescape(s) for s in re.findall(r'<pre class="livedemo-stream"[^>]*>(.*?)</pre>', page, re.S)]
    totals["streams"] += len(streams)
    text = html.unescape(content)
    for stream in streams:
        assert stream in text, post
    assert content.count("Output computed when this site was built.") == page.count("Output computed when this site was built.")
    # nothing to press: no buttons, form controls or notes about controls that are not there
    for control in ("<button", "<input", "<select", "<textarea", "disabled", "controls change the demo"):
        assert control not in content, (post, control)
    # links and images absolute; the site's own ones exist in the build
    urls = re.findall(r'(?:href|src)="([^"]+)"', content)
    assert urls and all(u.startswith(("https://", "http://", "mailto:")) for u in urls), [
        u for u in urls if not u.startswith(("https://", "http://"))][:5]
    images = re.findall(r'<img[^>]*src="([^"]+)"', content)
    totals["plots"] += len([u for u in images if "/assets/livedemo/plots/" in u])
    for url in (u for u in images + urls if u.startswith(SITE_URL)):
        assert _site_file(built_site, url.split("#")[0]).exists(), url
    demo_links = re.findall(r'href="([^"]+#livedemo-[^"]+)"', content)
    assert len(demo_links) == page.count('<div class="livedemo"'), post
    for link in demo_links:
        assert f'id="{link.split("#")[1]}"' in page
