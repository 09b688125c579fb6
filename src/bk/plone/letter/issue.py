"""Issuing a letter: freeze it as a ControlReport inside the resolution."""

from bk.plone import _
from datetime import date
from plone.dexterity.utils import createContent
from plone.namedfile.file import NamedBlobFile

import json


class IssueError(ValueError):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def issued_reports(resolution) -> list:
    """The resolution's issued reports, newest first."""
    reports = [
        obj
        for obj in resolution.objectValues()
        if getattr(obj, "portal_type", None) == "ControlReport"
    ]
    return sorted(reports, key=lambda r: (r.letter_date, r.created()), reverse=True)


def latest_letter(resolution) -> dict | None:
    reports = issued_reports(resolution)
    return reports[0].letter if reports else None


def issue(resolution, letter: dict, html: str, pdf: bytes):
    """Create the frozen report and move the resolution's next control date on."""
    report = freeze(resolution, letter, html, pdf)
    resolution.next_control_date = report.next_control_date
    resolution.file_reference = letter["file_reference"] or resolution.file_reference
    resolution.reindexObject(idxs=["next_control_date"])
    return report


def freeze(resolution, letter: dict, html: str, pdf: bytes, **source):
    """Create the frozen report of `letter` inside the resolution and nothing else.

    `source` is what an imported letter records of its file (source_filename,
    source_checksum)."""
    letter_date = date.fromisoformat(letter["date"])
    next_control = (
        date.fromisoformat(letter["next_control_date"])
        if letter["next_control_date"]
        else None
    )
    if next_control and next_control <= letter_date:
        raise IssueError(
            _(
                "error_next_control_not_after_letter",
                default="The next control date must lie after the letter date.",
            )
        )
    reference = letter["paper_reference"].replace("/", "-")
    report = createContent(
        "ControlReport",
        title=f"{letter['subject']}, {letter['date_text']}",
        letter_date=letter_date,
        file_reference=letter["file_reference"],
        next_control_date=next_control,
        letter_json=json.dumps(letter, ensure_ascii=False, sort_keys=True),
        html=html,
        pdf=NamedBlobFile(
            data=pdf,
            contentType="application/pdf",
            filename=f"Beschlusskontrolle_{reference}_{letter['date']}.pdf",
        ),
        **source,
    )
    report_id = f"bericht-{letter['date']}"
    suffix = 1
    while report_id in resolution.objectIds():
        suffix += 1
        report_id = f"bericht-{letter['date']}-{suffix}"
    report.id = report_id
    resolution._setObject(report_id, report)
    return resolution[report_id]
