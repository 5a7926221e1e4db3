"""The one exception type for mistakes in a page's demo fences.

pymdown's superfences swallows every exception from a custom fence except
``SuperFencesException`` (the fence silently becomes a plain code block), so ours
subclasses it. No builder's types appear here: the MkDocs adapter
(``livedemo/mkdocs_plugin.py``) passes a subclass that MkDocs reports as a clean build error,
and Zensical reports any exception of a page with the page's name.
"""

from __future__ import annotations

from pymdownx.superfences import SuperFencesException


class DemoError(SuperFencesException):
    """A demo fence that cannot be built: bad option, missing file, code that raises. Its
    message always starts with the file (and line) it is about."""
