"""The article as a series, in the real built site: five posts, their navigation, their reading
times, and the links people shared to sections of the long second edition."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from building import ROOT, BuildResult

from contentcheck.readtime import minutes

INTRO = "blog/2020/04/27/introduction-to-meta-learning/"
PARTS = [  # in reading order
    (INTRO, "Introduction to Meta-Learning"),
    ("blog/2026/12/06/maml-line-by-line/", "MAML, line by line"),
    ("blog/2026/12/06/reptile-and-first-order-maml/", "Reptile and first-order MAML"),
    ("blog/2026/12/06/few-shot-classification/", "Few-shot classification and its benchmarks"),
    ("blog/2026/12/06/reproducing-maml-sine/", "Reproducing the MAML paper's sine results"),
]
OVERVIEW = "blog/series/meta-learning/"
OLD_IDS = [line for line in (Path(__file__).with_name("second_edition_ids.txt")).read_text().splitlines()
           if line and not line.startswith("#")]
OLD_DEMOS = {  # demo blocks of the second edition, by number: their titles
    2: "Why pre-training is not enough", 3: "Train MAML yourself", 4: "Adapt the freshly trained model",
    5: "The MAML meta-gradient, line by line", 6: "Reptile with one inner step is joint training",
    7: "MAML vs first-order MAML vs Reptile", 8: "MAML at another step size", 9: "Your own task",
}


def _article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _resolve(page: str, href: str) -> tuple[str, str]:
    """(built page path, fragment) of a relative link on ``page``."""
    url = urlsplit(urljoin("http://site/" + page, href))
    return url.path.lstrip("/"), url.fragment


@pytest.mark.parametrize("number", range(1, len(PARTS) + 1))
def test_each_part_says_where_it_is_and_links_its_neighbours(built_site: BuildResult, number: int) -> None:
    path, title = PARTS[number - 1]
    page = built_site.page(path + "index.html")
    assert f"<h1" in page and title in unescape(page)
    article = _article(page)
    assert f"Part {number} of {len(PARTS)} of the series" in _text(article)
    nav = re.search(r'<nav[^>]*class="series-nav"[^>]*>(.*?)</nav>', article, re.S)
    assert nav, "the previous/next block"
    links = {unescape(_text(text)).strip(): _resolve(path, href)[0]
             for href, text in re.findall(r'<a href="([^"]+)">(.*?)</a>', nav.group(1))}
    if number > 1:
        assert links[PARTS[number - 2][1]] == PARTS[number - 2][0]
    if number < len(PARTS):
        assert links[PARTS[number][1]] == PARTS[number][0]
    assert links["All parts of the series"] == OVERVIEW
    if number > 1:  # each deep dive links back to the introduction and credits the author
        assert any(_resolve(path, href)[0] == INTRO for href in re.findall(r'href="([^"]+)"', article))
        assert "Erick Tornero" in _text(article)
    assert re.search(r'<h2 id="references"', article) and 'class="footnote"' in article


def test_the_overview_lists_the_parts_in_order(built_site: BuildResult) -> None:
    page = _article(built_site.page(OVERVIEW + "index.html")) if "<article" in built_site.page(OVERVIEW + "index.html") \
        else built_site.page(OVERVIEW + "index.html")
    listed = re.search(r"<ol>(.*?)</ol>", page, re.S).group(1)
    hrefs = [_resolve(OVERVIEW, href)[0] for href in re.findall(r'<a href="([^"]+)"', listed)]
    assert hrefs == [path for path, _ in PARTS]


def test_reading_times(built_site: BuildResult) -> None:
    times = {}
    for path, _ in PARTS:
        page = built_site.page(path + "index.html")
        shown = int(re.search(r"(\d+) min read", page).group(1))
        assert shown == minutes(_article(page))
        times[path] = shown
    assert times[INTRO] <= 12, times
    assert max(times.values()) <= 25, times


def test_every_demo_of_the_long_post_is_published_in_some_part() -> None:
    fences = "".join((ROOT / "docs/blog/posts" / f"{Path(p).name}.md").read_text(encoding="utf-8")
                     for p, _ in PARTS)
    for demo in sorted((ROOT / "demos/intro_meta_learning").glob("*.py")):
        assert f'file="intro_meta_learning/{demo.name}"' in fences, demo.name


def test_posts_show_only_images_of_their_own_site(built_site: BuildResult) -> None:
    for path, _ in PARTS:
        article = _article(built_site.page(path + "index.html"))
        for tag in re.findall(r"<img[^>]*>", article):
            src = re.search(r'src="([^"]+)"', tag).group(1)
            assert not src.startswith(("http:", "https:", "//")), (path, src)
            assert re.search(r'alt="[^"]{10,}"', tag), (path, tag[:120])


def _section(html: str, fragment: str) -> str:
    """The page from the element with id ``fragment`` to the next h2 (the content it leads to)."""
    start = html.index(f'id="{fragment}"')
    end = html.find("<h2", start + 1)
    return html[start:end if end != -1 else None]


@pytest.mark.parametrize("old", OLD_IDS)
def test_links_to_the_second_edition_still_lead_to_their_content(built_site: BuildResult, old: str) -> None:
    intro = built_site.page(INTRO + "index.html")
    element = re.search(rf'<(\w+)\b[^>]*\bid="{re.escape(old)}"[^>]*>', intro)
    assert element, f"#{old} is gone from the introduction"
    assert intro.count(f'id="{old}"') == 1
    tag = element.group(0)
    if "moved-section" not in tag:
        return  # still here, in the introduction
    assert element.group(1) == "a"
    target, fragment = _resolve(INTRO, unescape(re.search(r'href="([^"]+)"', tag).group(1)))
    page = built_site.page(target + "index.html")
    if fragment:
        assert f'id="{fragment}"' in page, (old, target, fragment)
    number = int(old.rsplit("-", 1)[1]) if old.startswith("livedemo-") else None
    if number in OLD_DEMOS:  # a demo: the section it leads to shows that demo
        where = _section(page, fragment) if fragment else page
        assert f'<span class="livedemo-title">{OLD_DEMOS[number]}</span>' in where, old
    elif fragment:  # a heading: the same heading, under the same id, on its new page
        assert re.search(rf'<h[23] id="{re.escape(fragment)}"', page), old


def test_the_figures_are_the_blogs_own(built_site: BuildResult) -> None:
    intro = _article(built_site.page(INTRO + "index.html"))
    assert "babywalk.gif" not in intro
    assert re.search(r'<img[^>]*src="[^"]*images/prior-knowledge\.svg#only-light"', intro)
    assert re.search(r'<img[^>]*src="[^"]*images/prior-knowledge-dark\.svg#only-dark"', intro)
    maml = _article(built_site.page(PARTS[1][0] + "index.html"))
    assert re.search(r'<img[^>]*src="[^"]*images/maml-parameter-space\.svg#only-light"', maml)
    for name in ("prior-knowledge", "prior-knowledge-dark", "maml-parameter-space", "maml-parameter-space-dark"):
        assert any(built_site.site.rglob(f"{name}.svg")), name


def test_the_reproduction_quotes_the_saved_benchmark_output() -> None:
    """Every number of the reproduction post's table and prose is in the saved output."""
    saved = (ROOT / "benchmarks/results/reproduce_maml_sine.txt").read_text(encoding="utf-8")
    post = (ROOT / "docs/blog/posts/reproducing-maml-sine.md").read_text(encoding="utf-8")
    k5 = saved[saved.index("K = 5:"):saved.index("K = 10:")]
    rows = {}
    for label, line in (("maml", "MAML  "), ("median", "  median"), ("without", "  mean without them"),
                        ("diverged", "  diverged tasks"), ("pretrained", "pretrained  ")):
        found = [ln for ln in k5.splitlines() if ln.startswith(line)]
        rows[label] = found[0]  # the MAML block comes first
    maml = re.findall(r"(\d+\.\d+) ± (\d+\.\d+)", rows["maml"])
    assert f"{maml[1][0]} ± {maml[1][1]}" in post  # after one step
    assert f"| {maml[1][0]} ± {maml[1][1]} | {float(maml[2][0]):.0f} ± {float(maml[2][1]):.0f} | not finite |" in post
    assert "inf ± nan" in rows["maml"]
    median = rows["median"].split()[-3:]
    assert f"| MAML | this project | median | {' | '.join(median)} |" in post
    without = rows["without"].split()[-3:]
    assert f"({without[1]} and {without[2]})" in post and f"({median[1]} and {median[2]})" in post
    assert rows["diverged"].split()[-3:] == ["0", "3", "3"] and "three of the 600" in post
    pretrained = re.findall(r"(\d+\.\d+) ± (\d+\.\d+)", rows["pretrained"])[1:]
    assert " | ".join(f"{m} ± {c}" for m, c in pretrained) in post
    assert f"{pretrained[0][0]} ± {pretrained[0][1]} against 2.41" in post
