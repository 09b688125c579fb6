from bk.plone.content.numbering import InvalidNumber
from bk.plone.content.numbering import natural_key
from bk.plone.content.numbering import normalize_number

import pytest


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", "1"),
        ("1.", "1"),
        ("1a.", "1a"),
        ("1.)", "1"),
        ("1)", "1"),
        (" 2.1 ", "2.1"),
        ("Zu 1:", "1"),
        ("01", "1"),
        ("1A", "1a"),
        ("10", "10"),
    ],
)
def test_normalize(raw, expected):
    assert normalize_number(raw) == expected


@pytest.mark.parametrize("raw", ["", "a", "1..2", "1ab", "x1", "Punkt", "1/2", "-1"])
def test_invalid(raw):
    with pytest.raises(InvalidNumber):
        normalize_number(raw)


def test_natural_order():
    numbers = ["10", "2", "1b", "1", "2.1", "1a", "3"]
    assert sorted(numbers, key=natural_key) == ["1", "1a", "1b", "2", "2.1", "3", "10"]
