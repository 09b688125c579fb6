"""Filters of the control overview, read from a URL's parameters (the page, its
exports and REST share them), and the rows and totals they select."""

from bk.plone import _
from bk.plone.content.status import DONE_STATES
from bk.plone.content.status import POINT_STATES
from bk.plone.content.status import status_label
from bk.plone.content.status import unexplained_delays
from bk.plone.interfaces import RefusedInput
from dataclasses import dataclass
from datetime import date
from datetime import timedelta
from plone import api
from plone.base.utils import munge_search_term
from Products.ZCTextIndex.ParseTree import ParseError
from Products.ZCTextIndex.QueryParser import QueryParser


SORTS = {
    "paper_reference": "paper_reference",
    "title": "sortable_title",
    "body": "body",
    "responsible_office": "responsible_office",
    "decision_date": "decision_date",
    "next_control_date": "next_control_date",
    "status": "bk_status",
}


class InvalidFilter(RefusedInput):
    """A filter of the overview that is no valid value."""


@dataclass(frozen=True)
class Filters:
    status: str = ""
    office: str = ""
    body: str = ""
    year: int | None = None
    overdue: bool = False
    # only resolutions linked to their paper in the council information system
    oparl: bool = False
    due_within: int | None = None
    text: str = ""
    sort_on: str = "next_control_date"
    sort_order: str = "ascending"

    @classmethod
    def from_params(cls, params) -> "Filters":
        """From request parameters; a value that makes no sense is refused."""

        def text(name):
            value = params.get(name, "")
            if not isinstance(value, str):
                raise InvalidFilter(_bad(name))
            return value.strip()

        status = text("status")
        if status and status not in POINT_STATES:
            raise InvalidFilter(_bad("status"))
        sort_on = text("sort_on") or "next_control_date"
        if sort_on not in SORTS:
            raise InvalidFilter(_bad("sort_on"))
        sort_order = text("sort_order") or "ascending"
        if sort_order not in ("ascending", "descending", "reverse"):
            raise InvalidFilter(_bad("sort_order"))
        return cls(
            status=status,
            office=text("office"),
            body=text("body"),
            year=_number(text("year"), "year", 1900, 2200),
            overdue=_yes_or_no(text("overdue"), "overdue"),
            oparl=_yes_or_no(text("oparl"), "oparl"),
            due_within=_number(text("due_within"), "due_within", 0, 3650),
            text=_search_text(text("text")),
            sort_on=sort_on,
            sort_order="descending" if sort_order == "reverse" else sort_order,
        )

    def params(self) -> dict:
        """The filters as URL parameters (only those set), to link and bookmark."""
        values = {
            "status": self.status,
            "office": self.office,
            "body": self.body,
            "year": str(self.year) if self.year else "",
            "overdue": "1" if self.overdue else "",
            "oparl": "1" if self.oparl else "",
            "due_within": "" if self.due_within is None else str(self.due_within),
            "text": self.text,
            "sort_on": "" if self.sort_on == "next_control_date" else self.sort_on,
            "sort_order": "" if self.sort_order == "ascending" else self.sort_order,
        }
        return {key: value for key, value in values.items() if value != ""}

    def catalog_query(self, path: str, today: date) -> dict:
        query = {
            "portal_type": "Resolution",
            "path": path,
            "sort_on": SORTS[self.sort_on],
            "sort_order": self.sort_order,
        }
        if self.status:
            query["bk_status"] = self.status
        if self.office:
            query["responsible_office"] = self.office
        if self.body:
            query["body"] = self.body
        if self.year:
            query["decision_date"] = {
                "query": [date(self.year, 1, 1), date(self.year, 12, 31)],
                "range": "min:max",
            }
        if self.text:
            query["SearchableText"] = munge_search_term(self.text)
        if self.oparl:
            query["bk_has_oparl"] = True
        if self.overdue:
            query["next_control_date"] = {
                "query": today - timedelta(days=1),
                "range": "max",
            }
            if not self.status:
                query["bk_status"] = {"not": DONE_STATES}
        elif self.due_within is not None:
            query["next_control_date"] = {
                "query": [today, today + timedelta(days=self.due_within)],
                "range": "min:max",
            }
        return query


TEXT_MAX = 200


