"""Editors propose a transition of a control point; the mayor's office approves
(the transition fires) or declines. Every step is kept on the point: the proposal
in its store (content/proposals.py), the step in its workflow history.

The events and ApprovalError live in interfaces.py; the mayor's office's worklist
is a catalog query beside the overview's (overview/worklist.py)."""

from AccessControl import Unauthorized
from bk.plone import _
from bk.plone.content.resolution import valid_paper_reference
from bk.plone.content.safe_text import fits
from bk.plone.content.safe_text import TEXT_MAX
from bk.plone.content.status import ACTIVE_STATES
from bk.plone.content.status import point_states
from bk.plone.interfaces import ApprovalError
from bk.plone.interfaces import APPROVE_PERMISSION
from bk.plone.interfaces import IProposals
from bk.plone.interfaces import ProposalDecided
from bk.plone.interfaces import ProposalMade
from bk.plone.interfaces import PROPOSE_PERMISSION
from DateTime import DateTime
from datetime import datetime
from datetime import UTC
from persistent.mapping import PersistentMapping
from plone import api
from zope.event import notify
from zope.schema import ValidationError

import uuid


def proposals(point) -> list[dict]:
    """All proposals of the point, oldest first, as plain dicts."""
    return [dict(p) for p in IProposals(point)]


def open_proposal(point) -> dict | None:
    proposal = IProposals(point).open()
    return dict(proposal) if proposal is not None else None


def exit_transitions(obj) -> tuple[str, ...]:
    """Transitions the workflows offer from the object's state, whoever fires them."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    transitions = []
    for workflow in workflow_tool.getWorkflowsFor(obj):
        state = workflow._getWorkflowStateOf(obj)
        if state is not None:
            transitions.extend(state.transitions)
    return tuple(transitions)


def _record_in_history(point, action: str, comment: str) -> None:
    """Proposals and declines join the workflow history (same state, own action), so
    Plone's history viewlet and plone.restapi's @history show them with the approvals."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    (workflow,) = workflow_tool.getWorkflowsFor(point)
    entry = {
        "action": action,
        "actor": _actor(),
        "comments": comment,
        "review_state": api.content.get_state(point),
        "time": DateTime(),
    }
    history = point.workflow_history
    history[workflow.id] = (*history.get(workflow.id, ()), entry)


def _actor() -> str:
    return api.user.get_current().getId()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _require(permission, point):
    if not api.user.has_permission(permission, obj=point):
        raise Unauthorized(permission)


SUPERSEDE = "supersede"


def checked_superseding_paper(transition: str, superseded_by: str) -> str:
    """The later paper a supersede names (required there, refused elsewhere)."""
    superseded_by = (superseded_by or "").strip()
    if transition != SUPERSEDE:
        return ""
    if not superseded_by:
        raise ApprovalError(
            _(
                "error_superseded_by_missing",
                default="Please name the paper that repealed or replaced the point, "
                'e.g. "V0815/22".',
            )
        )
    try:
        valid_paper_reference(superseded_by)
    except ValidationError as error:
        raise ApprovalError(error.doc()) from None
    return superseded_by


def propose(point, transition: str, comment: str = "", superseded_by: str = "") -> dict:
    _require(PROPOSE_PERMISSION, point)
    if transition not in exit_transitions(point):
        raise ApprovalError(
            _(
                "error_transition_unavailable",
                default='The transition "${transition}" is not possible from the current state.',
                mapping={"transition": transition},
            )
        )
    if open_proposal(point) is not None:
        raise ApprovalError(
            _(
                "error_proposal_already_open",
                default="This point already has an open proposal; it must be approved "
                "or declined first.",
            )
        )
    proposal = PersistentMapping(
        id=uuid.uuid4().hex,
        transition=transition,
        from_state=api.content.get_state(point),
        comment=(comment or "").strip(),
        proposer=_actor(),
        proposed_at=_now(),
        status="open",
        decider=None,
        decided_at=None,
        decision_comment="",
        superseded_by=checked_superseding_paper(transition, superseded_by),
    )
    IProposals(point).add(proposal)
    _record_in_history(point, f"bk_propose_{transition}", proposal["comment"])
    point.reindexObject(idxs=["bk_has_open_proposal"])
    notify(ProposalMade(point, dict(proposal)))
    return dict(proposal)


def _decide(point, proposal_id: str | None) -> PersistentMapping:
    _require(APPROVE_PERMISSION, point)
    proposal = IProposals(point).open()
    if proposal is None or (proposal_id and proposal["id"] != proposal_id):
        raise ApprovalError(
            _(
                "error_no_open_proposal",
                default="There is no open proposal to decide on: it may have been "
                "approved or declined meanwhile.",
            )
        )
    return proposal


