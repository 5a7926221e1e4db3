"""A post's reading time counts its prose (contentcheck/readtime.py), not its code, math or references."""

from __future__ import annotations

import re
import sys

from building import ROOT, BuildResult

from contentcheck.readtime import minutes

POST = "blog/2020/04/27/introduction-to-meta-learning/index.html"


def test_code_demos_math_and_references_do_not_count() -> None:
    prose = "<p>" + "word " * 530 + "</p>"  # two minutes at 265 words a minute
    extras = (
        "<pre><code>" + "x = 1\n" * 2000 + "</code></pre>"
        '<div class="livedemo"><div class="livedemo-code"><pre><code>' + "y " * 3000 + "</code></pre></div>"
        '<div class="livedemo-output"><pre class="livedemo-stream">' + "0.1 " * 3000 + "</pre></div></div>"
        '<span class="arithmatex">\\(' + "\\alpha + " * 500 + "\\)</span>"
        '<div class="footnote"><ol><li>' + "Author, Title. " * 400 + "</li></ol></div>"
    )
    assert minutes(prose) == 2
    assert minutes(prose + extras) == 2
    assert minutes(prose + '<p><img src="a.png" alt="a"></p>') == 3  # 2 min + 12 s: rounded up


def test_the_post_shows_the_reading_time_of_its_prose(built_site: BuildResult) -> None:
    page = built_site.page(POST)
    shown = int(re.search(r"(\d+) min read", page).group(1))
    article = page[page.index("<article"):page.index("</article>")]
    assert shown == minutes(article)
    words = len(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", article)))
    assert shown < words / 265 * 0.8  # well below the count of every word on the page
