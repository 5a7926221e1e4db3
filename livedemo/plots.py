"""Vega-Lite specs to SVG at build time, with the same Vega-Lite version the browser uses."""

from __future__ import annotations

import copy
from typing import Any

import vl_convert

VEGA_LITE_VERSION = "6.4"  # matches the vega-lite npm package bundled for the browser
STATIC_WIDTH = 640  # "container" width has no container at build time; the SVG scales


def spec_to_svg(spec: dict[str, Any]) -> str:
    """Render a Vega-Lite spec to an SVG string; raise ``ValueError`` with the reason."""
    fixed = copy.deepcopy(spec)
    if fixed.get("width") == "container":
        fixed["width"] = STATIC_WIDTH
    try:
        return vl_convert.vegalite_to_svg(fixed, vl_version=VEGA_LITE_VERSION)
    except Exception as exc:  # vl-convert raises a bare ValueError/RuntimeError from Rust
        raise ValueError(f"cannot render the Vega-Lite spec: {exc}") from exc
