"""A resolution's overall status, derived from its points and never stored by hand."""

from plone import api
from zope.i18nmessageid import Message


POINT_STATES = ("open", "in_progress", "fulfilled")


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
    total = sum(counts.values())
    if total and counts.get("fulfilled", 0) == total:
        return "fulfilled"
    if counts.get("open", 0) == total:
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
