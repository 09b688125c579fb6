"""Issued letters and control lists reach the council: mailed after the commit to
the members of the body's recipients group, the PDF attached only when not
confidential, who/when recorded on the record."""

from bk.plone.council.dispatch import dispatch
from bk.plone.council.dispatch import DispatchError
from plone import api
from tests.helpers.council import build
from tests.helpers.council import COMMITTEE
from tests.helpers.mail import body
from tests.helpers.mail import subject

import lxml.html
import pytest
import transaction


MEMBER_PASSWORD = "Geheim-12345"  # noqa: S105 - a test user's
MEMBERS = {"ratsmitglied-a": "a@rat.example", "ratsmitglied-b": "b@rat.example"}


@pytest.fixture
def council(functional_portal, role_users, mail):
    folder = build(functional_portal)
    with api.env.adopt_roles(["Manager"]):
        for login, email in MEMBERS.items():
            api.user.create(username=login, email=email, password=MEMBER_PASSWORD)
            api.group.add_user(groupname="council", username=login)
        api.group.create(groupname="umweltausschuss", roles=["CouncilMember"])
        api.user.create(
            username="ausschuss-c", email="c@rat.example", password=MEMBER_PASSWORD
        )
        api.group.add_user(groupname="umweltausschuss", username="ausschuss-c")
    transaction.commit()
    return folder


def attachments(message) -> list:
    return [
        part
        for part in message.walk()
        if part.get_content_disposition() == "attachment"
    ]


def issue_page(session, url, **params):
    page = session.get(url, params=params)
    tree = lxml.html.fromstring(page.text)
    (form,) = tree.xpath("//form[.//button[@name='form.buttons.issue']]")
    return tree, form


def issue_list(session, folder, dispatch=True, **params):
    _tree, form = issue_page(
        session, f"{folder.absolute_url()}/@@issue-control-list", **params
    )
    data = dict(form.form_values())
    if not dispatch:
        data.pop("dispatch", None)
    data["form.buttons.issue"] = "1"
    return session.post(form.action, data=data)


def issued(folder):
    transaction.begin()
    return [o for o in folder.objectValues() if o.portal_type == "ControlListReport"]


def test_issue_form_offers_to_send_to_the_members(council, http_session, role_users):
    _tree, form = issue_page(
        http_session(role_users["MayorsOffice"]),
        f"{council.absolute_url()}/@@issue-control-list",
        body="Stadtrat",
    )
    (box,) = form.xpath(".//input[@name='dispatch']")
    assert box.get("checked") == "checked"
    label = " ".join(
        form.xpath(".//label[@for='bk-dispatch']")[0].text_content().split()
    )
    assert label == (
        "An die Mitglieder des Gremiums Stadtrat per E-Mail senden (2 Adressen)"
    )


def test_confidential_list_is_sent_without_pdf(council, http_session, role_users, mail):
    response = issue_list(
        http_session(role_users["MayorsOffice"]), council, body="Stadtrat"
    )
    assert "Per E-Mail an 2 Mitglieder" in response.text
    (message,) = mail.wait(1)
    assert sorted(message["to"]) == sorted(MEMBERS.values())
    mail_message = message["message"]
    assert mail_message["To"] == "undisclosed-recipients:;"
    assert subject(mail_message).startswith(
        "Ausgefertigt: Beschlusskontrollliste des Gremiums Stadtrat"
    )
    assert not mail_message.is_multipart()  # confidential: only the link
    (report,) = issued(council)
    assert report.absolute_url() in body(mail_message)
    (record,) = report.dispatches
    assert record["recipients"] == 2
    assert record["by"] == role_users["MayorsOffice"]
    assert record["attached"] is False
    page = http_session(role_users["MayorsOffice"]).get(report.absolute_url())
    assert "Per E-Mail versandt am" in page.text


def test_public_list_carries_its_pdf(council, http_session, role_users, mail):
    issue_list(
        http_session(role_users["MayorsOffice"]), council, body="Stadtrat", public="1"
    )
    (message,) = mail.wait(1)
    parts = attachments(message["message"])
    assert [part.get_content_type() for part in parts] == ["application/pdf"]
    assert parts[0].get_payload(decode=True).startswith(b"%PDF")


def test_setting_keeps_pdfs_out_of_mails(council, http_session, role_users, mail):
    api.portal.set_registry_record("bk.plone.dispatch_attach_pdf", False)
    transaction.commit()
    issue_list(
        http_session(role_users["MayorsOffice"]), council, body="Stadtrat", public="1"
    )
    (message,) = mail.wait(1)
    assert not message["message"].is_multipart()


def test_body_has_its_own_recipients(council, http_session, role_users, mail):
    api.portal.set_registry_record(
        "bk.plone.body_recipients", [f"{COMMITTEE}|umweltausschuss"]
    )
    transaction.commit()
    issue_list(http_session(role_users["MayorsOffice"]), council, body=COMMITTEE)
    (message,) = mail.wait(1)
    assert message["to"] == ["c@rat.example"]


