"""Uniqueness rules that need the container: paper references in the site, point
numbers within their resolution. Raising aborts the transaction, so nothing is stored."""

from Acquisition import aq_base
from bk.plone import _
from bk.plone.content.resolution import IResolution
from bk.plone.content.resolution import paper_reference_taken
from plone.uuid.interfaces import IUUID
from zope.interface import Invalid


class DuplicatePaperReference(Invalid):
    pass


class DuplicatePointNumber(Invalid):
    pass


def check_paper_reference(resolution, event):
    reference = (resolution.paper_reference or "").strip()
    resolution.paper_reference = reference
    if reference and paper_reference_taken(
        reference, exclude_uid=IUUID(resolution, None)
    ):
        raise DuplicatePaperReference(
            _(
                "error_paper_reference_taken",
                default="Another resolution already has the paper reference ${reference}.",
                mapping={"reference": reference},
            )
        )


def check_point_number(point, event):
    resolution = point.__parent__
    if resolution is None:
        return
    own = aq_base(point)
    for sibling in resolution.objectValues():
        if (
            aq_base(sibling) is own
            or getattr(sibling, "portal_type", None) != "ControlPoint"
        ):
            continue
        if sibling.number == point.number:
            raise DuplicatePointNumber(
                _(
                    "error_point_number_taken",
                    default="This resolution already has a point ${number}.",
                    mapping={"number": point.number},
                )
            )


def reindex_resolution_status(point, event):
    """A point changed state, arrived or left: its resolution's status follows."""
    parents = {getattr(event, "oldParent", None), getattr(event, "newParent", None)}
    if not parents - {None}:
        parents = {point.__parent__}
    for resolution in parents - {None}:
        if IResolution.providedBy(resolution):
            resolution.reindexObject(idxs=["bk_status", "bk_point_counts"])
