"""Which papers of a council information system become resolutions, and under which
names their bodies and offices are known here: from the settings."""

from bk.plone.vocabularies.settings import office_name
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from plone import api
from typing import TYPE_CHECKING


if TYPE_CHECKING:  # the settings import this module; the mapping is heavier
    from bk.plone.oparl.mapping import CouncilPaper


NO_DECISION_RESULTS = (
    "Vertagt",
    "Zurückgestellt",
    "Zurückgezogen",
    "Abgesetzt",
    "Abgelehnt",
    "Kenntnisnahme",
    "Zur Kenntnis genommen",
)


@dataclass
class PaperFilter:
    paper_types: tuple[str, ...] = ()
    no_decision: tuple[str, ...] = NO_DECISION_RESULTS
    date_from: date | None = None
    date_to: date | None = None
    names: dict[str, str] = field(default_factory=dict)
    bodies: frozenset[str] = frozenset()
    offices: frozenset[str] = frozenset()

    @classmethod
    def from_settings(cls, date_from=None, date_to=None) -> "PaperFilter":
        def record(name):
            return api.portal.get_registry_record(f"bk.plone.{name}", default=None)

        names = {}
        for line in record("oparl_names") or ():
            there, _sep, here = line.partition("|")
            if there.strip() and here.strip():
                names[there.strip().casefold()] = here.strip()
        no_decision = record("oparl_no_decision")
        offices = (office_name(line) for line in record("responsible_offices") or ())
        return cls(
            bodies=frozenset(record("bodies") or ()),
            offices=frozenset(offices),
            paper_types=tuple(record("oparl_paper_types") or ()),
            no_decision=tuple(
                NO_DECISION_RESULTS if no_decision is None else no_decision
            ),
            date_from=date_from,
            date_to=date_to,
            names=names,
        )

    def skip_reason(self, paper: "CouncilPaper") -> str | None:
        """Why the paper is not taken ("type", "no_decision", "date"), or None."""
        types = {kind.casefold() for kind in self.paper_types}
        if types and paper.paper_type.casefold() not in types:
            return "type"
        refused = {result.casefold() for result in self.no_decision}
        if not paper.result or paper.result.casefold() in refused:
            return "no_decision"
        day = paper.decision_date
        if self.date_from and (day is None or day < self.date_from):
            return "date"
        if self.date_to and (day is None or day > self.date_to):
            return "date"
        return None

    def local_name(self, name: str) -> str:
        return self.names.get(name.casefold(), name) if name else ""

    def known_body(self, name: str) -> str | None:
        """The name, when it is one of the settings' deciding bodies."""
        return name if name in self.bodies else None

    def known_office(self, name: str) -> str | None:
        """The name, when it is one of the settings' responsible offices."""
        return name if name in self.offices else None