def test_not_sending_is_a_choice(council, http_session, role_users, mail):
    issue_list(
        http_session(role_users["MayorsOffice"]),
        council,
        dispatch=False,
        body="Stadtrat",
    )
    assert mail.wait(1, seconds=1) == []
    (report,) = issued(council)
    assert getattr(report, "dispatches", None) is None


def test_letter_issued_and_sent(council, http_session, role_users, mail):
    resolution = council["v0002-21"]  # public, not confidential
    session = http_session(role_users["MayorsOffice"])
    _tree, form = issue_page(session, f"{resolution.absolute_url()}/@@issue-letter")
    data = dict(form.form_values())
    data["form.buttons.issue"] = "1"
    session.post(form.action, data=data)
    (message,) = mail.wait(1)
    assert subject(message["message"]).startswith(
        "Ausgefertigt: Beschlusskontrolle zu V0002/21"
    )
    assert [p.get_content_type() for p in attachments(message["message"])] == [
        "application/pdf"
    ]


def test_rolled_back_dispatch_sends_nothing(council, mail, functional_portal):
    from bk.plone.council.control_list import build_control_list
    from bk.plone.council.control_list import period_from_params
    from bk.plone.council.issue import issue_control_list

    with api.env.adopt_user(username="mayorsoffice-user"):
        listed = build_control_list(council, period_from_params(council, {}))
        report = issue_control_list(
            council, listed, "Liste", "<html/>", b"%PDF", "l.pdf"
        )
        dispatch(report)
    transaction.abort()
    assert mail.wait(1, seconds=1) == []


def test_send_later_from_the_record(council, http_session, role_users, mail):
    issue_list(
        http_session(role_users["MayorsOffice"]),
        council,
        dispatch=False,
        body="Stadtrat",
    )
    (report,) = issued(council)
    session = http_session(role_users["MayorsOffice"])
    page = lxml.html.fromstring(session.get(report.absolute_url()).text)
    (form,) = page.xpath("//form[contains(@action, '@@dispatch-report')]")
    refused = session.post(form.action, data={})
    assert refused.status_code == 403
    assert mail.wait(1, seconds=1) == []
    session.post(form.action, data=dict(form.form_values()))
    assert len(mail.wait(1)) == 1


@pytest.mark.parametrize("role", ["Editor", "CouncilMember"])
def test_only_the_mayors_office_sends(council, http_session, role_users, mail, role):
    issue_list(
        http_session(role_users["MayorsOffice"]),
        council,
        dispatch=False,
        body="Stadtrat",
    )
    (report,) = issued(council)
    session = http_session(role_users[role])
    page = session.get(report.absolute_url())
    assert "@@dispatch-report" not in page.text
    session.post(f"{report.absolute_url()}/@@dispatch-report", data={})
    assert mail.wait(1, seconds=1) == []


def test_without_mail_server_the_form_says_so(council, http_session, role_users):
    api.portal.set_registry_record("plone.smtp_host", "")
    transaction.commit()
    tree, form = issue_page(
        http_session(role_users["MayorsOffice"]),
        f"{council.absolute_url()}/@@issue-control-list",
        body="Stadtrat",
    )
    assert form.xpath(".//input[@name='dispatch']") == []
    assert (
        "keinen Mailserver"
        in tree.xpath("//p[@id='bk-dispatch-impossible']")[0].text_content()
    )


def test_withdrawn_record_is_not_sent(council):
    from bk.plone.council.control_list import build_control_list
    from bk.plone.council.control_list import period_from_params
    from bk.plone.council.issue import issue_control_list

    with api.env.adopt_user(username="mayorsoffice-user"):
        listed = build_control_list(council, period_from_params(council, {}))
        report = issue_control_list(
            council, listed, "Liste", "<html/>", b"%PDF", "l.pdf"
        )
        api.content.transition(obj=report, transition="withdraw", comment="falsch")
        with pytest.raises(DispatchError):
            dispatch(report)
    transaction.abort()


def test_members_who_may_not_read_it_get_no_mail(
    council, http_session, role_users, mail
):
    """A member of the recipients group without the council's role (a co-opted
    citizen, say) does not get by mail what the site would not show."""
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            username="buerger", email="buerger@rat.example", password=MEMBER_PASSWORD
        )
        api.group.create(groupname="buergerbeirat")
        api.group.add_user(groupname="buergerbeirat", username="buerger")
    api.portal.set_registry_record(
        "bk.plone.body_recipients", ["Stadtrat|buergerbeirat"]
    )
    transaction.commit()
    issue_list(http_session(role_users["MayorsOffice"]), council, body="Stadtrat")
    assert mail.wait(1, seconds=2) == []  # nobody in the group may read it
    (report,) = issued(council)
    assert getattr(report, "dispatches", None) is None
