"""Rollbacks and the catalog's per-request cache of index results: the catalog
caches an index's results in the request under the index's change counter, which
a rollback resets."""

from bk.plone import rollbacks
from bk.plone.content.resolution import paper_reference_taken
from bk.plone.retry import retried_on_conflict
from plone import api
from ZODB.POSException import ConflictError

import pytest
import transaction


PAPER = "DS 1234/22"


def add_resolution(folder):
    return api.content.create(
        container=folder, type="Resolution", title="Radwegenetz", paper_reference=PAPER
    )


def rolled_back_record_seen(folder, rollback) -> None:
    """A resolution added, found, rolled back, and one of the same paper added again:
    the second search must not name the first's record."""
    add_resolution(folder)
    assert paper_reference_taken(PAPER)
    rollback()
    second = add_resolution(folder)
    assert not paper_reference_taken(PAPER, exclude_uid=second.UID())


@pytest.fixture
def folder(functional_portal):
    """Committed, so that an abort keeps it."""
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=functional_portal, type="Folder", id="rollbacks"
        )
    transaction.commit()
    return folder


def test_a_plain_savepoint_leaves_the_cache_stale(folder):
    """Why bk.plone's rollbacks exist."""
    with api.env.adopt_roles(["Manager"]), pytest.raises(KeyError):
        rolled_back_record_seen(folder, transaction.savepoint().rollback)


def test_savepoint_forgets_the_cache(folder):
    with api.env.adopt_roles(["Manager"]):
        rolled_back_record_seen(folder, rollbacks.savepoint().rollback)


def test_abort_forgets_the_cache(folder):
    with api.env.adopt_roles(["Manager"]):
        rolled_back_record_seen(folder, rollbacks.abort)


def test_a_retried_conflict_forgets_the_cache(folder):
    attempts = []

    def work():
        attempts.append(add_resolution(folder))
        assert paper_reference_taken(PAPER, exclude_uid=attempts[-1].UID()) is False
        if len(attempts) == 1:
            raise ConflictError
        transaction.commit()

    with api.env.adopt_roles(["Manager"]):
        retried_on_conflict(work)
    assert len(attempts) == 2
