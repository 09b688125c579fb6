"""A resolution's overall status, derived from its points and never stored by hand."""

from plone import api
from zope.i18nmessageid import Message


POINT_STATES = ("open", "in_progress", "fulfilled", "superseded")
# What a letter's words can say of a point: repealing or replacing a decision is the
# council's act, recorded by the mayor's office, never read from a letter.
IMPORT_STATES = ("open", "in_progress", "fulfilled")
# No more work on these: never overdue, not on the control list's open part.
DONE_STATES = ("fulfilled", "superseded")
ACTIVE_STATES = ("open", "in_progress")


def point_states(points) -> list[str]:
    """Each point's workflow state ("open" before it has one), asking the workflow
    tool for the points' workflow once (api.content.get_state asks per point, and
    that was a third of a long letter's time)."""
    if not points:
        return []
    workflow_tool = api.portal.get_tool("portal_workflow")
    chain = workflow_tool.getChainFor(points[0])
    if not chain:
        return ["open"] * len(points)
    return [
        (workflow_tool.getStatusOf(chain[0], point) or {}).get("review_state") or "open"
        for point in points
    ]


def point_counts(resolution) -> dict[str, int]:
    counts = dict.fromkeys(POINT_STATES, 0)
    for state in point_states(resolution.points()):
        counts[state] = counts.get(state, 0) + 1
    return counts


def derived_status(counts: dict[str, int]) -> str:
    """fulfilled when every point is; superseded when none is left to do and one was
    repealed or replaced; open when no point has been started (superseded ones
    aside); in progress otherwise."""
    total = sum(counts.values())
    superseded = counts.get("superseded", 0)
    if superseded and not any(counts.get(s, 0) for s in ACTIVE_STATES):
        return "superseded"
    if total and counts.get("fulfilled", 0) == total:
        return "fulfilled"
    if counts.get("open", 0) == total - superseded:
        return "open"
    return "in_progress"


def resolution_status(resolution) -> str:
    return derived_status(point_counts(resolution))


def status_label(status: str) -> Message:
    """The title of a point state in the control point workflow (plone domain), which
    also names a resolution's derived status."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    return Message(
        workflow_tool.getTitleForStateOnType(status, "ControlPoint"), domain="plone"
    )


def transition_label(transition: str) -> Message:
    """The title of a control point transition (plone domain); its id if it has none."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    title = workflow_tool.getTitleForTransitionOnType(transition, "ControlPoint")
    return Message(title or transition, domain="plone")


def point_overdue(due_date, state: str, today) -> bool:
    """Past its due date with work left."""
    return bool(due_date and due_date < today and state not in DONE_STATES)


def delay_unexplained(point, state: str, today) -> bool:
    """Overdue, and the department has not said why: the council asks for a reason
    for every delay."""
    reason = (getattr(point, "delay_reason", "") or "").strip()
    return point_overdue(point.due_date, state, today) and not reason


def point_dues(resolution) -> list[dict]:
    """The due dates of the points with work left, and whether each has a reason
    for delay: what the catalog keeps so the overview can flag a delay without
    reason on any day without waking the points."""
    points = resolution.points()
    return [
        {
            "number": point.number,
            "due": point.due_date.isoformat(),
            "reason": bool((getattr(point, "delay_reason", "") or "").strip()),
        }
        for point, state in zip(points, point_states(points), strict=True)
        if point.due_date and state in ACTIVE_STATES
    ]


def unexplained_delays(dues, today) -> list[str]:
    """The numbers of the points in `point_dues` past due without a reason."""
    return [
        due["number"]
        for due in dues or ()
        if not due["reason"] and due["due"] < today.isoformat()
    ]
