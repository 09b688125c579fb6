"""A real SMTP server on 127.0.0.1 (aiosmtpd) and the site's MailHost sending to it."""

from aiosmtpd.controller import Controller
from email import message_from_bytes
from email.header import decode_header
from email.header import make_header
from plone import api
from Products.MailHost.MailHost import MailHost

import pytest
import socket
import time
import transaction


class Inbox:
    """The SMTP handler: keeps every delivered message."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            {
                "from": envelope.mail_from,
                "to": list(envelope.rcpt_tos),
                "message": message_from_bytes(envelope.content),
            }
        )
        return "250 Message accepted"

    def wait(self, count: int, seconds: float = 10) -> list[dict]:
        """The messages once `count` have arrived (or when the time is up)."""
        deadline = time.monotonic() + seconds
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages


def subject(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def body(message) -> str:
    return message.get_payload(decode=True).decode(message.get_content_charset())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, ready_timeout=10)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture
def mail(functional_portal, smtp):
    """The site mails through the test server; yields the server's inbox."""
    inbox, port = smtp
    assert isinstance(api.portal.get_tool("MailHost").aq_base, MailHost)  # no mock
    # Plone's mailer takes the server from the registry (the mail control panel).
    settings = {
        "plone.smtp_host": "127.0.0.1",
        "plone.smtp_port": port,
        "plone.email_from_address": "bk@stadt.example",
        "plone.email_from_name": "Beschlusskontrolle",
    }
    registry = api.portal.get_tool("portal_registry")
    original = {name: registry[name] for name in settings}
    for name, value in settings.items():
        registry[name] = value
    transaction.commit()
    yield inbox
    for name, value in original.items():
        registry[name] = value
    transaction.commit()
