"""The demo's mail sink (scripts/mail_sink.py, started by `make start`): every mail
it receives becomes an .eml file; it stops cleanly on SIGINT."""

from email.message import EmailMessage
from tests.helpers.mail import free_port

import signal
import smtplib
import subprocess
import sys
import time


def test_mails_become_files_and_the_sink_stops(repo_root, tmp_path):
    port = free_port()
    sink = subprocess.Popen(
        [
            sys.executable,
            str(repo_root / "scripts/mail_sink.py"),
            "--dir",
            str(tmp_path),
            "--port",
            str(port),
            "--ready",
            str(tmp_path / "ready"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert "mail sink on" in sink.stdout.readline()
        assert (tmp_path / "ready").read_text() == str(port)
        message = EmailMessage()
        message["From"] = "bk@example.org"
        message["To"] = "integration@example.org"
        message["Subject"] = "Erinnerung an die Beschlusskontrolle"
        message.set_content("Bitte den Sachstand melden.")
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            client.send_message(message)
        deadline = time.monotonic() + 10
        while not list(tmp_path.glob("*.eml")) and time.monotonic() < deadline:
            time.sleep(0.05)
        (mail,) = tmp_path.glob("*.eml")  # the ready file is no mail
        assert "Erinnerung an die Beschlusskontrolle" in mail.read_text()
    finally:
        sink.send_signal(signal.SIGINT)
        assert sink.wait(timeout=10) == 0
