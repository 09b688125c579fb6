"""Editors propose a transition of a control point; the mayor's office approves
(the transition fires) or declines. Every step is kept on the point."""

from AccessControl import Unauthorized
from bk.plone import _
from bk.plone.content.safe_text import fits
from bk.plone.content.safe_text import TEXT_MAX
from DateTime import DateTime
from datetime import datetime
from datetime import UTC
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.interface import Attribute
from zope.interface import implementer
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent

import uuid


ANNOTATION_KEY = "bk.plone.proposals"
PROPOSE_PERMISSION = "bk.plone: Propose transition"
APPROVE_PERMISSION = "bk.plone: Approve control point"


class IProposalMade(IObjectEvent):
    """An editor proposed a transition of the point (the event's object)."""

    proposal = Attribute("The proposal, as a plain dict")


class IProposalDecided(IObjectEvent):
    """The mayor's office approved or declined a proposal (see its status)."""

    proposal = Attribute("The proposal, as a plain dict")


@implementer(IProposalMade)
class ProposalMade(ObjectEvent):
    def __init__(self, point, proposal: dict):
        super().__init__(point)
        self.proposal = proposal


@implementer(IProposalDecided)
class ProposalDecided(ObjectEvent):
    def __init__(self, point, proposal: dict):
        super().__init__(point)
        self.proposal = proposal


class ApprovalError(ValueError):
    """Refused input; `message` is a translatable message for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _proposals(point, create=False):
    annotations = IAnnotations(point)
    if ANNOTATION_KEY not in annotations and create:
        annotations[ANNOTATION_KEY] = PersistentList()
    return annotations.get(ANNOTATION_KEY, ())


def proposals(point) -> list[dict]:
    """All proposals of the point, oldest first, as plain dicts."""
    return [dict(p) for p in _proposals(point)]


def open_proposal(point) -> dict | None:
    for proposal in reversed(_proposals(point)):
        if proposal["status"] == "open":
            return proposal
    return None


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


def propose(point, transition: str, comment: str = "") -> dict:
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
    )
    _proposals(point, create=True).append(proposal)
    _record_in_history(point, f"bk_propose_{transition}", proposal["comment"])
    point.reindexObject(idxs=["bk_has_open_proposal"])
    notify(ProposalMade(point, dict(proposal)))
    return dict(proposal)


def _decide(point, proposal_id: str | None) -> PersistentMapping:
    _require(APPROVE_PERMISSION, point)
    proposal = open_proposal(point)
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
    point, action: str, transition: str = "", comment: str = "", proposal_id=None
):
    """One entry for the browser view and the REST service."""
    check_comment(comment)
    if action == "propose":
        return propose(point, transition, comment)
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


def worklist(context) -> list[dict]:
    """Open proposals below `context` that the current user may see, oldest first,
    read from the catalog only."""
    brains = api.content.find(
        context=context, portal_type="ControlPoint", bk_has_open_proposal=True
    )
    parent_paths = {brain.getPath().rsplit("/", 1)[0] for brain in brains}
    resolutions = (
        {
            brain.getPath(): brain
            for brain in api.content.find(
                path={"query": sorted(parent_paths), "depth": 0},
                portal_type="Resolution",
            )
        }
        if parent_paths
        else {}
    )
    rows = []
    for brain in brains:
        resolution = resolutions.get(brain.getPath().rsplit("/", 1)[0])
        rows.append(
            {
                "uid": brain.UID,
                "url": brain.getURL(),
                "number": brain.Title,
                "state": brain.review_state,
                "proposal": dict(brain.bk_open_proposal or {}),
                "resolution": {
                    "title": resolution.Title if resolution else "",
                    "paper_reference": resolution.paper_reference if resolution else "",
                    "url": resolution.getURL() if resolution else "",
                },
            }
        )
    rows.sort(key=lambda row: row["proposal"].get("proposed_at") or "")
    return rows


def find_point(uid: str):
    """The control point with this UID, if the current user may see it."""
    if not uid:
        return None
    brains = api.content.find(UID=uid, portal_type="ControlPoint")
    return brains[0].getObject() if brains else None
