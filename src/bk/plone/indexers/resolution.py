"""Catalog values of resolutions."""

from bk.plone.content.resolution import IResolution
from bk.plone.content.resolution import paper_key
from bk.plone.content.status import derived_status
from bk.plone.content.status import point_counts
from bk.plone.content.status import point_dues
from bk.plone.oparl import decided
from plone.indexer import indexer


@indexer(IResolution)
def paper_reference(obj):
    return obj.paper_reference


@indexer(IResolution)
def bk_paper_key(obj):
    return paper_key(obj.paper_reference or "")


@indexer(IResolution)
def bk_status(obj):
    return derived_status(point_counts(obj))


@indexer(IResolution)
def bk_point_counts(obj):
    return point_counts(obj)


@indexer(IResolution)
def bk_point_dues(obj):
    return point_dues(obj)


@indexer(IResolution)
def bk_last_issued(obj):
    """When the newest letter in force was issued (ISO 8601), for "new since your
    last visit" on the overview."""
    from bk.plone.letter.issue import issued_reports

    reports = issued_reports(obj)
    return reports[0].created().ISO8601() if reports else None


@indexer(IResolution)
def bk_has_oparl(obj):
    """The resolution is tied to its paper in the council information system."""
    return bool(obj.oparl_paper or getattr(obj, "oparl_web", None))


@indexer(IResolution)
def bk_oparl_pending(obj):
    """The council system gives a changed decided text the mayor's office has not
    applied or dismissed yet."""
    return decided.pending_text(obj) is not None
