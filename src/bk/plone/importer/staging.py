"""Files of an import preview, kept on the server until the import that follows it.

A browser cannot send a chosen file twice, and Zope refuses form fields over 1 MiB,
so the preview keeps the uploads here (as blobs) under a random token bound to the
user who uploaded them; the import takes them once. Entries expire after two hours."""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from persistent.mapping import PersistentMapping
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.annotation.interfaces import IAnnotations

import secrets


KEY = "bk.plone.import_staging"
LIFETIME = timedelta(hours=2)


def _area():
    annotations = IAnnotations(api.portal.get())
    if KEY not in annotations:
        annotations[KEY] = OOBTree()
    return annotations[KEY]


def stage(files: list[tuple[str, bytes]], user_id: str) -> str:
    area = _area()
    now = datetime.now(UTC)
    for token in [t for t, entry in area.items() if now - entry["created"] > LIFETIME]:
        del area[token]
    token = secrets.token_urlsafe(24)
    area[token] = PersistentMapping(
        user=user_id,
        created=now,
        files=[NamedBlobFile(data=data, filename=name) for name, data in files],
    )
    return token


def take(token: str, user_id: str) -> list[tuple[str, bytes]] | None:
    """The staged files, once; None when the token is unknown, expired or not the
    user's own."""
    area = _area()
    entry = area.get(token) if isinstance(token, str) else None
    if entry is None or entry["user"] != user_id:
        return None
    del area[token]
    if datetime.now(UTC) - entry["created"] > LIFETIME:
        return None
    return [(blob.filename, blob.data) for blob in entry["files"]]
