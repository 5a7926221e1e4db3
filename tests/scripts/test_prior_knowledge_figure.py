"""Figure 1 of the introduction: committed as drawn, honest about being an illustration."""

from __future__ import annotations

import pytest

import prior_knowledge_figure as fig
from figurecheck import NS, check_accessible, check_colours, parse, text_content
from svgfigure import SCHEMES


def test_the_prior_skill_starts_higher_and_reaches_the_goal_sooner() -> None:
    assert fig.PRIOR.skill(0) > fig.SCRATCH.skill(0)
    assert 0 < fig.PRIOR.reaches(fig.GOAL) < fig.SCRATCH.reaches(fig.GOAL) < fig.PRACTICE
    for curve in (fig.PRIOR, fig.SCRATCH):
        assert curve.skill(curve.reaches(fig.GOAL)) == pytest.approx(fig.GOAL)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_it_says_it_is_an_illustration_and_is_legible(scheme: str) -> None:
    root = parse(fig.draw(scheme))
    check_accessible(root)
    check_colours(root, scheme)
    assert "Illustration, not data" in text_content(root)
    assert root.find("svg:desc", NS).text.startswith("An illustration, not data")
    curves = root.findall(".//svg:path[@class='curve']", NS)
    assert [c.get("data-label") for c in curves] == [fig.PRIOR.label, fig.SCRATCH.label]
