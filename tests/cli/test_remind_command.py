"""`bk-plone remind` (for cron) against a real instance, mailing a real SMTP server."""

from tests.helpers.cli import BK_PLONE
from tests.helpers.cli import run
from tests.helpers.mail import body
from tests.helpers.mail import subject

import pytest
import socket
import subprocess
import sys
import textwrap
import time


pytestmark = pytest.mark.slow

CONFIGURE = textwrap.dedent(
    """\
    import sys
    from argparse import Namespace
    from bk.plone.cli import open_site
    from plone import api

    with open_site(Namespace(zope_conf=sys.argv[1], site="Plone")):
        registry = api.portal.get_tool("portal_registry")
        registry["plone.smtp_host"] = "127.0.0.1"
        registry["plone.smtp_port"] = int(sys.argv[2])
        registry["plone.email_from_address"] = "bk@stadt.example"
        registry["bk.plone.responsible_offices"] = [
            "(OB) INAUSLB|integration@stadt.example"
        ]
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


def test_remind_without_its_zeo_server_says_so(instance, tmp_path):
    """A ZEO client whose server is not running: told at once, in both languages,
    with a status a monitor sees."""
    conf = (instance / "etc/zope.conf").read_text()
    elsewhere = tmp_path / "zope.conf"
    elsewhere.write_text(conf.replace("$INSTANCE/var/zeo.sock", f"{tmp_path}/zeo.sock"))
    result = run("remind", "--zope-conf", str(elsewhere), "--site", "Plone")
    assert result.returncode == 2
    assert "Der Datenbank-Server (ZEO) antwortet nicht" in result.stderr
    assert "the database server (ZEO) does not answer" in result.stderr
    assert "Traceback" not in result.stderr
    # a socket file left by a server that was killed: said at once as well
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as left:
        left.bind(str(tmp_path / "zeo.sock"))
    started = time.monotonic()
    stale = run("remind", "--zope-conf", str(elsewhere), "--site", "Plone")
    assert stale.returncode == 2
    assert "the database server (ZEO) does not answer" in stale.stderr
    assert time.monotonic() - started < 25  # not the ZEO client's 30 s wait


def configure_mail(instance, port: int) -> None:
    subprocess.run(
        [sys.executable, "-c", CONFIGURE, str(instance / "etc/zope.conf"), str(port)],
        check=True,
        capture_output=True,
        timeout=300,
    )


def forget_reminders(instance) -> None:
    subprocess.run(
        [sys.executable, "-c", FORGET, str(instance / "etc/zope.conf")],
        check=True,
        capture_output=True,
        timeout=300,
    )


FORGET = textwrap.dedent(
    """\
    import sys
    from argparse import Namespace
    from bk.plone.cli import open_site
    from bk.plone.notifications.reminders import REMINDED_KEY
    from plone import api
    from zope.annotation.interfaces import IAnnotations

    with open_site(Namespace(zope_conf=sys.argv[1], site="Plone"), user="admin"):
        for brain in api.content.find(portal_type="Resolution"):
            IAnnotations(brain.getObject()).pop(REMINDED_KEY, None)
    """
)

RECORDS = textwrap.dedent(
    """\
    import sys
    from argparse import Namespace
    from bk.plone.cli import open_site
    from bk.plone.notifications.reminders import REMINDED_KEY
    from plone import api
    from zope.annotation.interfaces import IAnnotations

    with open_site(Namespace(zope_conf=sys.argv[1], site="Plone"), user="admin"):
        (brain,) = api.content.find(portal_type="Resolution", id="v0220-14")
        print(" ".join(IAnnotations(brain.getObject()).get(REMINDED_KEY, {})))
    """
)

# A person editing the resolution the reminder is about, again and again (several
# saves a second) until told to stop (a file appears), each edit its own
# transaction, replayed on a conflict as Zope replays a request. Prints how many
# edits it made and the last one.
EDITS = textwrap.dedent(
    """\
    import os, sys, time, transaction
    from argparse import Namespace
    from bk.plone.cli import open_site
    from bk.plone.notifications.reminders import _record
    from plone import api

    conf, started, stop = sys.argv[1:4]
    args = Namespace(zope_conf=conf, site="Plone")
    with open_site(args, user="admin", commit=False):
        # the demo's seed, the resolution the reminder is about
        (brain,) = api.content.find(portal_type="Resolution", id="v0220-14")
        resolution = brain.getObject()
        number = 0
        deadline = time.monotonic() + 240
        while not os.path.exists(stop) and time.monotonic() < deadline:
            for attempt in transaction.manager.attempts(10):
                with attempt:
                    resolution.file_reference = f"Bearbeitung {number}"
                    _record(resolution, f"edit-{number}")
            number += 1
            open(started, "w").close()
            time.sleep(0.2)
        transaction.begin()
        print(number, resolution.file_reference)
    """
)


def test_overlapping_runs_send_each_reminder_once(instance, smtp, tmp_path):
    """Several reminder runs at once (cron started twice, a run by hand beside the
    timer's) while a person edits the resolution they are about, commit after
    commit: the runs' commits conflict and are done again, every office is mailed
    once, and every edit is kept."""
    inbox, port = smtp
    configure_mail(instance, port)
    forget_reminders(instance)
    conf = str(instance / "etc/zope.conf")
    started, stop = tmp_path / "started", tmp_path / "stop"
    editor = subprocess.Popen(
        [sys.executable, "-c", EDITS, conf, str(started), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    for _ in range(600):
        if started.exists() or editor.poll() is not None:
            break
        time.sleep(0.1)
    command = [str(BK_PLONE), "remind", "--zope-conf", conf, "--site", "Plone"]
    command += ["--today", "2021-06-25"]
    runs = [
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    stop.touch()
    edited, errors = editor.communicate(timeout=300)
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    assert editor.returncode == 0, errors
    count, _label, last = edited.split()
    assert last == str(int(count) - 1)
    # every edit's record is there beside the reminder's: none lost to a run
    records = subprocess.run(
        [sys.executable, "-c", RECORDS, conf],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout.split()
    assert {f"edit-{n}" for n in range(int(count))} <= set(records)
    assert "2021-06-30" in records
    mailed = [out for out, _err in outputs if "mailed" in out]
    assert len(mailed) == 1, outputs
    assert len(inbox.wait(2, seconds=3)) == 1
