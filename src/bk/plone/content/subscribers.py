"""Rules that hold whichever way content arrives (forms, REST, plone.api, importer).

The forms and REST refuse duplicates earlier through the validators in validators.py;
these subscribers are the last line: raising aborts the transaction, so nothing is stored.
"""

from bk.plone import _
from bk.plone.content.resolution import IResolution
from bk.plone.content.resolution import paper_reference_taken
from bk.plone.content.validators import duplicate_number_error
from bk.plone.content.validators import duplicate_reference_error
from bk.plone.content.validators import point_number_taken
from bk.plone.letter.issue import restore_resolution
from bk.plone.letter.issue import withdraw_reason_error
from plone import api
from plone.uuid.interfaces import IUUID
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.container.interfaces import IContainerModifiedEvent
from zope.i18n import translate
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


def _resolutions_of(point, event) -> list:
    """The resolutions an event of the point concerns: where it left and where it
    arrived when it moved (or was removed), else its own."""
    parents = {getattr(event, "oldParent", None), getattr(event, "newParent", None)}
    if not parents - {None}:
        parents = {point.__parent__}
    return [r for r in parents - {None} if IResolution.providedBy(r)]


def reindex_resolution_text(point, event):
    """A point's texts came, changed or left: its resolution is found by them
    (SearchableText)."""
    for resolution in _resolutions_of(point, event):
        resolution.reindexObject(idxs=["SearchableText"])


def reindex_resolution_status(point, event):
    """A point changed state, arrived or left: its resolution's status follows."""
    for resolution in _resolutions_of(point, event):
        resolution.reindexObject(idxs=["bk_status", "bk_point_counts"])


def withhold_confidential(resolution, event):
    """A public resolution marked confidential leaves the public in the same
    transaction (back to "released", recorded in its history), whoever set the mark
    and however: the mark is the mayor's office's, so is the consequence."""
    if IContainerModifiedEvent.providedBy(event) or not resolution.confidential:
        return
    if api.content.get_state(resolution, default=None) != "public":
        return
    comment = translate(
        _(
            "comment_withheld_confidential",
            default="Marked confidential: withdrawn from the public.",
        ),
        target_language=api.portal.get_default_language() or "de",
    )
    # Whoever may set the mark may withdraw; the history names the real user.
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=resolution, transition="withhold", comment=comment)


class MissingWithdrawReason(WorkflowException):
    pass


def require_withdraw_reason(report, event):
    """A report is withdrawn with a reason, whichever way the transition comes
    (the form, REST @workflow, Plone's state menu): the trace is the reason."""
    transition = getattr(event, "transition", None)
    if transition is None or transition.id != "withdraw":
        return
    error = withdraw_reason_error((event.kwargs or {}).get("comment"))
    if error is not None:
        raise MissingWithdrawReason(
            translate(error, target_language=api.portal.get_default_language() or "de")
        )


def restore_after_withdrawal(report, event):
    transition = getattr(event, "transition", None)
    if transition is not None and transition.id == "withdraw":
        restore_resolution(report)
        # its newest issued letter may now be an older one
        report.__parent__.reindexObject(idxs=["next_control_date"])
