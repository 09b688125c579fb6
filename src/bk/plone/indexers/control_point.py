"""Catalog values of control points."""

from bk.plone.content.approvals import open_proposal
from bk.plone.content.control_point import IControlPoint
from plone.indexer import indexer


@indexer(IControlPoint)
def bk_open_proposal(obj):
    """The open proposal (transition, proposer, time, comment), or None: a metadata
    column, so that the mayor's office worklist never wakes the points."""
    proposal = open_proposal(obj)
    return dict(proposal) if proposal else None


@indexer(IControlPoint)
def bk_has_open_proposal(obj):
    """The index the worklist queries."""
    return open_proposal(obj) is not None
