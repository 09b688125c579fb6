"""`bk-plone remind` (for cron) against a real instance, mailing a real SMTP server."""

from tests.helpers.cli import run
from tests.helpers.mail import body
from tests.helpers.mail import subject

import pytest
import subprocess
import sys
import textwrap


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


def test_remind_refuses_while_instance_runs(instance):
    from zc.lockfile import LockFile

    lock = LockFile(str(instance / "var/filestorage/Data.fs.lock"))
    try:
        result = remind(instance)
    finally:
        lock.close()
    assert result.returncode == 2
    assert "ZEO" in result.stderr


# Every command enters the site through bk.plone.cli.open_site: it commits what
# ends well and nothing of what fails or is only tried.
SESSION = textwrap.dedent(
    """\
    import sys
    from argparse import Namespace
    from bk.plone.cli import open_site
    from plone import api

    args = Namespace(zope_conf=sys.argv[1], site="Plone")
    mode = sys.argv[2]
    try:
        with open_site(args, user="admin", commit=mode != "tried"):
            api.portal.set_registry_record("bk.plone.signatory", mode)
            if mode == "failed":
                raise RuntimeError(mode)
    except RuntimeError:
        pass
    with open_site(args, commit=False):
        print(api.portal.get_registry_record("bk.plone.signatory"))
    """
)


def session(instance, mode: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", SESSION, str(instance / "etc/zope.conf"), mode],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout.strip()


def test_open_site_commits_only_what_ends_well(instance):
    assert session(instance, "kept") == "kept"
    assert session(instance, "failed") == "kept"
    assert session(instance, "tried") == "kept"


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (("remind", "--site", "Nirgendwo"), "Es gibt keine Plone-Website Nirgendwo."),
        (
            ("import", "--user", "niemand", "brief.txt"),
            "Es gibt keinen Zope-Benutzer niemand.",
        ),
        (
            ("import", "--folder", "fehlt", "brief.txt"),
            "Es gibt keinen Ordner fehlt in der Website.",
        ),
        (
            ("import", "--language", "en", "--site", "Nowhere", "letter.txt"),
            "There is no Plone site Nowhere.",
        ),
    ],
)
def test_commands_refuse_in_the_sites_language(instance, command, said):
    name, *options = command
    result = run(name, "--zope-conf", str(instance / "etc/zope.conf"), *options)
    assert result.returncode == 2
    # (ZODB may note before it that it rebuilt a Data.fs index)
    assert result.stderr.strip().splitlines()[-1] == f"bk-plone: {said}"
