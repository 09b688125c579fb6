"""The overview's rows as CSV and XLSX, with German (or the reader's) headers."""

from bk.plone import _
from bk.plone.content.safe_text import clean_text
from bk.plone.content.status import POINT_STATES
from datetime import date
from io import BytesIO
from io import StringIO

import csv


COLUMNS = (
    ("paper_reference", _("column_paper_reference", default="Paper")),
    ("title", _("column_title", default="Title")),
    ("body", _("column_body", default="Body")),
    (
        "responsible_office",
        _("column_responsible_office", default="Responsible office"),
    ),
    ("decision_date", _("column_decision_date", default="Decided")),
    ("next_control_date", _("column_next_control_date", default="Next control")),
    ("status_title", _("column_status", default="Status")),
    ("open", _("column_points_open", default="Points open")),
    ("in_progress", _("column_points_in_progress", default="Points in progress")),
    ("fulfilled", _("column_points_fulfilled", default="Points fulfilled")),
    ("superseded", _("column_points_superseded", default="Points superseded")),
    ("overdue", _("column_overdue", default="Overdue")),
    (
        "unexplained_delays",
        _("column_unexplained_delays", default="Points overdue without reason"),
    ),
    ("@id", _("column_url", default="Address")),
)


def table(rows: list[dict], translate) -> list[list]:
    """Header and rows as plain values: dates as dates, counts as numbers."""
    yes, no = translate(_("yes", default="yes")), translate(_("no", default="no"))
    lines = [[translate(title) for _key, title in COLUMNS]]
    for row in rows:
        values = {**row, **row["points"]}
        line = []
        for key, _title in COLUMNS:
            value = values[key]
            if key in ("decision_date", "next_control_date") and value:
                value = date.fromisoformat(value)
            elif key == "overdue":
                value = yes if value else no
            elif key == "unexplained_delays":
                value = ", ".join(value)
            elif key in POINT_STATES:
                value = int(value)
            line.append(value if value is not None else "")
        lines.append(line)
    return lines


def _cell(value):
    if not isinstance(value, str):
        return value
    # Stored before the fields refused them: no spreadsheet holds control characters.
    value = clean_text(value)
    # A spreadsheet runs a cell that starts with these as a formula; the text a city
    # writes into a title is never one.
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(lines: list[list]) -> bytes:
    out = StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for line in lines:
        writer.writerow(
            [
                value.strftime("%d.%m.%Y") if isinstance(value, date) else _cell(value)
                for value in line
            ]
        )
    # Excel opens UTF-8 with a BOM as UTF-8, and German Excel expects ";".
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def to_xlsx(
    lines: list[list], sheet_title: str, date_columns: tuple = ("E", "F")
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    for line in lines:
        sheet.append([_cell(value) for value in line])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in date_columns:
        for cell in sheet[column][1:]:
            cell.number_format = "DD.MM.YYYY"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
