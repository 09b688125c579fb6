"""A request replayed after a write conflict is logged (the cluster's tests count
these lines in the instances' event logs)."""

from bk.plone.monitoring.conflicts import log_replayed_conflict
from ZODB.POSException import ConflictError
from zope.component import getSiteManager
from ZPublisher.interfaces import IPubFailure
from ZPublisher.pubevents import PubFailure

import logging


def failure(request, error, retry):
    return PubFailure(request, (type(error), error, None), retry)


def test_registered_for_failed_requests():
    handlers = [
        registration.handler
        for registration in getSiteManager().registeredHandlers()
        if IPubFailure in registration.required
    ]
    assert log_replayed_conflict in handlers


def test_replayed_conflict_logged(request_with_url, caplog):
    caplog.set_level(logging.INFO, logger="bk.plone")
    error = ConflictError(oid=b"\x00" * 7 + b"\x2a")
    log_replayed_conflict(failure(request_with_url, error, retry=True))
    (record,) = [r for r in caplog.records if "Write conflict replayed" in r.message]
    assert "POST http://nohost/plone/v1" in record.message
    assert "000000000000002a" in record.message


def test_other_failures_not_logged(request_with_url, caplog):
    caplog.set_level(logging.INFO, logger="bk.plone")
    log_replayed_conflict(failure(request_with_url, ConflictError(), retry=False))
    log_replayed_conflict(failure(request_with_url, ValueError("x"), retry=True))
    assert not [r for r in caplog.records if "replayed" in r.message]
