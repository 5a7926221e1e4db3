"""Vega-Lite specs to SVG at build time, with the same Vega-Lite version the browser uses."""

from __future__ import annotations

import copy
import functools
import json
import re
from pathlib import Path
from typing import Any

import vl_convert
from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError, best_match

VEGA_LITE_VERSION = "6.4"  # matches the vega-lite npm package bundled for the browser
THEME: dict[str, Any] = json.loads((Path(__file__).with_name("plot-theme.json")).read_text(encoding="utf-8"))
SCHEMES = ("light", "dark")  # Material's default and slate palettes
# A "container" width has no container at build time. Such responsive plots are drawn at two
# widths, for wide and for phone-sized screens, so that text is 12 px as shown on both.
WIDE = THEME["sizes"]["wide"]
NARROW = THEME["sizes"]["narrow"]


_COMPOSED = ("hconcat", "vconcat", "concat", "facet", "repeat")


def is_responsive(spec: dict[str, Any]) -> bool:
    """Fills its container's width: ``width: "container"``, or no width on a single view.

    The same rule as ``isResponsive()`` in assets/src/plots.js, so both draw the same plot.
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


def _merged(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``extra`` on top, dicts merged key by key (as ``merged`` in plots.js)."""
    out = dict(base)
    for key, value in extra.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _wrapped(text: str, limit: int) -> str | list[str]:
    """A title over ``limit`` characters as lines of whole words (Vega does not wrap titles);
    the same rule as ``wrapped`` in plots.js."""
    if len(text) <= limit:
        return text
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _fit_title(spec: dict[str, Any], size: str) -> None:
    limit = THEME["titleChars"][size]
    title = spec.get("title")
    if isinstance(title, str):
        spec["title"] = _wrapped(title, limit)
    elif isinstance(title, dict):
        for key in ("text", "subtitle"):
            if isinstance(title.get(key), str):
                title[key] = _wrapped(title[key], limit)


def _text(value: Any) -> str:
    """A title given as a string, as lines (a list) or as ``{"text": ...}``, as one line."""
    if isinstance(value, dict):
        value = value.get("text", "")
    if isinstance(value, list):
        value = " ".join(str(line) for line in value)
    return " ".join(str(value or "").split())


def plot_label(spec: dict[str, Any]) -> str:
    """What a screen reader says for a plot: its title, then its ``description`` (the text
    the image cannot give: what the marks show). ``plotLabel`` in assets/src/render.js is the
    same rule, so the build-time picture and the live redraw say the same."""
    title, description = _text(spec.get("title")), _text(spec.get("description"))
    if not title or description.startswith(title):
        return description or title or "Plot"
    if not description:
        return title
    return f"{title}{'' if title[-1] in '.:!?' else '.'} {description}"


def prepared(spec: dict[str, Any], scheme: str, size: str) -> dict[str, Any]:
    """The spec as drawn: the site's theme for ``scheme`` under the spec's own config, and a
    responsive spec given the width for ``size`` ("wide" or "narrow"; on a narrow screen a
    legend goes below the plot). ``prepared()`` in assets/src/plots.js does the same."""
    fixed = copy.deepcopy(spec)
    config = _merged(_merged(THEME["common"], THEME[scheme]), fixed.get("config") or {})
    if is_responsive(fixed):
        fixed["width"] = THEME["sizes"][size]  # the whole plot's width, axes and legend included
        fixed.setdefault("autosize", {"type": "fit-x", "contains": "padding"})
        if size == "narrow":  # below the plot, one entry a line: nothing is cut at the edge
            config = _merged({"legend": {"orient": "bottom", "direction": "vertical"}}, config)
        _fit_title(fixed, size)
    fixed["config"] = config
    return fixed


def spec_to_svg(spec: dict[str, Any], *, scheme: str = "light", size: str = "wide") -> str:
    """Render a Vega-Lite spec to an SVG string; raise ``ValueError`` with the reason."""
    try:
        return vl_convert.vegalite_to_svg(prepared(spec, scheme, size), vl_version=VEGA_LITE_VERSION)
    except Exception as exc:  # vl-convert raises a bare ValueError/RuntimeError from Rust
        raise ValueError(f"cannot render the Vega-Lite spec: {exc}") from exc


def spec_to_svgs(spec: dict[str, Any], schema: Path | None = None) -> dict[str, str]:
    """One SVG per screen size and colour scheme: ``{"wide-light": svg, "wide-dark": ...}``,
    plus ``narrow-*`` for a responsive spec; ``ValueError`` saying what is wrong when the spec
    does not follow ``schema``."""
    problem = spec_problem(spec, schema)
    if problem:
        raise ValueError(problem)
    sizes = ("wide", "narrow") if is_responsive(spec) else ("wide",)
    return {f"{size}-{scheme}": spec_to_svg(spec, scheme=scheme, size=size) for size in sizes for scheme in SCHEMES}


def svg_size(svg: str) -> tuple[int, int]:
    """The width and height an SVG from vl-convert declares (its drawn size in px)."""
    match = re.search(r'<svg[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"', svg)
    if not match:
        raise ValueError("an SVG without width and height")
    return round(float(match.group(1))), round(float(match.group(2)))
