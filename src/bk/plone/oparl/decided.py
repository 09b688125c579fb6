"""A resolution's decided text as the council information system last gave it: the
checksum of the text its points were made from, and a changed text waiting for the
mayor's office to apply or dismiss it. A sync never changes the points' decided
texts by itself: what the administration follows up is what it agreed to follow up."""

from bk.plone.importer.parser import DecidedText
from datetime import datetime
from datetime import UTC
from persistent.mapping import PersistentMapping
from zope.annotation.interfaces import IAnnotations


ANNOTATION_KEY = "bk.plone.oparl"


def _state(resolution, create: bool = False):
    annotations = IAnnotations(resolution)
    if ANNOTATION_KEY not in annotations and create:
        annotations[ANNOTATION_KEY] = PersistentMapping()
    return annotations.get(ANNOTATION_KEY)


def applied_checksum(resolution) -> str | None:
    return (_state(resolution) or {}).get("applied")


def dismissed_checksum(resolution) -> str | None:
    return (_state(resolution) or {}).get("dismissed")


def pending_text(resolution) -> dict | None:
    """{"checksum", "points": [[number, html], …], "found": ISO time} or None."""
    pending = (_state(resolution) or {}).get("pending")
    return dict(pending) if pending else None


def _flagged(resolution) -> None:
    """The catalog knows which resolutions wait for a decision on their text."""
    resolution.reindexObject(idxs=["bk_oparl_pending"])


def mark_applied(resolution, text: DecidedText) -> None:
    state = _state(resolution, create=True)
    state["applied"] = text.checksum
    if state.pop("pending", None) is not None:
        _flagged(resolution)


def flag_changed(resolution, text: DecidedText, points: list[tuple[str, str]]) -> bool:
    """Flag the council's changed text; False when it is already flagged, applied
    or dismissed."""
    checksum = text.checksum
    state = _state(resolution, create=True)
    pending = state.get("pending")
    if checksum in (state.get("applied"), state.get("dismissed")):
        if pending and checksum == state.get("applied"):
            # the council system went back to the applied text
            del state["pending"]
            _flagged(resolution)
        return False
    if pending and pending["checksum"] == checksum:
        return False
    state["pending"] = PersistentMapping(
        checksum=checksum,
        points=[[number, html] for number, html in points],
        found=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    _flagged(resolution)
    return True


def dismiss(resolution) -> bool:
    state = _state(resolution)
    if not state or not state.get("pending"):
        return False
    state["dismissed"] = state.pop("pending")["checksum"]
    _flagged(resolution)
    return True


def take_pending(resolution) -> dict | None:
    """The pending text, now recorded as applied (the caller writes the points)."""
    state = _state(resolution)
    if not state or not state.get("pending"):
        return None
    pending = dict(state.pop("pending"))
    state["applied"] = pending["checksum"]
    _flagged(resolution)
    return pending


def remember_synced(resolution, **values) -> None:
    """What the last sync set (to tell it from what a person set since)."""
    before = (_state(resolution) or {}).get("synced") or {}
    if all(before.get(name) == value for name, value in values.items()):
        return  # an unchanged paper writes nothing
    state = _state(resolution, create=True)
    synced = state.get("synced")
    if synced is None:
        synced = state["synced"] = PersistentMapping()
    synced.update(values)


def synced(resolution, name: str):
    return ((_state(resolution) or {}).get("synced") or {}).get(name)
