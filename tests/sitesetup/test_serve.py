"""`make start` (scripts/serve.py): the ZEO server, the mail sink and the instance;
while it serves, `bk-plone` commands in another shell work on the same database and
what they write is served at once; Ctrl+C stops everything, and a rerun serves the
same data."""

from pathlib import Path
from tests.helpers.cli import run
from tests.helpers.letters import letter
from tests.helpers.letters import TWO_POINTS
from tests.helpers.mail import free_port
from tests.helpers.oparl_server import oparl_server
from tests.helpers.zeo import make_instance

import os
import pytest
import requests
import signal
import subprocess
import sys
import time


pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def start(home: Path, mail_port: int) -> subprocess.Popen:
    """serve.py in a process group of its own, as a terminal runs `make start`."""
    return subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "scripts/serve.py"),
            "--instance",
            str(home),
            "--mail-port",
            str(mail_port),
        ],
        process_group=0,
        stdout=subprocess.DEVNULL,
        stderr=(home / "serve.log").open("w"),
    )


def wait_until_served(url: str, serving: subprocess.Popen, seconds: int = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert serving.poll() is None, "serve.py ended before serving"
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(1)
    raise AssertionError(f"{url} not served within {seconds} s")


def processes_of(home: Path) -> list[str]:
    found = subprocess.run(
        ["pgrep", "-af", str(home)], capture_output=True, text=True, check=False
    )
    return [line for line in found.stdout.splitlines() if "pgrep" not in line]


def stop_like_ctrl_c(serving: subprocess.Popen) -> int:
    os.killpg(serving.pid, signal.SIGINT)
    return serving.wait(timeout=120)


def test_jobs_while_serving_then_ctrl_c_and_again(tmp_path):
    home = tmp_path / "instance"
    port, mail_port = free_port(), free_port()
    make_instance.write_instance(home, "127.0.0.1", port)
    url = f"http://127.0.0.1:{port}/Plone"
    conf = str(home / "etc/zope.conf")
    serving = start(home, mail_port)
    try:
        wait_until_served(url, serving)
        # a second shell, while the site serves: the reminder's own status
        dry = run("remind", "--zope-conf", conf, "--site", "Plone", "--dry-run")
        assert dry.returncode in (0, 1), dry.stderr
        assert "ZEO" not in dry.stderr
        assert "Traceback" not in dry.stderr
        letters = tmp_path / "letters"
        letters.mkdir()
        (letters / "bibliothek.txt").write_text(letter(TWO_POINTS), encoding="utf-8")
        imported = run(
            "import",
            "--zope-conf",
            conf,
            "--site",
            "Plone",
            str(letters / "bibliothek.txt"),
        )
        assert imported.returncode == 0, imported.stderr
        # served at once by the running instance
        found = requests.get(
            f"{url}/@search",
            params={"portal_type": "Resolution", "SearchableText": "Bibliothek"},
            headers={"Accept": "application/json"},
            auth=("admin", "admin"),
            timeout=30,
        ).json()
        assert found["items_total"] == 1, found
        resolution = found["items"][0]["@id"]
        # the council system's cron job too
        with oparl_server(papers=3) as system:
            synced = run(
                "oparl-import",
                "--zope-conf",
                conf,
                "--site",
                "Plone",
                system.url("system"),
            )
        assert synced.returncode == 0, synced.stderr
        served = requests.get(
            f"{url}/@search",
            params={"portal_type": "Resolution", "paper_reference": "V0003/24"},
            headers={"Accept": "application/json"},
            auth=("admin", "admin"),
            timeout=30,
        ).json()
        assert [i["title"] for i in served["items"]] == ["Beschluss Nummer 3"]
    finally:
        assert stop_like_ctrl_c(serving) == 0
    assert processes_of(home) == []
    assert not (home / "var/zeo.sock").exists()

    again = start(home, mail_port)
    try:
        wait_until_served(url, again)
        response = requests.get(resolution, auth=("admin", "admin"), timeout=30)
        assert response.status_code == 200
    finally:
        again.terminate()  # as systemd stops a service
        assert again.wait(timeout=120) == 0
    assert processes_of(home) == []
