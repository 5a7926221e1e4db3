"""Vega-Lite specs to SVG at build time, with the same Vega-Lite version the browser uses."""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path
from typing import Any

import vl_convert
from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError, best_match

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


@functools.lru_cache(maxsize=2)
def _validator(schema: Path) -> Draft7Validator:
    return Draft7Validator(json.loads(schema.read_text(encoding="utf-8")))


def _explain(error: ValidationError) -> str:
    """One sentence: where in the spec, and what is wrong (the allowed values when listed)."""
    where = ".".join(str(p) for p in error.absolute_path) or "the top level"
    allowed: list[Any] = []
    for sub in [error, *(error.context or [])]:
        if sub.validator == "enum" and list(sub.absolute_path) == list(error.absolute_path):
            allowed += [v for v in sub.validator_value if v not in allowed]
        elif sub.validator == "const" and list(sub.absolute_path) == list(error.absolute_path):
            if sub.validator_value not in allowed:
                allowed.append(sub.validator_value)
    if allowed:
        shown = ", ".join(json.dumps(v) for v in allowed[:16]) + (", ..." if len(allowed) > 16 else "")
        return f"at {where}: {json.dumps(error.instance)} is not one of {shown}"
    return f"at {where}: {error.message}"


def spec_problem(spec: dict[str, Any], schema: Path | None) -> str | None:
    """Why ``spec`` is not valid Vega-Lite (checked against the schema of the npm package the
    browser draws with), or None."""
    if schema is None:
        return None
    error = best_match(_validator(schema).iter_errors(spec))
    return None if error is None else f"the plot's spec is not valid Vega-Lite {_explain(error)}"


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


def spec_to_svgs(spec: dict[str, Any], schema: Path | None = None) -> dict[str, str]:
    """``{"wide": svg}``, plus ``"narrow"`` for a responsive (``width: "container"``) spec;
    ``ValueError`` saying what is wrong when the spec does not follow ``schema``."""
    problem = spec_problem(spec, schema)
    if problem:
        raise ValueError(problem)
    svgs = {"wide": spec_to_svg(spec)}
    if is_responsive(spec):
        svgs["narrow"] = spec_to_svg(spec, width=NARROW)
    return svgs
