"""Where a sync finds the papers to read: the paper lists an address leads to and,
in a sync of what changed since the last one, the papers whose decision changed
while the paper did not. Council systems write the result and the resolution text
on the agenda item after the meeting, and move meetings, without touching the
paper: a paper list asked for `modified_since` does not name those papers, the
body's lists of agenda items and meetings do."""

from bk.plone import _
from bk.plone.oparl.client import FetchError
from bk.plone.oparl.client import OParlClient
from bk.plone.oparl.client import with_query
from bk.plone.oparl.mapping import checked
from bk.plone.oparl.mapping import oparl_type
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from datetime import UTC
from zope.i18nmessageid import Message


@dataclass(frozen=True)
class Source:
    papers: str  # the URL of a paper list
    body: dict | None = None  # its body, whose other lists name changed decisions


@dataclass(frozen=True)
class Unreadable:
    """An agenda item or meeting changed since the last sync whose paper could not
    be found: reported as a failed paper, with the object's URL."""

    url: str
    error: Message


# A body's lists that name a changed decision: agenda items, and meetings (which
# hold their agenda items; OParl 1.0 bodies have no list of agenda items).
DECISION_LISTS = ("agendaItem", "meeting")


def sources(client: OParlClient, url: str) -> list[Source]:
    """The paper lists an address leads to: a System's bodies' lists, a Body's
    list, or the address itself when it is a list."""
    obj = client.get(url)
    kind = oparl_type(obj)
    if kind == "System" and isinstance(obj.get("body"), str):
        found = []
        for _page, bodies in client.pages(obj["body"]):
            for body in bodies:
                body = client.get(body) if isinstance(body, str) else body
                if isinstance(body, dict) and isinstance(body.get("paper"), str):
                    found.append(Source(body["paper"], body))
        return found
    if kind == "Body" and isinstance(obj.get("paper"), str):
        return [Source(obj["paper"], obj)]
    if isinstance(obj.get("data"), list):
        return [Source(url)]
    raise FetchError(
        _(
            "oparl_error_entry",
            default="${url} is neither an OParl system, a body nor a list of papers.",
            mapping={"url": url},
        ),
        url,
    )


def entries(client: OParlClient, url: str, since: datetime | None = None):
    """Every paper to read, each once: an object of a list, a paper's URL, or an
    Unreadable."""
    seen: set[str] = set()
    found = sources(client, url)
    for source in found:
        for entry in _listed(client, source.papers, since):
            if _first_time(entry, seen):
                yield entry
    if since is None:
        return
    for source in found:
        for entry in _decided_since(client, source.body, since):
            if _first_time(entry, seen):
                yield entry


def entry_url(entry) -> str:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, Unreadable):
        return entry.url
    found = entry.get("id") if isinstance(entry, dict) else None
    return found if isinstance(found, str) else "?"


def moment(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds")


def _first_time(entry, seen: set[str]) -> bool:
    """False for a paper already read (a list that shows a paper twice, a changed
    agenda item of a changed paper)."""
    url = entry_url(entry)
    if url in seen:
        return False
    if url != "?":
        seen.add(url)
    return True


def _listed(client: OParlClient, paper_list: str, since: datetime | None):
    if since is not None:
        paper_list = with_query(paper_list, modified_since=moment(since))
    for _page, papers in client.pages(paper_list):
        yield from papers


def _decided_since(client: OParlClient, body: dict | None, since: datetime):
    """The papers of the body's agenda items and meetings changed since `since`."""
    for key in DECISION_LISTS:
        listing = (body or {}).get(key)
        if not isinstance(listing, str):
            continue
        for _page, objects in client.pages(
            with_query(listing, modified_since=moment(since))
        ):
            for obj in objects:
                for item in _agenda_items(key, obj):
                    yield from _paper_of(client, item)


def _agenda_items(key: str, obj) -> list:
    if key == "agendaItem":
        return [obj]
    items = obj.get("agendaItem") if isinstance(obj, dict) else None
    return items if isinstance(items, list) else []


def _paper_of(client: OParlClient, item) -> Iterator[str | Unreadable]:
    """The URL of the paper an agenda item decided, through its consultation; none
    for an item without one (the opening, the minutes, questions)."""
    url = item if isinstance(item, str) else entry_url(item)
    try:
        item = checked(
            client.get(item) if isinstance(item, str) else item, "AgendaItem", url
        )
        consultation_url = item.get("consultation")
        if not consultation_url:
            return
        consultation = checked(
            client.get(consultation_url), "Consultation", consultation_url
        )
    except FetchError as error:
        yield Unreadable(url, error.message)
        return
    paper = consultation.get("paper")
    if paper:
        yield paper
