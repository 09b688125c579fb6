"""The site's MailHost sending to the SMTP server on loopback (tests/conftest.py)."""

from plone import api
from Products.MailHost.MailHost import MailHost

import pytest
import transaction


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
