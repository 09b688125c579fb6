"""Rules that hold whichever way content arrives (forms, REST, plone.api, importer).

The forms and REST refuse duplicates earlier through the validators in validators.py;
these subscribers are the last line: raising aborts the transaction, so nothing is stored.
"""

from bk.plone.content.resolution import IResolution
from bk.plone.content.resolution import paper_reference_taken
from bk.plone.content.validators import duplicate_number_error
from bk.plone.content.validators import duplicate_reference_error
from bk.plone.content.validators import point_number_taken
from plone.uuid.interfaces import IUUID
from zope.container.interfaces import IContainerModifiedEvent
from zope.interface import Invalid


class DuplicatePaperReference(Invalid):
    pass


class DuplicatePointNumber(Invalid):
    pass


def check_paper_reference(resolution, event):
    if IContainerModifiedEvent.providedBy(event):
        # A point came or went: the reference is as it was. (Asking the catalog
        # here would also flush its queue once for every point added.)
        return
    reference = (resolution.paper_reference or "").strip()
    resolution.paper_reference = reference
    if reference and paper_reference_taken(
        reference, exclude_uid=IUUID(resolution, None)
    ):
        raise DuplicatePaperReference(*duplicate_reference_error(reference).args)


def check_point_number(point, event):
    resolution = point.__parent__
    if IResolution.providedBy(resolution) and point_number_taken(
        resolution, point.number, point
    ):
        raise DuplicatePointNumber(*duplicate_number_error(point.number).args)


def reindex_resolution_status(point, event):
    """A point changed state, arrived or left: its resolution's status follows."""
    parents = {getattr(event, "oldParent", None), getattr(event, "newParent", None)}
    if not parents - {None}:
        parents = {point.__parent__}
    for resolution in parents - {None}:
        if IResolution.providedBy(resolution):
            resolution.reindexObject(idxs=["bk_status", "bk_point_counts"])
