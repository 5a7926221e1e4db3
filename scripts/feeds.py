"""MkDocs hook: the RSS and JSON feeds carry each post's full content, as a feed reader shows it.

mkdocs-rss-plugin puts a post's ``description`` in its feeds (one line) unless the page gives
``rss: feed_description:``; this hook gives every post the rss plugin takes (its
``match_path``) its whole content, rewritten for feed readers by ``livedemo.feedhtml``: math
as MathML, absolute links and images, the demos' build-time output as static text. A post that
sets its own ``rss: feed_description:`` keeps it.

After the rss plugin has written the JSON feeds, fields it wrote as ``null`` (an item without an
image) are left out: JSON Feed has no null values.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from livedemo.feedhtml import feed_html


def _rss(config: MkDocsConfig) -> Any | None:
    return config.plugins.get("rss")


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    rss = _rss(config)
    if rss is None or not re.match(rss.config.match_path, page.file.src_uri):
        return html
    own = page.meta.get("rss")
    own = own if isinstance(own, dict) else {}
    if not own.get("feed_description"):
        page.meta["rss"] = {**own, "feed_description": feed_html(html, page.canonical_url or "")}
    return html


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value if v is not None]
    return value


@event_priority(-100)  # after the rss plugin has written its feeds
def on_post_build(*, config: MkDocsConfig) -> None:
    rss = _rss(config)
    if rss is None or not rss.config.json_feed_enabled:
        return
    names = rss.config.feeds_filenames
    for name in (names.json_created, names.json_updated):
        path = Path(config.site_dir) / name
        if path.is_file():
            feed = json.loads(path.read_text(encoding="utf-8"))
            path.write_text(json.dumps(_without_nulls(feed), ensure_ascii=False), encoding="utf-8")
