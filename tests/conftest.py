from aiosmtpd.controller import Controller
from bk.plone.testing import FUNCTIONAL_TESTING
from bk.plone.testing import INTEGRATION_TESTING
from collections import Counter
from pathlib import Path
from pytest_plone import fixtures_factory
from tests.helpers.mail import free_port
from tests.helpers.mail import Inbox

import pytest


pytest_plugins = ["pytest_plone"]


globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def package_name() -> str:
    return "bk.plone"


PASSWORD = "secret-password-1"  # noqa: S105 (test users' password)

# One user per role, each holding it site-wide (as membership of the groups
# mayors-office and council gives it).
ROLE_USERS = {
    "Manager": "manager-user",
    "Site Administrator": "siteadmin-user",
    "MayorsOffice": "mayorsoffice-user",
    "Editor": "editor-user",
    "Contributor": "contributor-user",
    "CouncilMember": "councilmember-user",
    "Member": "member-user",
}


def add_role_users(portal):
    for role, user_id in ROLE_USERS.items():
        portal.acl_users.userFolderAddUser(user_id, PASSWORD, [role], [])
    return ROLE_USERS


@pytest.fixture
def users(portal):
    """The role users in the integration site."""
    return add_role_users(portal)


@pytest.fixture
def role_users(functional_portal):
    """Users holding each role globally, committed so the WSGI server sees them."""
    import transaction

    add_role_users(functional_portal)
    transaction.commit()
    return ROLE_USERS


@pytest.fixture
def role_password() -> str:
    """The password of every role user (to log in through a form)."""
    return PASSWORD


@pytest.fixture
def http_session(functional_portal):
    """A requests session factory: http_session(user_id or None)."""
    import requests

    sessions = []

    def factory(user_id=None, json=False):
        session = requests.Session()
        if user_id:
            session.auth = (user_id, PASSWORD)
        if json:
            session.headers["Accept"] = "application/json"
        sessions.append(session)
        return session

    yield factory
    for session in sessions:
        session.close()


@pytest.fixture
def smtp():
    """A real SMTP server on 127.0.0.1; yields its inbox and port."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, ready_timeout=10)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def pytest_terminal_summary(terminalreporter):
    """How many hostile cases were tried, and where the browser tests left their
    screenshots. Here, not in tests/hostile: with xdist only the root conftest
    reaches the controller that writes the summary."""
    hostile_summary(terminalreporter)
    folder = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"
    shots = sorted(folder.glob("*.png")) if folder.is_dir() else []
    if shots:
        terminalreporter.write_sep("-", "browser screenshots")
        terminalreporter.write_line(f"{len(shots)} screenshots in {folder}")


def hostile_summary(terminalreporter):
    cases = Counter()
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            if getattr(report, "when", None) != "call":
                continue
            for name, value in report.user_properties:
                if name == "hostile_cases":
                    kind, count = value
                    cases[kind] += count
    if cases:
        terminalreporter.write_sep("-", "hostile input cases tried")
        for kind, count in sorted(cases.items()):
            terminalreporter.write_line(f"{kind:<58} {count:>6}")
        terminalreporter.write_line(f"{'total':<58} {sum(cases.values()):>6}")
