"""How a control point is shown wherever it appears (the resolution's page, the
point's own page, the mayor's office's worklist): number, state in words, a short
excerpt of the decided text, due date and overdue mark, and what the reader may do
with it right here (propose a change; decide on an open proposal)."""

from babel.dates import format_datetime
from bk.plone import _
from bk.plone.content import approvals
from bk.plone.content.safe_text import plain_text
from bk.plone.content.status import delay_unexplained
from bk.plone.content.status import point_overdue
from bk.plone.content.status import status_label
from bk.plone.content.status import transition_label
from bk.plone.interfaces import APPROVE_PERMISSION
from bk.plone.interfaces import PROPOSE_PERMISSION
from bk.plone.letter.model import german_date
from bk.plone.letter.model import site_language
from bk.plone.letter.model import site_zone
from datetime import date
from datetime import datetime
from plone import api
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate


EXCERPT_LENGTH = 220


def rich_output(obj, name: str) -> str:
    """A rich text field as Plone shows it on `obj` (through its safe HTML filter)."""
    value = getattr(obj, name, None)
    if value is None or not (value.raw or "").strip():
        return ""
    return value.output_relative_to(obj) or ""


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + " …"


def point_summary(point, request, state: str | None = None) -> dict:
    state = state or api.content.get_state(point, default="open")
    due = point.due_date
    target = getattr(point, "target_date", None)
    return {
        "number": point.number,
        "url": point.absolute_url(),
        "state": state,
        "state_title": state_title(state, request),
        "excerpt": excerpt(plain_text(point.resolution_text)),
        "due_date": german_date(due, site_language()) if due else "",
        "overdue": point_overdue(due, state, date.today()),
        "target_date": german_date(target, site_language()) if target else "",
        "delay_reason": (getattr(point, "delay_reason", "") or "").strip(),
        "delay_unexplained": delay_unexplained(point, state, date.today()),
        "superseded_by": superseded_reference(point) if state == "superseded" else None,
        "responsible_office": point.effective_responsible_office() or "",
        **point_actions(point, request),
    }


def superseded_reference(point) -> dict | None:
    """The later paper that repealed or replaced the point, linked when it is a
    resolution the reader may see in the site."""
    reference = (getattr(point, "superseded_by", "") or "").strip()
    if not reference:
        return None
    found = api.content.find(portal_type="Resolution", paper_reference=reference)
    return {"reference": reference, "url": found[0].getURL() if found else None}


def point_actions(point, request) -> dict:
    """What the reader may do with the point right here: decide on its open
    proposal (mayor's office) or propose a change of state (editors)."""
    may_propose = api.user.has_permission(PROPOSE_PERMISSION, obj=point)
    may_decide = api.user.has_permission(APPROVE_PERMISSION, obj=point)
    # Proposals are the administration's business: who proposed what, with which
    # comment, is not for the council or the public.
    proposal = approvals.open_proposal(point) if may_propose or may_decide else None
    transitions = []
    if proposal is None and may_propose:
        transitions = [
            {"id": t, "title": transition_title(t, request)}
            for t in approvals.exit_transitions(point)
        ]
    return {
        "proposal": (
            {
                "id": proposal["id"],
                "transition_title": transition_title(proposal["transition"], request),
                "comment": proposal["comment"],
                "superseded_by": proposal.get("superseded_by") or "",
                "proposer": full_name(proposal["proposer"]),
            }
            if proposal is not None
            else None
        ),
        "may_decide": proposal is not None and may_decide,
        "transitions": transitions,
        "may_supersede": any(t["id"] == "supersede" for t in transitions),
    }


def state_title(state: str, request) -> str:
    return translate(status_label(state), context=request)


def transition_title(transition: str, request) -> str:
    return translate(transition_label(transition), context=request)


def full_name(user_id: str) -> str:
    """The user's full name, or the login when the user has none (or is gone)."""
    user = api.user.get(userid=user_id) if user_id else None
    return (user.getProperty("fullname") if user else "") or user_id or ""


def local_time(iso: str | None) -> str:
    """A stored UTC timestamp in the site's time zone, the German way
    ("28.11.2026, 16:34")."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return format_datetime(
        moment,
        "dd.MM.yyyy, HH:mm",
        tzinfo=site_zone(),
        locale=site_language().replace("-", "_"),
    )


def proposal_entry(proposal: dict, request) -> dict:
    """A stored proposal as a person reads it: titles, names, local times."""
    status = proposal.get("status") or ""
    return {
        **proposal,
        "transition_title": transition_title(proposal.get("transition", ""), request),
        "proposer_name": full_name(proposal.get("proposer", "")),
        "proposed_at_text": local_time(proposal.get("proposed_at")),
        "decider_name": full_name(proposal.get("decider") or ""),
        "decided_at_text": local_time(proposal.get("decided_at")),
        "status_title": translate(PROPOSAL_STATUS.get(status, status), context=request),
    }


PROPOSAL_STATUS = {
    "open": _("proposal_open", default="open"),
    "approved": _("proposal_approved", default="approved"),
    "declined": _("proposal_declined", default="declined"),
}


_actions_template = ViewPageTemplateFile("templates/point_actions.pt")
_notes_template = ViewPageTemplateFile("templates/point_notes.pt")


def render_point_notes(view, point: dict) -> str:
    """Target date, reason for delay (or its absence) and the superseding paper of
    one point (`point_summary`'s dict)."""
    return _notes_template(view, point=point)


def render_point_actions(view, point: dict, came_from: str) -> str:
    """The propose / decide forms of one point (`point_summary`'s dict)."""
    return _actions_template(view, point=point, came_from=came_from)
