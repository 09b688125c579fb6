"""The mayor's office worklist: open proposals below a folder, from the catalog
only (beside the overview's query, which reads resolutions the same way)."""

from plone import api


def worklist(context) -> list[dict]:
    """Open proposals below `context` that the current user may see, oldest first."""
    brains = api.content.find(
        context=context, portal_type="ControlPoint", bk_has_open_proposal=True
    )
    resolutions = _parents(brains)
    rows = [_row(brain, resolutions.get(_parent_path(brain))) for brain in brains]
    rows.sort(key=lambda row: row["proposal"].get("proposed_at") or "")
    return rows


def _parent_path(brain) -> str:
    return brain.getPath().rsplit("/", 1)[0]


def _parents(brains) -> dict:
    """The resolutions holding these points, by path, in one catalog query."""
    paths = sorted({_parent_path(brain) for brain in brains})
    if not paths:
        return {}
    return {
        brain.getPath(): brain
        for brain in api.content.find(
            path={"query": paths, "depth": 0}, portal_type="Resolution"
        )
    }


def _row(brain, resolution) -> dict:
    return {
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
