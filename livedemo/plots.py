"""Vega-Lite specs to SVG at build time, with the same Vega-Lite version the browser uses."""

from __future__ import annotations

import copy
from typing import Any

import vl_convert

VEGA_LITE_VERSION = "6.4"  # matches the vega-lite npm package bundled for the browser
# A "container" width has no container at build time. Such responsive plots are drawn twice,
# for wide and for phone-sized screens (CSS shows one), so that text stays readable on both.
WIDE = 640
NARROW = 300


_COMPOSED = ("hconcat", "vconcat", "concat", "facet", "repeat")


def is_responsive(spec: dict[str, Any]) -> bool:
    """Fills its container's width: ``width: "container"``, or no width on a single view.

    The same rule as ``responsive()`` in assets/src/plots.js, so both draw the same plot.
    """
    if "width" in spec:
        return spec["width"] == "container"
    return not any(key in spec for key in _COMPOSED)


def spec_to_svg(spec: dict[str, Any], *, width: int = WIDE) -> str:
    """Render a Vega-Lite spec to an SVG string; raise ``ValueError`` with the reason."""
    fixed = copy.deepcopy(spec)
    if is_responsive(fixed):
        fixed["width"] = width
        if width < WIDE:  # on a phone, a legend beside the plot would squeeze it
            legend = fixed.setdefault("config", {}).setdefault("legend", {})
            legend.setdefault("orient", "bottom")
    try:
        return vl_convert.vegalite_to_svg(fixed, vl_version=VEGA_LITE_VERSION)
    except Exception as exc:  # vl-convert raises a bare ValueError/RuntimeError from Rust
        raise ValueError(f"cannot render the Vega-Lite spec: {exc}") from exc


def spec_to_svgs(spec: dict[str, Any]) -> dict[str, str]:
    """``{"wide": svg}``, plus ``"narrow"`` for a responsive (``width: "container"``) spec."""
    svgs = {"wide": spec_to_svg(spec)}
    if is_responsive(spec):
        svgs["narrow"] = spec_to_svg(spec, width=NARROW)
    return svgs
