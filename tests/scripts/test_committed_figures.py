"""Every drawn figure under docs/blog/posts/images/ is what its script draws today."""

from __future__ import annotations

from pathlib import Path

import pytest

import maml_parameter_space
import prior_knowledge_figure
from svgfigure import SCHEMES, Figure

FIGURES = [maml_parameter_space.FIGURE, prior_knowledge_figure.FIGURE]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("figure", FIGURES, ids=lambda figure: figure.name)
def test_the_committed_file_is_what_the_script_draws(figure: Figure, scheme: str) -> None:
    committed = (figure.out / figure.file_name(scheme)).read_text(encoding="utf-8")
    assert committed == figure.draw(scheme), (
        f"docs/blog/posts/images/{figure.file_name(scheme)} is out of date: run python {figure.script}")


def test_every_figure_script_is_checked() -> None:
    scripts = Path(maml_parameter_space.__file__).parent
    drawn = {p.name for p in scripts.glob("*.py")
             if p.name != "svgfigure.py" and "FIGURE = Figure(" in p.read_text(encoding="utf-8")}
    assert drawn == {figure.script.rsplit("/", 1)[1] for figure in FIGURES}, (
        "a figure script of demos/scripts/ is missing from FIGURES in this file")
