"""Savepoints and aborts after which the same request goes on reading the catalog.

Products.PluginIndexes caches each index's results in the request, keyed by the
index's change counter. A rollback resets the counters, so the next change gives a
key again whose cached result names the rolled-back records: the catalog then
answers with records it no longer has (a KeyError, or a wrong "this paper is taken").
Every rollback in bk.plone after which work goes on goes through here, so that the
cache goes with it."""

from zope.component.hooks import getSite
from zope.globalrequest import getRequest

import transaction


def forget_catalog_cache() -> None:
    """Drop the request's cached index results: in the global request and in the
    one the site acquires (the catalog's), should they ever differ."""
    for request in (getRequest(), getattr(getSite(), "REQUEST", None)):
        other = getattr(request, "other", None)
        if isinstance(other, dict):
            other.pop("__catalog_cache__", None)


class Savepoint:
    """`transaction.savepoint()` whose rollback also forgets the catalog cache."""

    def __init__(self):
        self._savepoint = transaction.savepoint()

    def rollback(self) -> None:
        try:
            self._savepoint.rollback()
        finally:
            forget_catalog_cache()


def savepoint() -> Savepoint:
    return Savepoint()


def abort() -> None:
    """`transaction.abort()` for work that goes on in the same request."""
    transaction.abort()
    forget_catalog_cache()
