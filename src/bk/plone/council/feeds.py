"""Personal, revocable secret feed addresses: calendar and feed readers cannot log
in through Plone's form, so each user may have a token that reads the calendar
(@@control-dates.ics) and the feed of issued reports (@@reports.atom) as that user,
and nothing else. A new token replaces the old one; reading never writes."""

from BTrees.OOBTree import OOBTree
from contextlib import contextmanager
from plone import api
from zope.annotation.interfaces import IAnnotations

import secrets


KEY = "bk.plone.feed_tokens"


def _store(create: bool = False):
    annotations = IAnnotations(api.portal.get())
    store = annotations.get(KEY)
    if store is None and create:
        store = annotations[KEY] = OOBTree()
        store["by_token"] = OOBTree()
        store["by_user"] = OOBTree()
    return store


def token_of(user_id: str) -> str | None:
    store = _store()
    return store["by_user"].get(user_id) if store is not None else None


def new_token(user_id: str) -> str:
    """A fresh token for the user; the previous one stops working."""
    store = _store(create=True)
    revoke(user_id)
    token = secrets.token_urlsafe(32)
    store["by_token"][token] = user_id
    store["by_user"][user_id] = token
    return token


def revoke(user_id: str) -> None:
    store = _store()
    if store is None:
        return
    token = store["by_user"].get(user_id)
    if token is not None:
        del store["by_user"][user_id]
        store["by_token"].pop(token, None)


def user_of(token: str) -> str | None:
    """The user a token reads as, if it is valid and the user still exists."""
    store = _store()
    if store is None or not isinstance(token, str) or not token:
        return None
    user_id = store["by_token"].get(token)
    if user_id is None or api.user.get(userid=user_id) is None:
        return None
    return user_id


class InvalidFeedToken(Exception):
    """A token that reads as nobody (revoked, mistyped, its user gone)."""


@contextmanager
def reading_as(request):
    """Run the block as whoever the request's `token` names (else as the request's
    own user, Anonymous included). A token that names nobody is refused."""
    token = request.form.get("token")
    if not token:
        yield
        return
    user_id = user_of(token)
    if user_id is None:
        raise InvalidFeedToken(token)
    with api.env.adopt_user(user=api.user.get(userid=user_id)):
        yield


def revoke_deleted(event) -> None:
    """A deleted user's token goes with the user (a later user of the same id does
    not inherit it)."""
    principal = getattr(event, "principal", None)
    user_id = (
        principal
        if isinstance(principal, str)
        else getattr(principal, "getId", lambda: None)()
    )
    if user_id:
        revoke(user_id)
