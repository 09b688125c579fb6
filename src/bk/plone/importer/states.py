"""A point's state from its status report, by the phrase lists of the settings.

A phrase is plain words; words in parentheses are optional: "ist (somit) umgesetzt"
matches "ist umgesetzt" and "ist somit umgesetzt". Case and spacing do not count.
- fulfilled: a fulfilled phrase occurs in the report's last paragraph;
- open: the report is empty, or its last paragraph is an open phrase and no more;
- in progress: any other report.
"""

from dataclasses import dataclass

import re


def phrase_pattern(phrase: str) -> str:
    parts = []
    for token in re.findall(r"\([^)]*\)|[^\s()]+", phrase.strip()):
        if token.startswith("("):
            words = token[1:-1].split()
            if words:
                parts.append("(?:" + r"\s+".join(map(re.escape, words)) + r"\s+)?")
        else:
            parts.append(re.escape(token) + r"\s+")
    pattern = "".join(parts)
    return pattern[: -len(r"\s+")] if pattern.endswith(r"\s+") else pattern


@dataclass(frozen=True)
class StateRules:
    fulfilled: tuple[str, ...]
    open: tuple[str, ...]

    def __post_init__(self):
        object.__setattr__(
            self,
            "_fulfilled",
            [
                re.compile(r"(?<!\w)" + phrase_pattern(p) + r"(?!\w)", re.IGNORECASE)
                for p in self.fulfilled
                if p.strip()
            ],
        )
        object.__setattr__(
            self,
            "_open",
            [
                re.compile(phrase_pattern(p), re.IGNORECASE)
                for p in self.open
                if p.strip()
            ],
        )

    def state_of(self, paragraphs: list[str]) -> str:
        paragraphs = [p for p in paragraphs if p.strip()]
        if not paragraphs:
            return "open"
        last = " ".join(paragraphs[-1].split())
        if any(pattern.search(last) for pattern in self._fulfilled):
            return "fulfilled"
        bare = last.strip(" .!;:-–")
        if any(pattern.fullmatch(bare) for pattern in self._open):
            return "open"
        return "in_progress"


DEFAULT_FULFILLED_PHRASES = (
    "ist (somit) (vollständig) erfüllt",
    "ist (somit) (vollständig) umgesetzt",
    "ist (somit) erledigt",
    "ist (somit) abgeschlossen",
    "wurde (somit) (vollständig) umgesetzt",
    "wurde (somit) erledigt",
)

DEFAULT_OPEN_PHRASES = (
    "offen",
    "noch offen",
    "Der Beschlusspunkt ist (noch) offen",
    "Die Umsetzung ist (noch) offen",
    "Die Umsetzung hat noch nicht begonnen",
)
