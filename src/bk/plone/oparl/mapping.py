"""What an OParl `Paper` and its deciding consultation say about a resolution: read
from the objects a council system serves, checked against the shape the OParl 1.1
schema gives them (a value of the wrong kind is a schema violation, named with its
object's URL), mapped to a resolution's fields."""

from bk.plone import _
from bk.plone.importer.parser import DecidedText
from bk.plone.importer.parser import split_decided_text
from bk.plone.importer.readers import read_html
from bk.plone.importer.readers import read_text
from bk.plone.letter.model import site_zone
from bk.plone.oparl.client import FetchError
from bk.plone.oparl.client import OParlClient
from dataclasses import dataclass
from datetime import date
from datetime import datetime

import re


OPARL_TYPE = re.compile(r"^https?://schema\.oparl\.org/1\.[01]/(?P<name>\w+)$")

# The keys bk.plone reads and the JSON type the schema gives each.
SHAPES = {
    "Paper": {
        "id": str,
        "name": str,
        "reference": str,
        "date": str,
        "paperType": str,
        "underDirectionOf": list,
        "consultation": list,
        "web": str,
    },
    "Consultation": {
        "paper": str,
        "agendaItem": str,
        "meeting": str,
        "organization": list,
        "authoritative": bool,
    },
    "AgendaItem": {
        "meeting": str,
        "consultation": str,
        "public": bool,
        "result": str,
        "resolutionText": str,
        "start": str,
    },
    "Meeting": {"name": str, "start": str, "organization": list},
    "Organization": {"name": str, "shortName": str},
}


def oparl_type(obj) -> str | None:
    """ "Paper" for an object typed https://schema.oparl.org/1.1/Paper."""
    match = OPARL_TYPE.match(obj.get("type", "")) if isinstance(obj, dict) else None
    return match.group("name") if match else None


def checked(obj, kind: str, url: str) -> dict:
    """The object when it is an OParl `kind` whose keys have the schema's types."""
    if not isinstance(obj, dict) or oparl_type(obj) != kind:
        raise FetchError(
            _(
                "oparl_error_type",
                default="${url} is not an OParl ${kind}.",
                mapping={"url": url, "kind": kind},
            ),
            url,
        )
    for key, expected in SHAPES[kind].items():
        value = obj.get(key)
        if value is not None and not _fits(value, expected):
            raise _violation(url, key)
    return obj


def _fits(value, expected: type) -> bool:
    if not isinstance(value, expected):
        return False
    # lists hold URLs or embedded objects
    return expected is not list or all(isinstance(i, str | dict) for i in value)


def _violation(url: str, key: str) -> FetchError:
    return FetchError(
        _(
            "oparl_error_schema",
            default="${url} violates the OParl schema: ${key} has the wrong type.",
            mapping={"url": url, "key": key},
        ),
        url,
    )


@dataclass
class CouncilPaper:
    """A paper as bk.plone takes it: the resolution's fields, and its decided text."""

    url: str
    reference: str
    title: str
    paper_type: str
    web: str | None
    body: str  # the deciding organization's name in the council system
    office: str  # the name of the organization the paper is under direction of
    decision_date: date | None
    session_reference: str
    result: str
    confidential: bool
    text: DecidedText
    has_text: bool


def read_paper(client: OParlClient, paper) -> CouncilPaper:
    """The paper (an object of a list, or one read by its URL) with its deciding
    consultation."""
    url = paper.get("id") if isinstance(paper, dict) else None
    url = url if isinstance(url, str) else "?"
    paper = checked(paper, "Paper", url)
    reference = one_line(paper.get("reference"))
    if not reference:
        raise FetchError(
            _(
                "oparl_error_no_reference",
                default="${url} has no reference (the paper's number).",
                mapping={"url": url},
            ),
            url,
        )
    consultation, item, meeting = deciding(client, paper, url)
    item = item or {}
    text = item.get("resolutionText") or ""
    return CouncilPaper(
        url=url,
        reference=reference,
        title=one_line(paper.get("name")) or reference,
        paper_type=one_line(paper.get("paperType")),
        web=paper.get("web"),
        body=_organization_name(client, consultation, meeting),
        office=_first_name(client, paper.get("underDirectionOf")),
        decision_date=_day(meeting.get("start") if meeting else None)
        or _day(item.get("start")),
        session_reference=one_line((meeting or {}).get("name")),
        result=one_line(item.get("result")),
        confidential=item.get("public") is not True,
        text=decided_text(text),
        has_text=bool(text.strip()),
    )


def decided_text(text: str) -> DecidedText:
    """Resolution texts come as HTML, as numbered plain text or as one sentence."""
    text = _CONTROL.sub("", text)
    if _TAG.search(text):
        return split_decided_text(read_html(text))
    return split_decided_text(read_text(text.encode("utf-8")))


# What no text holds (and XML refuses); tabs and line breaks stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# An element of HTML, opening, closing or empty ("<p>", "</td>", "<br/>").
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")


def deciding(client: OParlClient, paper: dict, url: str):
    """(consultation, agenda item, meeting) where the paper was decided: the
    authoritative consultation, else the last one whose agenda item has a result."""
    found = (None, None, None)
    consultations = paper.get("consultation") or []
    for consultation in consultations:
        if isinstance(consultation, str):
            consultation = client.get(consultation)
        consultation = checked(
            consultation, "Consultation", consultation.get("id", url)
        )
        item = _object(client, consultation.get("agendaItem"), "AgendaItem")
        meeting_url = consultation.get("meeting") or (item or {}).get("meeting")
        meeting = _object(client, meeting_url, "Meeting")
        if consultation.get("authoritative"):
            return consultation, item, meeting
        if item and item.get("result"):
            found = (consultation, item, meeting)
    return found


def _object(client: OParlClient, url, kind: str) -> dict | None:
    if not url:
        return None
    return checked(client.get(url), kind, url)


def _organization_name(client, consultation, meeting) -> str:
    organizations = (consultation or {}).get("organization") or (meeting or {}).get(
        "organization"
    )
    return _first_name(client, organizations)


def _first_name(client: OParlClient, organizations) -> str:
    for organization in organizations or []:
        if isinstance(organization, str):
            organization = _object(client, organization, "Organization")
        if isinstance(organization, dict):
            return (
                organization.get("name") or organization.get("shortName") or ""
            ).strip()
    return ""


def one_line(value) -> str:
    """One line of text: council systems break long names across lines."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def oparl_moment(value) -> datetime | None:
    """An OParl date-time ("2024-05-14T17:00:00+02:00", "…Z"), or None."""
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (AttributeError, TypeError, ValueError):
        return None


def _day(value) -> date | None:
    """The day of an OParl date or date-time; a moment with its zone ("…T22:30:00Z")
    on the site's calendar, where the meeting took place."""
    if not isinstance(value, str) or not value:
        return None
    moment = oparl_moment(value)
    if moment is None:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return moment.astimezone(site_zone()).date() if moment.tzinfo else moment.date()
