"""A bulk import (each letter committed on its own, as the command line runs it)
while another process changes the same resolution: the letter's commit conflicts
and the letter is imported again; both changes are kept."""

from bk.plone.importer import importer
from bk.plone.importer.importer import import_files
from bk.plone.letter.issue import issued_reports
from plone import api
from tests.helpers.seed import later_letter
from tests.helpers.seed import SEED

import pytest
import transaction


@pytest.fixture
def folder(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=functional_portal, type="Folder", id="beschluesse"
        )
        import_files(folder, [("seed.txt", SEED)], commit_each=True)
    return folder


def describe_elsewhere(db, path: str, text: str) -> None:
    """A person's edit of the resolution, committed through a connection of its own."""
    manager = transaction.TransactionManager()
    connection = db.open(transaction_manager=manager)
    try:
        manager.begin()
        connection.root.Application.unrestrictedTraverse(path).description = text
        manager.commit()
    finally:
        connection.close()


def test_letter_imported_again_after_a_conflict(folder, monkeypatch):
    resolution = folder["v0220-14"]
    path = "/".join(resolution.getPhysicalPath())
    db = folder._p_jar.db()
    real_apply, calls = importer._apply_points, []

    def apply_after_another_commit(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            describe_elsewhere(db, path, "Von Hand ergänzt.")
        return real_apply(*args, **kwargs)

    monkeypatch.setattr(importer, "_apply_points", apply_after_another_commit)
    with api.env.adopt_roles(["Manager"]):
        (result,) = import_files(
            folder, [("june.txt", later_letter())], commit_each=True
        )
    assert result.status == "updated"
    assert len(calls) == 2  # imported again after the conflict
    transaction.begin()
    assert resolution.description == "Von Hand ergänzt."
    assert resolution.next_control_date.isoformat() == "2021-12-31"
    assert len(issued_reports(resolution)) == 2
