"""Issuing a letter: freeze it as a ControlReport inside the resolution."""

from bk.plone import _
from bk.plone import logger
from bk.plone.content.safe_text import fits
from bk.plone.content.safe_text import SHORT_MAX
from bk.plone.content.safe_text import TEXT_MAX
from bk.plone.interfaces import RefusedInput
from bk.plone.letter.render import frozen_pdf
from bk.plone.letter.render import PDF_TYPE
from bk.plone.letter.schema import Letter
from bk.plone.letter.schema import LetterSchemaError
from datetime import date
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContent
from plone.namedfile.file import NamedBlobFile

import json


class IssueError(RefusedInput):
    """A letter that cannot be issued with these values."""


WITHDRAWN = "withdrawn"


EARLIEST_LETTER = date(2000, 1, 1)
LETTER_AHEAD = timedelta(days=366)
CONTROL_AHEAD = timedelta(days=10 * 366)


def letter_values_error(resolution, letter_date, file_reference, next_control):
    """Why these values cannot make a letter (a message), or None.

    `letter_date` and `next_control` are dates or None; a value that was given but
    is no date is passed as the string it was."""
    if not isinstance(letter_date, date):
        return _(
            "error_letter_date", default="Please enter the letter date as a valid date."
        )
    earliest = max(EARLIEST_LETTER, resolution.decision_date or EARLIEST_LETTER)
    if not earliest <= letter_date <= date.today() + LETTER_AHEAD:
        return _(
            "error_letter_date_range",
            default="The letter date must lie between ${earliest} and one year from "
            "today.",
            mapping={"earliest": earliest.strftime("%d.%m.%Y")},
        )
    if next_control is not None and not (
        isinstance(next_control, date) and next_control <= letter_date + CONTROL_AHEAD
    ):
        return _(
            "error_next_control_date",
            default="Please enter the next control date as a valid date within ten "
            "years of the letter.",
        )
    if not fits(file_reference, SHORT_MAX):
        return _(
            "error_file_reference_length",
            default="The file reference (GZ) may have at most ${max} characters and "
            "no control characters.",
            mapping={"max": SHORT_MAX},
        )
    return None


def all_reports(resolution) -> list:
    """Every report of the resolution, withdrawn ones included, newest first."""
    reports = [
        obj
        for obj in resolution.objectValues()
        if getattr(obj, "portal_type", None) == "ControlReport"
    ]
    return sorted(reports, key=lambda r: (r.letter_date, r.created()), reverse=True)


def is_withdrawn(report) -> bool:
    return api.content.get_state(report, default=None) == WITHDRAWN


def issued_reports(resolution) -> list:
    """The resolution's reports in force (not withdrawn), newest first: the previous
    report that changes are measured against is the first of them."""
    return [report for report in all_reports(resolution) if not is_withdrawn(report)]


def withdraw_reason_error(reason):
    """Why this cannot be the reason of a withdrawal (a message), or None."""
    if not isinstance(reason, str) or not reason.strip():
        return _(
            "error_withdraw_reason",
            default="Please give the reason why the report is withdrawn.",
        )
    if not fits(reason, TEXT_MAX):
        return _(
            "error_reason_too_long",
            default="The reason may have at most ${max} characters and no "
            "control characters.",
            mapping={"max": TEXT_MAX},
        )
    return None


def withdraw(report, reason: str) -> None:
    """Withdraw a report issued by mistake: kept, with the reason in its history,
    hidden from the council, never again "the previous report". What issuing it
    moved on (the resolution's next control date and GZ) goes back to the report
    still in force, unless someone has changed it since (`restore_resolution`)."""
    error = withdraw_reason_error(reason)
    if error is not None:
        raise IssueError(error)
    api.content.transition(obj=report, transition="withdraw", comment=reason.strip())


def restore_resolution(report) -> None:
    """After a withdrawal, however it came (see content/subscribers.py)."""
    resolution = report.__parent__
    in_force = issued_reports(resolution)
    if not in_force:
        return  # what the resolution held before its first letter is not recorded
    previous = in_force[0]
    if resolution.next_control_date == report.next_control_date:
        resolution.next_control_date = previous.next_control_date
    if resolution.file_reference == report.file_reference and previous.file_reference:
        resolution.file_reference = previous.file_reference
    resolution.reindexObject(idxs=["next_control_date"])


def latest_letter(resolution) -> Letter | None:
    reports = issued_reports(resolution)
    if not reports:
        return None
    try:
        return reports[0].letter
    except LetterSchemaError:
        # Compared with nothing rather than refused: the new letter can still go out.
        logger.exception("Issued report %s holds unreadable letter data", reports[0])
        return None


def issue(resolution, letter: Letter, html: str, pdf: bytes):
    """Create the frozen report and move the resolution's next control date on."""
    report = freeze(resolution, letter, html, pdf)
    resolution.next_control_date = report.next_control_date
    resolution.file_reference = letter.file_reference or resolution.file_reference
    resolution.reindexObject(idxs=["next_control_date"])
    return report


def _pdf_file(data: bytes, filename: str) -> NamedBlobFile:
    return NamedBlobFile(data=data, contentType=PDF_TYPE, filename=filename)


def pdf_pending(report) -> bool:
    """A report whose PDF a bulk import left to be rendered from its frozen HTML."""
    return getattr(report, "pdf", None) is None and bool(getattr(report, "html", ""))


def render_pending_pdf(report) -> None:
    """The report's PDF, from its frozen HTML (never from today's data)."""
    if pdf_pending(report):
        report.pdf = _pdf_file(frozen_pdf(report.html), report.letter.filename("pdf"))


def freeze(resolution, letter: Letter, html: str, pdf: bytes | None, **source):
    """Create the frozen report of `letter` inside the resolution and nothing else.

    `pdf` None leaves the PDF to `render_pending_pdf` (bulk imports); `source` is
    what an imported letter records of its file (source_filename, source_checksum)."""
    letter_date = date.fromisoformat(letter.date)
    next_control = (
        date.fromisoformat(letter.next_control_date)
        if letter.next_control_date
        else None
    )
    if next_control and next_control <= letter_date:
        raise IssueError(
            _(
                "error_next_control_not_after_letter",
                default="The next control date must lie after the letter date.",
            )
        )
    report = createContent(
        "ControlReport",
        title=f"{letter.subject}, {letter.date_text}",
        letter_date=letter_date,
        file_reference=letter.file_reference,
        next_control_date=next_control,
        letter_json=json.dumps(letter.to_json(), ensure_ascii=False, sort_keys=True),
        html=html,
        pdf=_pdf_file(pdf, letter.filename("pdf")) if pdf else None,
        **source,
    )
    report_id = f"bericht-{letter.date}"
    suffix = 1
    while report_id in resolution.objectIds():
        suffix += 1
        report_id = f"bericht-{letter.date}-{suffix}"
    report.id = report_id
    resolution._setObject(report_id, report)
    return resolution[report_id]
