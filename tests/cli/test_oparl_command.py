"""`bk-plone oparl-import` against a real Zope instance and the OParl fixture server,
as cron calls it: a dry run writes nothing, a sync creates, the next one with
--since last asks only for what changed, a bad address is refused."""

from tests.helpers.cli import run
from tests.helpers.oparl_server import oparl_server

import pytest


pytestmark = pytest.mark.slow


def sync(instance, *extra, language="en"):
    return run(
        "oparl-import",
        "--zope-conf",
        str(instance / "etc/zope.conf"),
        "--folder",
        "beschluesse",
        "--language",
        language,
        *extra,
    )


def test_sync_sequence(instance):
    with oparl_server() as system:
        url = system.url("system")
        dry = sync(instance, url, "--dry-run", language="de")
        assert dry.returncode == 0, dry.stderr
        assert dry.stdout.strip() == (
            "Der Abgleich ergäbe: 24 angelegt, 0 aktualisiert, 0 unverändert, "
            "3 nicht übernommen, 0 fehlgeschlagen."
        )
        done = sync(instance, url, "--verbose")
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == (
            "Sync finished: 24 created, 0 updated, 0 unchanged, 3 not taken, 0 failed."
        )
        assert "V0001/24: created" in done.stderr
        system.change_paper(2, resolutionText="Der Ausschuss lehnt die Vergabe ab.")
        system.requests.clear()
        again = sync(instance, url, "--since", "last", "--verbose")
        assert again.returncode == 0, again.stderr
        assert again.stdout.strip() == (
            "Sync finished: 0 created, 1 updated, 0 unchanged, 0 not taken, 0 failed."
        )
        assert "V0002/24: updated (resolution text changed)" in again.stderr
        asked = [path for path, _agent in system.requests]
        assert any("modified_since=" in path for path in asked)


def test_bad_address_is_refused(instance):
    refused = sync(instance, "file:///etc/passwd")
    assert refused.returncode == 2
    assert refused.stderr.strip() == (
        "bk-plone: Only http and https addresses are read: file:///etc/passwd"
    )


def test_unreadable_system_fails_with_its_address(instance):
    from tests.helpers.mail import free_port

    url = f"http://127.0.0.1:{free_port()}/oparl/v1/system"
    failed = sync(instance, url)
    assert failed.returncode == 1
    assert f"{url} cannot be reached" in failed.stderr