def approve(point, comment: str = "", proposal_id: str | None = None) -> dict:
    proposal = _decide(point, proposal_id)
    if proposal["transition"] not in exit_transitions(point):
        raise ApprovalError(
            _(
                "error_transition_unavailable",
                default='The transition "${transition}" is not possible from the current state.',
                mapping={"transition": proposal["transition"]},
            )
        )
    comment = (comment or "").strip()
    history_comment = " — ".join(
        part for part in (proposal["comment"], comment) if part
    )
    if proposal["transition"] == SUPERSEDE:
        point.superseded_by = proposal.get("superseded_by") or ""
    api.content.transition(
        obj=point, transition=proposal["transition"], comment=history_comment
    )
    proposal.update(
        status="approved", decider=_actor(), decided_at=_now(), decision_comment=comment
    )
    point.reindexObject(idxs=["bk_has_open_proposal"])
    notify(ProposalDecided(point, dict(proposal)))
    return dict(proposal)


def decline(point, reason: str, proposal_id: str | None = None) -> dict:
    proposal = _decide(point, proposal_id)
    reason = (reason or "").strip()
    if not reason:
        raise ApprovalError(
            _("error_decline_reason", default="Please give a reason for declining.")
        )
    proposal.update(
        status="declined", decider=_actor(), decided_at=_now(), decision_comment=reason
    )
    _record_in_history(point, f"bk_decline_{proposal['transition']}", reason)
    point.reindexObject(idxs=["bk_has_open_proposal"])
    notify(ProposalDecided(point, dict(proposal)))
    return dict(proposal)


def check_comment(comment: str) -> None:
    if not fits(comment or "", TEXT_MAX):
        raise ApprovalError(
            _(
                "error_comment_length",
                default="A comment may have at most ${max} characters and no control "
                "characters.",
                mapping={"max": TEXT_MAX},
            )
        )


def perform(
    point,
    action: str,
    transition: str = "",
    comment: str = "",
    proposal_id=None,
    superseded_by: str = "",
):
    """One entry for the browser view and the REST service."""
    check_comment(comment)
    if action == "propose":
        return propose(point, transition, comment, superseded_by)
    if action == "approve":
        return approve(point, comment, proposal_id)
    if action == "decline":
        return decline(point, comment, proposal_id)
    raise ApprovalError(
        _(
            "error_unknown_action",
            default='Unknown action "${action}": use propose, approve or decline.',
            mapping={"action": action},
        )
    )


def find_point(uid: str):
    """The control point with this UID, if the current user may see it."""
    if not uid:
        return None
    brains = api.content.find(UID=uid, portal_type="ControlPoint")
    return brains[0].getObject() if brains else None


def supersede_resolution(resolution, superseded_by: str, comment: str = "") -> list:
    """The mayor's office records that a later paper repealed or replaced the whole
    resolution: every open and in-progress point is superseded, with that paper;
    an open proposal on one of them is declined, since it is moot. Returns the
    points superseded."""
    _require(APPROVE_PERMISSION, resolution)
    check_comment(comment)
    superseded_by = checked_superseding_paper(SUPERSEDE, superseded_by)
    if superseded_by == (resolution.paper_reference or "").strip():
        raise ApprovalError(
            _(
                "error_superseded_by_itself",
                default="A resolution cannot repeal or replace itself: please name "
                "the later paper.",
            )
        )
    points = resolution.points()
    active = [
        point
        for point, state in zip(points, point_states(points), strict=True)
        if state in ACTIVE_STATES
    ]
    if not active:
        raise ApprovalError(
            _(
                "error_nothing_to_supersede",
                default="No point of this resolution is open or in progress.",
            )
        )
    note = api.portal.translate(
        _(
            "comment_superseded_by",
            default="Repealed or replaced by ${paper}",
            mapping={"paper": superseded_by},
        )
    )
    if any(SUPERSEDE not in _allowed_transitions(point) for point in active):
        raise ApprovalError(
            _(
                "error_supersede_not_allowed",
                default="You may not mark every open point of this resolution as "
                "superseded.",
            )
        )
    history_comment = " — ".join(part for part in (note, comment.strip()) if part)
    for point in active:
        if IProposals(point).open() is not None:
            decline(point, history_comment)
        point.superseded_by = superseded_by
        api.content.transition(obj=point, transition=SUPERSEDE, comment=history_comment)
    return active


def _allowed_transitions(point) -> set[str]:
    workflow_tool = api.portal.get_tool("portal_workflow")
    return {t["id"] for t in workflow_tool.getTransitionsFor(point)}


def forget_superseding_paper(point, event) -> None:
    """A point reopened is no longer superseded: the paper goes with the state."""
    transition = getattr(event, "transition", None)
    if transition is not None and transition.id == "reopen":
        point.superseded_by = ""
