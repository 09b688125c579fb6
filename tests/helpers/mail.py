"""A real SMTP server on 127.0.0.1 (aiosmtpd): its inbox and how to read what arrives."""

from email import message_from_bytes
from email.header import decode_header
from email.header import make_header

import socket
import time


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
