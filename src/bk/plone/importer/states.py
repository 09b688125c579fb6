"""A point's state from its status report, by the phrase lists of the settings.

A phrase is plain words; words in parentheses are optional: "ist (somit) umgesetzt"
matches "ist umgesetzt" and "ist somit umgesetzt". Case and spacing do not count.
- fulfilled: a fulfilled phrase occurs in the report's last paragraph ("… ist
  erfüllt.", "…; der Punkt ist erledigt.", "ist erfüllt (siehe Anlage).");
- open: the report is empty, or its last paragraph is an open phrase and no more,
  or (for phrases of two words or more) one plain sentence ending in it ("Die
  Umsetzung hat noch nicht begonnen.", "Die Vorlage steht noch aus."; not "…, nur
  die Abnahme steht noch aus", which says what is done);
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
        object.__setattr__(
            self,
            "_open_endings",
            [
                re.compile(r"(?<!\w)" + phrase_pattern(p) + r"$", re.IGNORECASE)
                for p in self.open
                if len(p.split()) >= 2
            ],
        )

    def state_of(self, paragraphs: list[str]) -> str:
        return self.explain(paragraphs)[0]

    def explain(self, paragraphs: list[str]) -> tuple[str, str]:
        """The state and the sentence that decided it ("" for an empty report)."""
        paragraphs = [p for p in paragraphs if p.strip()]
        if not paragraphs:
            return "open", ""
        last = " ".join(paragraphs[-1].split())
        for pattern in self._fulfilled:
            if match := pattern.search(last):
                return "fulfilled", sentence_around(last, match.start())
        bare = last.strip(" .!;:-–")
        if any(pattern.fullmatch(bare) for pattern in self._open):
            return "open", last
        one_sentence = not re.search(r"[.!?;,]\s+\S", bare)
        if one_sentence and any(p.search(bare) for p in self._open_endings):
            return "open", last
        return "in_progress", sentence_around(last, len(last) - 1)


def sentence_around(text: str, position: int) -> str:
    """The sentence of `text` that holds `position`."""
    starts = [0] + [m.end() for m in re.finditer(r"[.!?;]\s+", text[:position])]
    end = re.search(r"[.!?;](?:\s|$)", text[position:])
    stop = position + end.end() if end else len(text)
    return text[starts[-1] : stop].strip()


DEFAULT_FULFILLED_PHRASES = (
    "ist (somit) (vollständig) erfüllt",
    "ist (somit) (vollständig) umgesetzt",
    "ist (somit) erledigt",
    "ist (somit) abgeschlossen",
    "wurde (somit) (vollständig) umgesetzt",
    "wurde (somit) erledigt",
    "wurde (somit) abgeschlossen",
    "sind (somit) (vollständig) erfüllt",
    "sind (somit) (vollständig) umgesetzt",
    "sind (somit) erledigt",
    "sind (somit) abgeschlossen",
    "wurden (somit) (vollständig) umgesetzt",
    "wurden (somit) abgeschlossen",
)

DEFAULT_OPEN_PHRASES = (
    "offen",
    "noch offen",
    "Der Beschlusspunkt ist (noch) offen",
    "Die Umsetzung ist (noch) offen",
    "Die Umsetzung hat noch nicht begonnen",
    "noch nicht begonnen",
    "steht (noch) aus",
)
