"""`bk-plone remind` (for cron) against a real instance, mailing a real SMTP server."""

from .conftest import run
from notifications.conftest import body
from notifications.conftest import subject

import pytest
import subprocess
import sys
import textwrap


pytestmark = pytest.mark.slow

CONFIGURE = textwrap.dedent(
    """\
    import sys, transaction
    from bk.plone.cli import login, zope_app
    from plone import api
    from zope.component.hooks import setSite

    with zope_app(sys.argv[1]) as app:
        setSite(app.Plone)
        registry = api.portal.get_tool("portal_registry")
        registry["plone.smtp_host"] = "127.0.0.1"
        registry["plone.smtp_port"] = int(sys.argv[2])
        registry["plone.email_from_address"] = "bk@stadt.example"
        registry["bk.plone.responsible_offices"] = [
            "(OB) INAUSLB|integration@stadt.example"
        ]
        transaction.commit()
    """
)


def remind(instance, *extra):
    return run(
        "remind",
        "--zope-conf",
        str(instance / "etc/zope.conf"),
        "--site",
        "Plone",
        "--today",
        "2021-06-25",
        *extra,
    )


def test_remind_sequence(instance, smtp):
    inbox, port = smtp
    subprocess.run(
        [sys.executable, "-c", CONFIGURE, str(instance / "etc/zope.conf"), str(port)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    # The demo's seed is due on 30 June 2021, within the 14 days of the settings.
    dry = remind(instance, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.strip() == (
        "(OB) INAUSLB <integration@stadt.example>: would mail 1 resolutions, 0 points"
    )
    assert inbox.wait(1, seconds=1) == []

    sent = remind(instance)
    assert sent.returncode == 0, sent.stderr
    (delivered,) = inbox.wait(1)
    assert delivered["to"] == ["integration@stadt.example"]
    assert subject(delivered["message"]).startswith(
        "Erinnerung Beschlusskontrolle für (OB) INAUSLB"
    )
    assert "V0220/14" in body(delivered["message"])
    assert "30. Juni 2021" in body(delivered["message"])

    again = remind(instance)
    assert again.returncode == 0
    assert again.stdout.strip() == ""
    assert len(inbox.wait(2, seconds=1)) == 1


def test_remind_refuses_while_instance_runs(instance):
    from zc.lockfile import LockFile

    lock = LockFile(str(instance / "var/filestorage/Data.fs.lock"))
    try:
        result = remind(instance)
    finally:
        lock.close()
    assert result.returncode == 2
    assert "ZEO" in result.stderr
