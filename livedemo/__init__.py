"""Live Python demos for MkDocs pages.

Importing the package gives demo code the display API (``from livedemo import show,
progress``) and nothing else: the MkDocs plugin and the fence live in submodules so
that this import stays light and works unchanged inside Pyodide.
"""

from livedemo.display import progress, show

__all__ = ["progress", "show"]
