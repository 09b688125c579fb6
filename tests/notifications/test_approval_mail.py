"""A proposal mails the mayor's office; an approval or a decline mails the proposer."""

from bk.plone.content import approvals
from bk.plone.interfaces import ApprovalError
from plone import api
from plone.dexterity.utils import createContentInContainer
from tests.helpers.mail import body
from tests.helpers.mail import subject

import lxml.html
import pytest
import transaction


@pytest.fixture
def point(functional_portal, mail):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            username="sachbearbeiterin",
            email="sb@stadt.example",
            password="secret-password-1",  # noqa: S106 (test user's password)
        )
        api.user.grant_roles(username="sachbearbeiterin", roles=["Editor"])
        for login, email in (
            ("ob1", "ob1@stadt.example"),
            ("ob2", "ob2@stadt.example"),
        ):
            api.user.create(username=login, email=email, password="secret-password-1")  # noqa: S106 (test user's password)
            api.group.add_user(groupname="mayors-office", username=login)
        resolution = createContentInContainer(
            functional_portal, "Resolution", paper_reference="V0220/14", title="Konzept"
        )
        point = createContentInContainer(resolution, "ControlPoint", number="1c")
    transaction.commit()
    return point


def propose(point):
    with api.env.adopt_user(username="sachbearbeiterin"):
        approvals.propose(point, "start", "Die Anmeldung läuft.")
    transaction.commit()


def test_proposal_mails_the_mayors_office(point, mail):
    propose(point)
    (delivered,) = mail.wait(1)
    assert sorted(delivered["to"]) == ["ob1@stadt.example", "ob2@stadt.example"]
    assert delivered["from"] == "bk@stadt.example"
    message = delivered["message"]
    assert subject(message) == "Vorschlag zu V0220/14, Punkt 1c: Beginnen"
    text = body(message)
    assert "Die Anmeldung läuft." in text
    assert f"{point.absolute_url()}" in text
    assert "/@@approvals" in text


@pytest.mark.parametrize(
    ("decision", "expected"),
    [
        ("approve", "Genehmigt: V0220/14, Punkt 1c"),
        ("decline", "Abgelehnt: V0220/14, Punkt 1c"),
    ],
)
def test_decision_mails_the_proposer(point, mail, decision, expected):
    propose(point)
    with api.env.adopt_user(username="ob1"):
        getattr(approvals, decision)(point, "Bitte Zahlen ergänzen.")
    transaction.commit()
    messages = mail.wait(2)
    assert len(messages) == 2
    delivered = messages[1]
    assert delivered["to"] == ["sb@stadt.example"]
    assert subject(delivered["message"]) == expected
    assert "Bitte Zahlen ergänzen." in body(delivered["message"])


def test_nothing_sent_for_a_refused_proposal(point, mail):
    with (
        api.env.adopt_user(username="sachbearbeiterin"),
        pytest.raises(ApprovalError),
    ):
        approvals.propose(point, "reopen", "")
    transaction.commit()
    assert mail.wait(1, seconds=1) == []


def test_nothing_sent_when_the_transaction_is_undone(point, mail):
    with api.env.adopt_user(username="sachbearbeiterin"):
        approvals.propose(point, "start", "")
    transaction.abort()
    assert mail.wait(1, seconds=1) == []


def test_the_proposer_is_told_the_office_was_mailed(point, mail, http_session):
    """The page says what happened: here the office was told by e-mail."""
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=point.__parent__, transition="release")
    transaction.commit()
    session = http_session()
    session.auth = ("sachbearbeiterin", "secret-password-1")
    page = session.get(f"{point.absolute_url()}/@@approvals")
    token = lxml.html.fromstring(page.text).xpath(
        "//input[@name='_authenticator']/@value"
    )[0]
    response = session.post(
        f"{point.absolute_url()}/@@approvals",
        data={"_authenticator": token, "action": "propose", "transition": "start"},
    )
    assert "per E-Mail benachrichtigt" in response.text
    assert len(mail.wait(1)) == 1
