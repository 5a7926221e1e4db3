"""The one exception type for mistakes in a page's demo fences.

pymdown's superfences swallows every exception from a custom fence except
``SuperFencesException`` (the fence silently becomes a plain code block), so ours
subclasses it. It is also a MkDocs ``PluginError``, which MkDocs reports as a clean
build error under the name of the page that contains the fence.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException


class DemoError(SuperFencesException, PluginError):
    """A demo fence that cannot be built: bad option, missing file, code that raises."""
