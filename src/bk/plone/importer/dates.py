"""Dates as German letters write them: "25. JAN. 2021", "25.01.2021", "25. Januar 2021"."""

from babel import Locale
from datetime import date
from functools import cache

import re


NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4}|\d{2})(?!\d)")
WORDS = re.compile(r"(?<!\d)(\d{1,2})\.?\s*([A-Za-zÄÖÜäöüß]+)\.?\s*(\d{4})(?!\d)")
ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


@cache
def month_names() -> dict[str, int]:
    """Every German (and English) month name and abbreviation Babel knows, without
    dots, in lower case: "januar", "jan", "jän", "märz", "mrz" ... -> month."""
    names = {}
    for language in ("de", "de_AT", "en"):
        months = Locale.parse(language).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    names[name.lower().rstrip(".")] = number
    names.setdefault("mrz", 3)
    names.setdefault("sept", 9)
    return names


def find_date(text: str) -> date | None:
    """The first date in `text`, or None when it holds none that exists."""
    for pattern, order in ((ISO, "ymd"), (NUMERIC, "dmy"), (WORDS, "dMy")):
        for match in pattern.finditer(text):
            value = _to_date(match.groups(), order)
            if value is not None:
                return value
    return None


def _to_date(parts, order: str) -> date | None:
    values = dict(zip(order, parts, strict=True))
    if "M" in values:
        month = month_names().get(values["M"].lower())
        if month is None:
            return None
    else:
        month = int(values["m"])
    year = int(values["y"])
    if year < 100:
        year += 2000
    try:
        return date(year, month, int(values["d"]))
    except ValueError:
        return None
