"""Checks every drawn figure must pass: accessible name, contrast, text readable on a phone."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from svgfigure import COLOURS, contrast

NS = {"svg": "http://www.w3.org/2000/svg"}
PHONE = 390  # CSS px: the figure's width on a phone, where its text must stay readable


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def check_accessible(root: ET.Element) -> None:
    """role="img", named by its <title> and described by its <desc>, both non-trivial."""
    assert root.get("role") == "img"
    title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert len(title.text or "") > 20 and len(desc.text or "") > 200


def check_colours(root: ET.Element, scheme: str) -> None:
    """Text at 4.5:1 or more against the background, lines and marks at 3:1 or more."""
    background = COLOURS[scheme]["background"]
    width = float(root.get("width"))
    texts = root.findall(".//svg:text", NS)
    assert texts
    for text in texts:
        label = "".join(text.itertext())
        assert contrast(text.get("fill"), background) >= 4.5, f"{label!r} in {text.get('fill')}"
        size = float(text.get("font-size")) * PHONE / width
        assert size >= 12, f"{label!r} is {size:.1f} px at {PHONE} px wide"
        for part in text.findall("svg:tspan", NS):  # subscripts
            assert float(part.get("font-size")) * PHONE / width >= 9.5, f"subscript of {label!r}"
    for element in root.iter():
        for attribute in ("stroke", "fill"):
            colour = element.get(attribute)
            if colour and colour.startswith("#") and colour != background:
                opacity = float(element.get(f"{attribute}-opacity", "1"))
                if opacity == 1:
                    assert contrast(colour, background) >= 3, f"{element.tag} {attribute}={colour}"


def text_content(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.findall(".//svg:text", NS)]
