"""A resolution as an OParl 1.1 `Paper`, its control status in vendor extension
keys prefixed `bk:` (as the specification asks of extensions), its issued letters
as OParl `File` objects. Only what the reader may see: the caller traverses with
the reader's permissions; the reports are checked one by one."""

from bk.plone.content.safe_text import clean_text
from bk.plone.content.safe_text import plain_text
from bk.plone.content.status import point_states
from bk.plone.content.status import resolution_status
from bk.plone.letter.issue import issued_reports
from plone import api


PAPER = "https://schema.oparl.org/1.1/Paper"
FILE = "https://schema.oparl.org/1.1/File"


def _present(values: dict) -> dict:
    """OParl leaves out what has no value (its schema has no nulls)."""
    return {key: value for key, value in values.items() if value not in (None, "")}


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _moment(obj, name: str) -> str | None:
    value = getattr(obj, name)()
    return value.ISO8601() if value else None


def paper(resolution) -> dict:
    points = resolution.points()
    return _present(
        {
            "id": f"{resolution.absolute_url()}/@oparl",
            "type": PAPER,
            "name": clean_text(resolution.title),
            "reference": clean_text(resolution.paper_reference),
            "date": _iso(resolution.decision_date),
            "web": resolution.absolute_url(),
            "created": _moment(resolution, "created"),
            "modified": _moment(resolution, "modified"),
            "bk:body": clean_text(resolution.body or ""),
            "bk:sessionReference": clean_text(resolution.session_reference or ""),
            "bk:responsibleOffice": clean_text(resolution.responsible_office or ""),
            "bk:controlStatus": resolution_status(resolution),
            "bk:nextControlDate": _iso(resolution.next_control_date),
            "bk:councilPaper": resolution.oparl_paper,
            "bk:councilWeb": getattr(resolution, "oparl_web", None),
            "bk:points": [
                _point(point, state)
                for point, state in zip(points, point_states(points), strict=True)
            ],
            "bk:reports": [
                file_object(report)
                for report in issued_reports(resolution)
                if api.user.has_permission("View", obj=report)
            ],
        }
    )


def _point(point, state: str) -> dict:
    return _present(
        {
            "bk:number": point.number,
            "bk:state": state,
            "bk:dueDate": _iso(point.due_date),
            "bk:targetDate": _iso(getattr(point, "target_date", None)),
            "bk:delayReason": clean_text(getattr(point, "delay_reason", "") or ""),
            "bk:supersededBy": clean_text(getattr(point, "superseded_by", "") or "")
            if state == "superseded"
            else None,
            "bk:resolutionText": plain_text(point.resolution_text).strip(),
            "bk:statusReport": plain_text(point.status_report).strip(),
        }
    )


def file_object(report) -> dict:
    """An issued letter as an OParl `File`: its frozen PDF."""
    pdf = getattr(report, "pdf", None)
    url = report.absolute_url()
    return _present(
        {
            "id": url,
            "type": FILE,
            "name": clean_text(report.title),
            "fileName": pdf.filename if pdf is not None else None,
            "mimeType": "application/pdf",
            "date": _iso(report.letter_date),
            "size": pdf.getSize() if pdf is not None else None,
            "accessUrl": f"{url}/@@download/pdf",
            "web": url,
            "created": _moment(report, "created"),
            "modified": _moment(report, "modified"),
        }
    )


def papers_page(folder, page: int, size: int) -> tuple[list[dict], int]:
    """One page of the folder's resolutions (as the reader may see them) as OParl
    papers, and the number of all of them."""
    brains = api.content.find(
        context=folder, portal_type="Resolution", sort_on="bk_paper_key"
    )
    start = (page - 1) * size
    return [paper(brain.getObject()) for brain in brains[start : start + size]], len(
        brains
    )
