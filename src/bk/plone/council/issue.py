"""Issuing a control list: freeze it as a ControlListReport in the folder it covers."""

from bk.plone import _
from bk.plone.council.control_list import ControlList
from bk.plone.interfaces import RefusedInput
from bk.plone.letter.render import PDF_TYPE
from datetime import date
from plone import api
from plone.dexterity.utils import createContent
from plone.namedfile.file import NamedBlobFile

import json


WITHDRAWN = "withdrawn"


class ControlListError(RefusedInput):
    """A control list that cannot be issued."""


def all_lists(folder, body: str | None = None) -> list:
    """The lists issued in the folder (of one body), withdrawn ones included,
    newest first."""
    lists = [
        obj
        for obj in folder.objectValues()
        if getattr(obj, "portal_type", None) == "ControlListReport"
        and (body is None or obj.body == body)
    ]
    return sorted(lists, key=lambda r: (r.date_to, r.created()), reverse=True)


def issued_lists(folder, body: str | None = None) -> list:
    """The lists in force (not withdrawn), newest first."""
    return [
        report
        for report in all_lists(folder, body)
        if api.content.get_state(report, default=None) != WITHDRAWN
    ]


def issue_control_list(
    folder, control_list: ControlList, title: str, html: str, pdf: bytes, filename: str
):
    """Create the frozen list inside the folder; a list of public resolutions only
    is published with it (the public may read it where it may read the folder)."""
    if not control_list.entries and not control_list.annex:
        raise ControlListError(
            _(
                "error_control_list_empty",
                default="This list is empty: no resolution of this body has work "
                "left or points done in the period.",
            )
        )
    list_date = date.today()
    report = createContent(
        "ControlListReport",
        title=title,
        body=control_list.body,
        list_date=list_date,
        date_from=_date(control_list.date_from),
        date_to=date.fromisoformat(control_list.date_to),
        public_only=control_list.public_only,
        list_json=json.dumps(
            control_list.to_json(), ensure_ascii=False, sort_keys=True
        ),
        html=html,
        pdf=NamedBlobFile(data=pdf, contentType=PDF_TYPE, filename=filename),
    )
    report_id = f"kontrollliste-{control_list.date_to}"
    suffix = 1
    while report_id in folder.objectIds():
        suffix += 1
        report_id = f"kontrollliste-{control_list.date_to}-{suffix}"
    report.id = report_id
    folder._setObject(report_id, report)
    report = folder[report_id]
    if control_list.public_only:
        api.content.transition(obj=report, transition="publish")
    return report


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
