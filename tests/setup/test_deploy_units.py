"""deploy/: the systemd units for a single machine (ZEO server, instance, reminder
timer) as `systemd-analyze verify` reads them, their commands as bk.plone's."""

from bk.plone.cli import build_parser
from configparser import ConfigParser
from pathlib import Path

import shlex
import subprocess


ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNITS = sorted(DEPLOY.glob("bk-plone-*"))


def unit(name: str) -> ConfigParser:
    parsed = ConfigParser(strict=False, interpolation=None)
    parsed.optionxform = str
    parsed.read(DEPLOY / name)
    return parsed


def test_units_verify(tmp_path):
    """As installed on this machine: the checkout in place of /srv/bk-plone."""
    for path in UNITS:
        text = path.read_text().replace("/srv/bk-plone", str(ROOT))
        (tmp_path / path.name).write_text(text)
    done = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / p.name) for p in UNITS)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    said = [line for line in done.stderr.splitlines() if "bk-plone" in line]
    assert done.returncode == 0, done.stderr
    assert said == []


def test_reminder_run_is_bk_plone_remind_with_a_visible_status():
    service = unit("bk-plone-remind.service")["Service"]
    assert service["Type"] == "oneshot"
    command = shlex.split(service["ExecStart"])
    assert command[0].endswith("/.venv/bin/bk-plone")
    args = build_parser().parse_args(command[1:])
    assert args.func.__name__ == "remind"
    assert args.zope_conf.endswith("/instance/etc/zope.conf")
    # a failure is the unit's failure: nothing swallows the exit status
    assert "|| true" not in service["ExecStart"]
    assert "SuccessExitStatus" not in service


def test_timer_runs_on_working_days_and_catches_up():
    timer = unit("bk-plone-remind.timer")["Timer"]
    done = subprocess.run(
        ["systemd-analyze", "calendar", timer["OnCalendar"]],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Mon..Fri" in done.stdout
    assert timer["Persistent"] == "true"


def test_instance_and_reminders_need_the_zeo_server():
    assert unit("bk-plone-instance.service")["Unit"]["Requires"] == (
        "bk-plone-zeo.service"
    )
    # a reminder run never starts the database server: it fails when it is down
    reminder = unit("bk-plone-remind.service")["Unit"]
    assert reminder["Requisite"] == "bk-plone-zeo.service"
    assert "Requires" not in reminder
    zeo = shlex.split(unit("bk-plone-zeo.service")["Service"]["ExecStart"])
    assert zeo[0].endswith("/.venv/bin/runzeo")
    assert zeo[1:] == ["-C", "/srv/bk-plone/instance/etc/zeo.conf"]
