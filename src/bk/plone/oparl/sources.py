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
from bk.plone.oparl.mapping import oparl_moment
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
    """A changed agenda item whose paper could not be found: reported as a failed
    paper, with the URL of the object that could not be read."""

    url: str
    error: Message


@dataclass(frozen=True)
class PassedOver:
    """A changed agenda item whose consultation the council system does not publish
    (it answers 403, 404 or 410): reported as not taken, and no failure, so that it
    does not hold back the next sync's "since"."""

    url: str
    skip: str = "not_published"


# What a council system answers for a consultation it does not show.
NOT_PUBLISHED = (403, 404, 410)


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
    agenda item's Unreadable or PassedOver."""
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
        return entry.strip()
    if isinstance(entry, Unreadable | PassedOver):
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


def _listed(client: OParlClient, listing: str, since: datetime | None):
    """The objects of a list, changed since `since` when given: asked of the server
    (`modified_since`) and checked here, for servers that do not filter."""
    if since is not None:
        listing = with_query(listing, modified_since=moment(since))
    for _page, objects in client.pages(listing):
        for obj in objects:
            if since is None or not _unchanged_since(obj, since):
                yield obj


def _unchanged_since(obj, since: datetime) -> bool:
    """True only for an object whose `modified` (with its zone) lies before
    `since`; one without a date it can be judged by is read."""
    stamp = oparl_moment(obj.get("modified")) if isinstance(obj, dict) else None
    return stamp is not None and stamp.tzinfo is not None and stamp < since


def _decided_since(client: OParlClient, body: dict | None, since: datetime):
    """The papers of the body's agenda items and meetings changed since `since`."""
    for key in DECISION_LISTS:
        listing = (body or {}).get(key)
        if not isinstance(listing, str):
            continue
        for obj in _listed(client, listing, since):
            if _deleted(obj):
                continue
            for item in _agenda_items(key, obj):
                yield from _paper_of(client, item)


def _deleted(obj) -> bool:
    return isinstance(obj, dict) and obj.get("deleted") is True


def _agenda_items(key: str, obj) -> list:
    if key == "agendaItem":
        return [obj]
    items = obj.get("agendaItem") if isinstance(obj, dict) else None
    return items if isinstance(items, list) else []


def _paper_of(client: OParlClient, item) -> Iterator[str | Unreadable | PassedOver]:
    """The URL of the paper an agenda item decided, through its consultation; none
    for an item without one (the opening, the minutes, questions) or deleted."""
    url = item.strip() if isinstance(item, str) else entry_url(item)
    try:
        item = checked(
            client.get(url) if isinstance(item, str) else item, "AgendaItem", url
        )
        consultation_url = item.get("consultation")
        if _deleted(item) or not consultation_url:
            return
        consultation = checked(
            client.get(consultation_url), "Consultation", consultation_url
        )
    except FetchError as error:
        if error.status in NOT_PUBLISHED:
            yield PassedOver(url)
        else:
            yield Unreadable(url, error.message)
        return
    paper = consultation.get("paper")
    if paper and not _deleted(consultation):
        yield paper.strip()
