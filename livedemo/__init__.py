"""Live Python demos for MkDocs pages.

Importing the package gives demo code the display API (``from livedemo import show,
progress``) and the inputs a demo declares (``slider``, ``number``, ``choice``, ``points``)
and nothing else: the MkDocs plugin and the fence live in submodules so that this import
stays light and works unchanged inside Pyodide.
"""

from livedemo.display import progress, show
from livedemo.inputs import choice, number, points, slider

__all__ = ["choice", "number", "points", "progress", "show", "slider"]
