"""Fence options: strings in, typed values out, every mistake named."""

from __future__ import annotations

import pytest

from livedemo.options import describe, parse_options


def test_defaults() -> None:
    assert describe(parse_options({})) == {
        "title": None, "session": None, "file": None, "packages": [],
        "run": "build", "height": None, "timeout": None, "tolerance": None,
    }


def test_values_are_converted() -> None:
    options = describe(parse_options({
        "title": "Train MAML", "session": "train-1", "file": "topic/demo.py",
        "packages": "numpy, metalearn numpy", "run": "live-only", "height": "12", "timeout": "90",
        "tolerance": "2.5%",
    }))
    assert options == {
        "title": "Train MAML", "session": "train-1", "file": "topic/demo.py",
        "packages": ["numpy", "metalearn"], "run": "live-only", "height": 12, "timeout": 90,
        "tolerance": 0.025,
    }


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({"hieght": "3"}, "unknown option 'hieght'; did you mean 'height'?"),
        ({"packges": "numpy"}, "unknown option 'packges'; did you mean 'packages'?"),
        ({"colour": "red"}, "unknown option 'colour' (known: file, height, packages, run, session, "
                            "timeout, title, tolerance)"),
        ({"run": "live"}, "option 'run': 'live' is not allowed: expected one of 'build', 'live-only'; "
                          "did you mean 'live-only'?"),
        ({"run": "Build"}, "did you mean 'build'?"),
        ({"height": "tall"}, "option 'height': expected a whole number, got 'tall'"),
        ({"height": "2"}, "option 'height': 2 is outside 3..80"),
        ({"timeout": "0"}, "option 'timeout': 0 is outside 1..3600"),
        ({"run": "never"}, "option 'run'"),
        ({"file": "../secret.py"}, "option 'file'"),
        ({"file": "/etc/passwd"}, "option 'file'"),
        ({"session": "two words"}, "option 'session'"),
        ({"packages": "numpy;rm"}, "option 'packages'"),
        ({"tolerance": "0.02"}, "option 'tolerance': expected a percentage such as '2%', got '0.02'"),
        ({"tolerance": "80%"}, "option 'tolerance': 80% is outside 0%..50%"),
        ({"tolerance": "0%"}, "option 'tolerance': 0% is outside 0%..50%"),
    ],
)
def test_bad_values_are_rejected_with_the_option_name(inputs: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_options(inputs)


def test_a_value_far_from_every_choice_gets_the_choices_only() -> None:
    with pytest.raises(ValueError) as raised:
        parse_options({"run": "sometimes"})
    assert str(raised.value) == ("option 'run': 'sometimes' is not allowed: expected one of 'build', "
                                 "'live-only'")
