"""A small SVG writer for the blog's drawn figures, in the site's light and dark colours.

The figures under ``docs/blog/posts/images/`` that this package draws come in two files, one
per colour scheme of the site (Material's default and slate palettes), so that an article can
show the one that matches the page (``![...](x.svg#only-light)`` and ``(x-dark.svg#only-dark)``).
Each file paints its own background in the page's colour: on the site it is invisible, and a
feed reader or an image viewer that shows the file alone still shows it legibly.

Text stays text (``<text>``), so it is sharp at any size, searchable and read by screen
readers; colours come from one table per scheme, and ``contrast`` lets a test hold every
text colour to WCAG's 4.5:1 against its background.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

SCHEMES = ("light", "dark")
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "blog" / "posts" / "images"
FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

# Backgrounds: Material's default (white) and slate, hsl(225, 15%, 14%), palettes.
# Text and mark colours: the plots' theme (livedemo/plot-theme.json) for ink and muted text;
# three task colours per scheme, darker on white and lighter on slate, each at least 4.5:1.
COLOURS: dict[str, dict[str, str]] = {
    "light": {"background": "#ffffff", "ink": "#1f1f1f", "muted": "#4d4d4d", "faint": "#8a8a8a",
              "task1": "#1a5f9e", "task2": "#a8440a", "task3": "#1d7a30"},
    "dark": {"background": "#1e2129", "ink": "#e8e9ee", "muted": "#b9bcc8", "faint": "#8a8fa0",
             "task1": "#7ab8f0", "task2": "#f4a261", "task3": "#7fd18b"},
}


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def num(value: float) -> str:
    """A coordinate with at most one decimal: small files, stable across machines."""
    text = f"{value:.1f}"
    return "0" if text in ("0.0", "-0.0") else text.removesuffix(".0")


def points(xy: Iterable[Sequence[float]]) -> str:
    """SVG path data through ``xy``: ``M x,y L x,y ...``."""
    parts = [f"{num(x)},{num(y)}" for x, y in xy]
    return "M" + " L".join(parts)


@dataclass
class Drawing:
    """An SVG document built element by element: ``add`` markup, ``text`` for labels."""

    width: int
    height: int
    title: str
    desc: str
    ident: str  # prefix of the ids in this file (markers, title, desc)
    scheme: str
    body: list[str] = field(default_factory=list)
    defs: list[str] = field(default_factory=list)

    @property
    def colour(self) -> dict[str, str]:
        return COLOURS[self.scheme]

    def add(self, markup: str) -> None:
        self.body.append(markup)

    def arrowhead(self, name: str, colour: str) -> str:
        """A marker in ``colour`` (markers cannot take the line's colour in every browser)."""
        ident = f"{self.ident}-{name}"
        self.defs.append(
            f'<marker id="{ident}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="4" '
            f'markerHeight="4" markerUnits="strokeWidth" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>')
        return f"url(#{ident})"

    def text(self, x: float, y: float, content: str, *, colour: str, size: int = 20,
             anchor: str = "start", weight: str = "normal", sub: str = "", italic: bool = False,
             extra: str = "") -> None:
        """A label at (x, y) (the baseline); ``sub`` is set as a subscript after ``content``."""
        style = ' font-style="italic"' if italic else ""
        lowered = (f'<tspan dy="{num(size * 0.3)}" font-size="{num(size * 0.75)}">{escape(sub)}</tspan>'
                   if sub else "")
        self.add(f'<text x="{num(x)}" y="{num(y)}" font-size="{size}" fill="{colour}" '
                 f'text-anchor="{anchor}" font-weight="{weight}"{style}{extra}>{escape(content)}{lowered}</text>')

    def svg(self) -> str:
        """The whole file: a background in the page's colour, then the elements in order."""
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" height="{self.height}" '
            f'viewBox="0 0 {self.width} {self.height}" role="img" '
            f'aria-labelledby="{self.ident}-title {self.ident}-desc" font-family="{escape(FONT)}">\n'
            f'<title id="{self.ident}-title">{escape(self.title)}</title>\n'
            f'<desc id="{self.ident}-desc">{escape(self.desc)}</desc>\n'
        )
        defs = f"<defs>{''.join(self.defs)}</defs>\n" if self.defs else ""
        background = (f'<rect width="{self.width}" height="{self.height}" rx="12" '
                      f'fill="{self.colour["background"]}"/>\n')
        return head + defs + background + "\n".join(self.body) + "\n</svg>\n"


@dataclass(frozen=True)
class Figure:
    """One drawn figure: its two files (one per scheme), how to draw them and the script's CLI.

    Every figure script ends with ``FIGURE = Figure(...)`` and ``FIGURE.main(__doc__)``, so the
    tests can check every committed file against its script the same way.
    """

    name: str  # the files' stem: ``name.svg`` (light) and ``name-dark.svg``
    draw: Callable[[str], str]  # scheme -> the SVG document
    script: str  # the script's path from the repository root, for messages
    out: Path = IMAGES

    def file_name(self, scheme: str) -> str:
        return f"{self.name}.svg" if scheme == "light" else f"{self.name}-{scheme}.svg"

    def write(self, out: Path | None = None) -> list[Path]:
        """Write both files into ``out`` (default: the posts' images); return their paths."""
        written = []
        for scheme in SCHEMES:
            path = (out or self.out) / self.file_name(scheme)
            path.write_text(self.draw(scheme), encoding="utf-8")
            written.append(path)
        return written

    def main(self, doc: str | None) -> None:
        parser = argparse.ArgumentParser(description=(doc or "").split("\n")[0])
        parser.add_argument("--out", type=Path, default=self.out, help="folder for the two SVG files")
        for path in self.write(parser.parse_args().out):
            print(path)