def _search_text(value: str) -> str:
    """The words to search for, refused (not a 500) when the full-text index cannot
    read them even as Plone's search quotes them ("a)", "(a", "NOT", "*")."""
    if len(value) > TEXT_MAX:
        raise InvalidFilter(
            _(
                "error_overview_text_length",
                default="Please search for at most ${max} characters.",
                mapping={"max": TEXT_MAX},
            )
        )
    term = munge_search_term(value) if value else ""
    if not term.strip():
        return ""
    catalog = api.portal.get_tool("portal_catalog")
    lexicon = catalog._catalog.getIndex("SearchableText").getLexicon()
    try:
        QueryParser(lexicon).parseQuery(term)
    except ParseError:
        raise InvalidFilter(
            _(
                "error_overview_text",
                default="These words cannot be searched for. Please search for "
                "words or numbers without brackets, quotes or operators.",
            )
        ) from None
    return value


def _bad(name):
    return _(
        "error_overview_filter",
        default='The filter "${name}" has a value that makes no sense.',
        mapping={"name": name},
    )


def check_batching(params) -> None:
    """Refuse b_start and b_size of a batched request when they make no sense."""
    for name, low, high in (("b_start", 0, 10**9), ("b_size", 1, 10_000)):
        value = params.get(name, "")
        if not isinstance(value, str):
            raise InvalidFilter(_bad(name))
        _number(value.strip(), name, low, high)


def _yes_or_no(value: str, name: str) -> bool:
    if value.lower() in ("1", "true", "on", "yes"):
        return True
    if value.lower() in ("", "0", "false", "off", "no"):
        return False
    raise InvalidFilter(_bad(name))


def _number(value: str, name: str, low: int, high: int) -> int | None:
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        raise InvalidFilter(_bad(name)) from None
    if not low <= number <= high:
        raise InvalidFilter(_bad(name))
    return number


def is_overdue(brain, today: date) -> bool:
    control = brain.next_control_date
    return bool(control and control < today and brain.bk_status not in DONE_STATES)


def row(brain, today: date, translate) -> dict:
    counts = brain.bk_point_counts or dict.fromkeys(POINT_STATES, 0)
    return {
        "@id": brain.getURL(),
        "paper_reference": brain.paper_reference,
        "title": brain.Title,
        "body": brain.body or "",
        "responsible_office": brain.responsible_office or "",
        "decision_date": _iso(brain.decision_date),
        "next_control_date": _iso(brain.next_control_date),
        "status": brain.bk_status,
        "status_title": translate(status_label(brain.bk_status)),
        "points": {state: counts.get(state, 0) for state in POINT_STATES},
        "overdue": is_overdue(brain, today),
        # points past due whose department has not said why
        "unexplained_delays": unexplained_delays(brain.bk_point_dues, today),
        "confidential": bool(brain.confidential),
        # when its newest letter was issued: "new since your last visit"
        "last_issued": brain.bk_last_issued or None,
        "review_state": brain.review_state,
    }


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def search(context, filters: Filters, today: date | None = None):
    """The catalog's brains for these filters below `context`, as the user may see."""
    today = today or date.today()
    catalog = api.portal.get_tool("portal_catalog")
    query = filters.catalog_query("/".join(context.getPhysicalPath()), today)
    brains = catalog(**query)
    unsorted = {k: v for k, v in query.items() if k not in ("sort_on", "sort_order")}
    if len(brains) == len(catalog(**unsorted)):
        return brains
    # ZCatalog leaves out what its sort index has no value for (a resolution
    # without next control date, body or office): those follow, by paper reference.
    sorted_rids = {brain.getRID() for brain in brains}
    by_paper = catalog(**unsorted, sort_on="bk_paper_key")
    return list(brains) + [b for b in by_paper if b.getRID() not in sorted_rids]


def totals(brains, today: date) -> dict:
    """Counts over every row the filters select, not only the page shown."""
    result = {
        "resolutions": 0,
        "overdue": 0,
        "unexplained_delays": 0,
        "status": dict.fromkeys(POINT_STATES, 0),
        "points": dict.fromkeys(POINT_STATES, 0),
    }
    for brain in brains:
        result["resolutions"] += 1
        result["overdue"] += is_overdue(brain, today)
        result["unexplained_delays"] += len(
            unexplained_delays(brain.bk_point_dues, today)
        )
        if brain.bk_status in result["status"]:
            result["status"][brain.bk_status] += 1
        for state, count in (brain.bk_point_counts or {}).items():
            result["points"][state] = result["points"].get(state, 0) + count
    return result
