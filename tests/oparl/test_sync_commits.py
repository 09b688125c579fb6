"""The command line's way: each paper committed on its own; a paper whose commit
meets another's write is read and written again, not reported as written and lost."""

from bk.plone.oparl import sync as module
from bk.plone.oparl.sync import sync
from plone import api
from tests.helpers.oparl_server import oparl_server
from ZODB.POSException import ConflictError

import transaction


def test_conflicting_paper_is_done_again(functional_portal, monkeypatch):
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=functional_portal, type="Folder", id="ris"
        )
    transaction.commit()
    original = module._one
    conflicts = []

    def conflicting(container, client, entry, paper_filter, dry_run):
        result = original(container, client, entry, paper_filter, dry_run)
        if result.reference == "V0002/24" and not conflicts:
            conflicts.append(result.reference)
            raise ConflictError("someone else wrote meanwhile")
        return result

    monkeypatch.setattr(module, "_one", conflicting)
    with oparl_server(papers=3) as system, api.env.adopt_roles(["Manager"]):
        done = sync(folder, system.url("system"), commit_each=True)
    assert conflicts == ["V0002/24"]
    assert [r.status for r in done.results] == ["created"] * 3
    transaction.begin()
    assert sorted(folder.objectIds()) == ["v0001-24", "v0002-24", "v0003-24"]
    assert len(folder["v0002-24"].points()) == 1
