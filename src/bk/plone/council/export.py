"""The control list as rows for CSV and XLSX: one row per point, the open part
first, then the annex."""

from bk.plone import _
from bk.plone.content.status import status_label
from bk.plone.council.control_list import ControlList
from datetime import date


COLUMNS = (
    ("part", _("list_column_part", default="Part")),
    ("paper_reference", _("column_paper_reference", default="Paper")),
    ("title", _("column_title", default="Title")),
    (
        "responsible_office",
        _("column_responsible_office", default="Responsible office"),
    ),
    ("decision_date", _("column_decision_date", default="Decided")),
    ("number", _("list_col_point", default="Point")),
    ("state", _("list_col_state", default="State")),
    ("overdue", _("column_overdue", default="Overdue")),
    ("due_date", _("label_due_date", default="Due date")),
    ("target_date", _("label_target_date", default="Target date")),
    ("delay_reason", _("label_delay_reason", default="Reason for delay")),
    ("done_on", _("list_col_done", default="Done on")),
    ("superseded_by", _("label_superseded_by", default="Repealed or replaced by")),
    ("report", _("list_col_report", default="Status report")),
    ("url", _("column_url", default="Address")),
)
DATE_KEYS = ("decision_date", "due_date", "target_date", "done_on")
# the spreadsheet columns that hold dates (A, B, … in COLUMNS' order)
DATE_COLUMNS = tuple(
    chr(ord("A") + index) for index, (key, _t) in enumerate(COLUMNS) if key in DATE_KEYS
)


def list_table(control_list: ControlList, translate) -> list[list]:
    yes, no = translate(_("yes", default="yes")), translate(_("no", default="no"))
    parts = {
        "open": translate(_("list_part_open", default="work left")),
        "annex": translate(_("list_part_annex", default="annex: done")),
    }
    lines = [[translate(title) for _key, title in COLUMNS]]
    for part, entries in (
        ("open", control_list.entries),
        ("annex", control_list.annex),
    ):
        for entry in entries:
            for point in entry.points:
                values = {
                    **vars(entry),
                    **vars(point),
                    "part": parts[part],
                    "state": translate(status_label(point.state)),
                    "overdue": yes if point.overdue else no,
                }
                lines.append([_value(key, values.get(key)) for key, _t in COLUMNS])
    return lines


def _value(key: str, value):
    if key in DATE_KEYS and value:
        return date.fromisoformat(value)
    return "" if value is None else value
