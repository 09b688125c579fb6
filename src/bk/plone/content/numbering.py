"""Point numbers as councils write them: "1", "1a", "2.1"; natural order."""

from natsort import natsort_keygen

import re


_DECORATION = re.compile(r"^\s*(?:zu\s+)?(.*?)[\s.):]*$", re.IGNORECASE)
_VALID = re.compile(r"^\d{1,3}[a-z]?(?:\.\d{1,3}[a-z]?)*$")

natural_key = natsort_keygen()


class InvalidNumber(ValueError):
    pass


def normalize_number(raw: str) -> str:
    """ "1." , "1a.", "1.)", "Zu 1:", " 2.1 ", "01" become "1", "1a", "1", "1", "2.1", "1"."""
    match = _DECORATION.match(raw or "")
    number = match.group(1).strip().lower() if match else ""
    number = ".".join(re.sub(r"^0+(?=\d)", "", part) for part in number.split("."))
    if not _VALID.match(number):
        raise InvalidNumber(raw)
    return number
