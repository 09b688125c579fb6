"""The control list as a document: the letter's head (sender, address field,
information block, subject, salutation, closing, signature; the same DIN 5008 layout
and tagged PDF/A) around the list's tables, as HTML, PDF and Word."""

from bk.plone import _
from bk.plone.content.status import POINT_STATES
from bk.plone.content.status import status_label
from bk.plone.council.control_list import ControlList
from bk.plone.council.control_list import ListEntry
from bk.plone.letter.docx import render_docx
from bk.plone.letter.model import german_date
from bk.plone.letter.model import letter_labels
from bk.plone.letter.model import letter_layout
from bk.plone.letter.model import letter_sender
from bk.plone.letter.model import site_language
from bk.plone.letter.pdf import render_pdf
from bk.plone.letter.render import article_html
from bk.plone.letter.render import document_html
from bk.plone.letter.render import document_rendered
from bk.plone.letter.schema import Letter
from bk.plone.letter.settings import letter_settings
from chameleon import PageTemplateFile
from datetime import date
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.shared import Pt
from pathlib import Path
from zope.i18n import translate

import json


TEMPLATES = Path(__file__).resolve().parent / "templates"
_body = PageTemplateFile(str(TEMPLATES / "control_list_body.pt"))

LABELS = {
    "open_heading": _("list_open_heading", default="Resolutions with work left"),
    "open_empty": _(
        "list_open_empty",
        default="No resolution of this body has points open or in progress.",
    ),
    "points_of": _("list_points_of", default="Points open or in progress of"),
    "col_paper": _("list_col_paper", default="Paper"),
    "col_point": _("list_col_point", default="Point"),
    "col_state": _("list_col_state", default="State"),
    "col_dates": _("list_col_dates", default="Dates"),
    "col_report": _("list_col_report", default="Status report"),
    "col_done": _("list_col_done", default="Done on"),
    "overdue": _("list_overdue", default="overdue"),
    "due": _("list_due", default="due:"),
    "target": _("list_target", default="target:"),
    "delay": _("letter_delay", default="Delay:"),
    "no_reason": _("list_no_reason", default="No reason for the delay given."),
    "annex_heading": _(
        "list_annex_heading", default="Annex: points done in the period"
    ),
    "annex_empty": _("list_annex_empty", default="No point was done in the period."),
    "annex_caption": _(
        "list_annex_caption", default="Points fulfilled or superseded in the period"
    ),
    "superseded_by": _("list_superseded_by", default="by"),
}


def _say(message, language: str) -> str:
    return translate(message, target_language=language)


def _day(value: str | None, language: str) -> str:
    return german_date(date.fromisoformat(value), language) if value else ""


def _numeric_day(value: str | None) -> str:
    return date.fromisoformat(value).strftime("%d.%m.%Y") if value else ""


def entry_meta(entry: ListEntry, language: str) -> str:
    """ "decided on …, responsible office …, next control …" of one entry."""
    parts = []
    if entry.decision_date:
        parts.append(
            _say(
                _(
                    "list_decided_on",
                    default="decided on ${date}",
                    mapping={"date": _day(entry.decision_date, language)},
                ),
                language,
            )
        )
    if entry.responsible_office:
        parts.append(
            _say(
                _(
                    "list_office",
                    default="responsible: ${office}",
                    mapping={"office": entry.responsible_office},
                ),
                language,
            )
        )
    if entry.next_control_date:
        parts.append(
            _say(
                _(
                    "list_next_control",
                    default="next control: ${date}",
                    mapping={"date": _day(entry.next_control_date, language)},
                ),
                language,
            )
        )
    return " · ".join(parts)


def state_titles(language: str) -> dict[str, str]:
    return {state: _say(status_label(state), language) for state in POINT_STATES}


def body_html(control_list: ControlList, language: str | None = None) -> str:
    """The list's tables: markup of bk.plone's, every text escaped."""
    language = language or site_language()
    return _body(
        control_list=control_list,
        labels={key: _say(message, language) for key, message in LABELS.items()},
        states=state_titles(language),
        meta=lambda entry: entry_meta(entry, language),
        # in the tables' narrow columns: 31.12.2025
        day=_numeric_day,
    )


def list_title(control_list: ControlList, language: str | None = None) -> str:
    language = language or site_language()
    return _say(
        _(
            "list_subject",
            default="Control list of the ${body}, as of ${date}",
            mapping={
                "body": control_list.body,
                "date": _day(control_list.made_on or control_list.date_to, language),
            },
        ),
        language,
    )


