"""A page's HTML as a feed reader shows it: no style sheet, no script, no site around it.

Feed readers show an item's HTML with their own styles and run none of ours, so the page's
content is rewritten for them (one pass of the standard library's HTML parser):

- math: KaTeX's drawing (``.katex-html``) needs KaTeX's CSS and fonts, which readers do not
  load; only its MathML is kept, which readers and browsers draw natively (and which keeps
  the TeX as its annotation);
- live demos: the code and the output computed at build time stay, as static text; the title
  becomes a line with a link to the demo on the site, the disabled input controls a sentence
  giving the values the output was computed with, and a block that runs only in the browser
  says so;
- links and images: absolute URLs (readers resolve relative ones against the feed, or not at
  all); a plot's ``<picture>`` keeps only its ``<img>`` (light colours, wide drawing);
- dropped: the title (the item has it), buttons, form controls, style sheets, scripts,
  comments, heading permalinks ("¶"), ``data-*`` attributes.
"""

from __future__ import annotations

import json
from html import escape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# h1: the post's title, which the feed item gives as its title already
DROPPED_TAGS = {"script", "style", "link", "template", "noscript", "button", "input", "select", "textarea",
                "output", "source", "form", "h1"}
DROPPED_CLASSES = {"katex-html", "headerlink", "livedemo-header", "livedemo-controls"}
URL_ATTRIBUTES = {"href", "src", "poster", "cite"}
DROPPED_ATTRIBUTES = {"aria-live", "loading", "decoding", "srcset", "style"}


def _value(value: Any, decimals: int | None = None) -> str:
    """An input's value as the page shows it: 3.5, 2.00, sine, (0.5, 1.2), (1, 2)."""
    if isinstance(value, list):
        if value and all(isinstance(v, list) for v in value):
            return ", ".join(_value(v, decimals) for v in value)
        return "(" + ", ".join(_value(v, decimals) for v in value) + ")"
    if isinstance(value, float) and decimals is not None:
        return f"{value:.{decimals}f}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class _FeedWriter(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=False)
        self.page_url = page_url
        self.out: list[str] = []
        self.open: list[str] = []  # the tags of the elements open in the input
        self.dropping: int | None = None  # how many elements were open around the dropped one
        self.inputs: list[dict[str, Any]] | None = None  # a demo's inputs, collected while dropped
        self.replacement = ""  # written when the dropped element closes

    # -- helpers --------------------------------------------------------------------------

    def _absolute(self, url: str) -> str:
        return urljoin(self.page_url, url)

    def _attributes(self, attrs: list[tuple[str, str | None]]) -> str:
        kept = []
        for name, value in attrs:
            if name.startswith("data-") or name in DROPPED_ATTRIBUTES:
                continue
            if value is not None and name in URL_ATTRIBUTES:
                value = self._absolute(value)
            kept.append(name if value is None else f'{name}="{escape(value)}"')
        return "".join(" " + a for a in kept)

    def _drop(self, replacement: str = "") -> None:
        """Leave out the element just opened, and all it holds."""
        self.dropping = len(self.open) - 1
        self.replacement = replacement

    def _demo_intro(self, attrs: dict[str, str | None]) -> str:
        try:
            title = json.loads(attrs.get("data-livedemo") or "{}").get("title") or "Python demo"
        except ValueError:
            title = "Python demo"
        link = self._absolute(f"#{attrs.get('id')}") if attrs.get("id") else self.page_url
        return (f'<p><strong>Live demo: {escape(title)}</strong>. <a href="{escape(link)}">Run it, '
                "or change it and run it, in your browser on the post's page</a>.</p>")

    def _inputs_sentence(self) -> str:
        values = [f"{escape(str(i.get('label') or i.get('name')))} = "
                  f"{escape(_value(i.get('value', i.get('default')), i.get('decimals')))}"
                  for i in self.inputs or []]
        return f"<p>Computed with {', '.join(values)}.</p>" if values else ""

    # -- parser events --------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        given = dict(attrs)
        classes = set((given.get("class") or "").split())
        void = closed or tag in VOID
        if self.dropping is not None:
            if self.inputs is not None and "livedemo-input" in classes and given.get("data-input"):
                try:
                    self.inputs.append(json.loads(given["data-input"] or "{}"))
                except ValueError:
                    pass
            if not void:
                self.open.append(tag)
            return
        if not void:
            self.open.append(tag)
        if tag in DROPPED_TAGS or classes & DROPPED_CLASSES:
            if not void:
                self._drop()
            return
        if "livedemo-inputs" in classes:
            self.inputs = []
            self._drop()
            return
        if "livedemo-output" in classes and given.get("data-origin") == "none":
            self._drop("<p>This demo has no output here: it runs only in a browser, on the post's page.</p>")
            return
        self.out.append(f"<{tag}{self._attributes(attrs)}{' /' if closed else ''}>")
        if "livedemo" in classes:
            self.out.append(self._demo_intro(given))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag not in self.open:  # a stray end tag: ignore it, as browsers do
            return
        while self.open:
            closed = self.open.pop()
            if self.dropping is not None and len(self.open) == self.dropping:
                self.dropping = None
                self.out.append(self.replacement if self.inputs is None else self._inputs_sentence())
                self.inputs, self.replacement = None, ""
            elif self.dropping is None:
                self.out.append(f"</{closed}>")
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.dropping is None:
            self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        if self.dropping is None:
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if self.dropping is None:
            self.out.append(f"&#{name};")


def feed_html(content: str, page_url: str) -> str:
    """``content`` (a page's converted Markdown) as a feed item's HTML; ``page_url`` is the
    page's absolute URL, against which its links and images are resolved."""
    writer = _FeedWriter(page_url)
    writer.feed(content)
    writer.close()
    return "".join(writer.out).strip()
