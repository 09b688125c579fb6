"""An Atom feed of the issued letters and control lists the reader may see,
newest first (withdrawn ones left out)."""

from bk.plone.content.safe_text import clean_text
from bk.plone.letter.settings import letter_settings
from datetime import datetime
from datetime import UTC
from lxml import etree
from plone import api


ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50
ISSUED_STATES = ("issued", "public")


def issued_records(folder, public_only: bool = False, limit: int = MAX_ENTRIES):
    query = {
        "portal_type": ["ControlReport", "ControlListReport"],
        "path": "/".join(folder.getPhysicalPath()),
        "review_state": ISSUED_STATES,
        "sort_on": "created",
        "sort_order": "descending",
        "sort_limit": limit,
    }
    records = []
    for brain in api.content.find(**query)[:limit]:
        record = brain.getObject()
        if public_only and _confidential(record):
            continue
        records.append(record)
    return records


def _confidential(record) -> bool:
    from bk.plone.council.dispatch import is_confidential

    return is_confidential(record)


def _iso(moment) -> str:
    return moment.ISO8601() if hasattr(moment, "ISO8601") else moment.isoformat()


def atom_bytes(folder, records, title: str, feed_url: str) -> bytes:
    def element(parent, name, text=None, **attributes):
        node = etree.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
        if text is not None:
            node.text = text
        return node

    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    element(feed, "id", f"urn:uuid:{api.content.get_uuid(folder)}-reports")
    element(feed, "title", title)
    element(
        feed,
        "updated",
        _iso(records[0].created()) if records else datetime.now(UTC).isoformat(),
    )
    element(feed, "link", rel="self", href=feed_url)
    element(feed, "link", rel="alternate", href=folder.absolute_url())
    author = element(feed, "author")
    element(author, "name", letter_settings().municipality or "bk.plone")
    for record in records:
        entry = element(feed, "entry")
        element(entry, "id", f"urn:uuid:{api.content.get_uuid(record)}")
        element(entry, "title", clean_text(record.title))
        element(entry, "updated", _iso(record.created()))
        element(entry, "published", _iso(record.created()))
        element(entry, "link", rel="alternate", href=record.absolute_url())
        if getattr(record, "pdf", None) is not None:
            element(
                entry,
                "link",
                rel="enclosure",
                type="application/pdf",
                href=f"{record.absolute_url()}/@@download/pdf",
            )
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8")