def list_letter(control_list: ControlList, list_date: date | None = None) -> Letter:
    """The letter around the list: the site's sender, layout and signature."""
    settings = letter_settings()
    language = site_language()
    list_date = list_date or date.today()
    if control_list.date_from:
        period = _(
            "list_period",
            default="Period: ${from} to ${to}",
            mapping={
                "from": _day(control_list.date_from, language),
                "to": _day(control_list.date_to, language),
            },
        )
    else:
        period = _(
            "list_period_until",
            default="Period: until ${to}",
            mapping={"to": _day(control_list.date_to, language)},
        )
    return Letter(
        paper_reference=control_list.body,
        date=list_date.isoformat(),
        date_text=german_date(list_date, language),
        labels=letter_labels(language),
        sender=letter_sender(settings),
        recipients=[
            _say(_("list_recipients", default="To the members of the"), language),
            control_list.body,
        ],
        confidential=control_list.confidential,
        subject=list_title(control_list, language),
        title=_say(period, language),
        salutation=_say(_("list_salutation", default="Dear members,"), language),
        intro=_say(
            _(
                "list_intro",
                default="this list names every resolution of the ${body} with points "
                "still open or in progress, with their state, dates and status "
                "report; the annex names the points done in the period.",
                mapping={"body": control_list.body},
            ),
            language,
        ),
        points=[],
        closing=settings.closing,
        signatory=settings.signatory,
        language=language,
        layout=letter_layout(settings),
    )


def list_filename(control_list: ControlList, extension: str) -> str:
    body = "".join(c if c.isalnum() else "_" for c in control_list.body).strip("_")
    return f"Beschlusskontrollliste_{body}_{control_list.date_to}.{extension}"


def list_article(control_list: ControlList) -> str:
    return article_html(list_letter(control_list), body_html(control_list))


def list_document(control_list: ControlList, list_date: date | None = None) -> str:
    return document_html(list_letter(control_list, list_date), body_html(control_list))


def list_pdf(control_list: ControlList, list_date: date | None = None) -> bytes:
    """Rendered once for the same list: readers of a list all ask for the same."""
    return document_rendered(
        list_letter(control_list, list_date),
        body_html(control_list),
        "list-pdf",
        lambda letter, body, site_url: render_pdf(
            document_html(letter, body), site_url
        ),
    ).data


def list_docx(control_list: ControlList, list_date: date | None = None) -> bytes:
    language = site_language()
    return document_rendered(
        list_letter(control_list, list_date),
        json.dumps(control_list.to_json(), sort_keys=True),
        "list-docx",
        lambda letter, _body, _site_url: render_docx(
            letter,
            add_body=lambda document: _docx_body(document, control_list, language),
        ),
    ).data


def _docx_body(document, control_list: ControlList, language: str) -> None:
    labels = {key: _say(message, language) for key, message in LABELS.items()}
    states = state_titles(language)
    _heading(document, labels["open_heading"], "Heading 2")
    if not control_list.entries:
        document.add_paragraph(labels["open_empty"])
    for entry in control_list.entries:
        _heading(document, f"{entry.paper_reference} {entry.title}", "Heading 3")
        meta = document.add_paragraph(entry_meta(entry, language))
        # the heading and its line stay with the table
        meta.paragraph_format.keep_with_next = True
        rows = [
            [
                f"{point.number}.",
                " ".join(
                    filter(
                        None, (states[point.state], point.overdue and labels["overdue"])
                    )
                ),
                "\n".join(
                    filter(
                        None,
                        (
                            point.due_date
                            and f"{labels['due']} {_numeric_day(point.due_date)}",
                            point.target_date
                            and f"{labels['target']} {_numeric_day(point.target_date)}",
                        ),
                    )
                ),
                "\n".join(
                    filter(
                        None,
                        (
                            point.report,
                            point.delay_reason
                            and f"{labels['delay']} {point.delay_reason}",
                            point.delay_unexplained and labels["no_reason"],
                        ),
                    )
                ),
            ]
            for point in entry.points
        ]
        _table(
            document,
            [labels[k] for k in ("col_point", "col_state", "col_dates", "col_report")],
            rows,
            widths=(16, 30, 34, 85),
        )
    _heading(document, labels["annex_heading"], "Heading 2")
    if not control_list.annex:
        document.add_paragraph(labels["annex_empty"])
        return
    rows = [
        [
            entry.paper_reference,
            f"{point.number}.",
            " ".join(
                filter(
                    None,
                    (
                        states[point.state],
                        point.superseded_by
                        and f"{labels['superseded_by']} {point.superseded_by}",
                    ),
                )
            ),
            _numeric_day(point.done_on),
            point.report,
        ]
        for entry in control_list.annex
        for point in entry.points
    ]
    _table(
        document,
        [
            labels[k]
            for k in ("col_paper", "col_point", "col_state", "col_done", "col_report")
        ],
        rows,
        widths=(22, 16, 32, 24, 71),
    )


def _heading(document, text: str, style: str) -> None:
    heading = document.add_paragraph(text, style=style)
    heading.paragraph_format.space_before = Pt(12)


def _table(document, header: list[str], rows: list[list[str]], widths) -> None:
    """A table whose first row is its header, repeated on every page and marked as
    such for screen readers (w:tblHeader)."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    row_properties.append(repeat)
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text or ""
    # Word reads the cells' widths, LibreOffice the grid's: both are set
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
