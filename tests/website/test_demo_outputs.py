"""The comparison the live-demo test uses: exact, or numbers within a declared tolerance."""

from __future__ import annotations

from demo_outputs import number_differences

TABLE = "algorithm     n=0   n=1\nMAML         2.38  0.98\nfirst-order  2.42  1.31\n"


def test_equal_texts_have_no_differences() -> None:
    assert number_differences(TABLE, TABLE, 0) == []


def test_without_a_tolerance_any_difference_fails() -> None:
    assert number_differences(TABLE, TABLE.replace("2.42", "2.41"), 0) is None


def test_numbers_within_the_tolerance_are_reported() -> None:
    assert number_differences(TABLE, TABLE.replace("2.42", "2.41"), 0.02) == ["2.42 -> 2.41"]


def test_numbers_beyond_the_tolerance_fail() -> None:
    assert number_differences(TABLE, TABLE.replace("2.42", "2.30"), 0.02) is None


def test_words_must_be_equal_even_with_a_tolerance() -> None:
    assert number_differences(TABLE, TABLE.replace("first-order", "first-ordre"), 0.5) is None
    assert number_differences(TABLE, TABLE + "extra line\n", 0.5) is None


def test_alignment_may_follow_a_wider_number() -> None:
    built = "loss  9.99  done\n"
    assert number_differences(built, "loss 10.01  done\n", 0.01) == ["9.99 -> 10.01"]
