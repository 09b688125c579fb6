"""Control dates in the calendar and issued records in a feed reader: as the
reader may see them, through the login or a personal secret address that can be
revoked; without either, the public resolutions only; reading writes nothing."""

from datetime import timedelta
from icalendar import Calendar
from lxml import etree
from plone import api
from tests.helpers.council import COMMITTEE
from tests.helpers.council import PAST
from tests.helpers.council import TODAY

import lxml.html
import pytest
import transaction


ATOM = "{http://www.w3.org/2005/Atom}"


def events(response) -> dict:
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {
        str(event["summary"]): event["dtstart"].dt for event in calendar.walk("VEVENT")
    }


def ics(functional_folder, session, **params):
    return session.get(
        f"{functional_folder.absolute_url()}/@@control-dates.ics", params=params
    )


def test_council_member_calendar(functional_folder, http_session, role_users):
    found = events(ics(functional_folder, http_session(role_users["CouncilMember"])))
    assert found == {
        "Beschlusskontrolle fällig: V0001/20 Integrationskonzept": TODAY
        + timedelta(days=10),
        "Beschlusskontrolle fällig: V0002/21 Radwegekonzept": TODAY
        + timedelta(days=20),
        "Punkt fällig: V0001/20, Punkt 1": PAST,
        "Punkt fällig: V0001/20, Punkt 2": PAST,
        "Punkt fällig: U0001/24, Punkt 1": TODAY + timedelta(days=30),
    }


def test_staff_calendar_has_drafts_and_office_filter(
    functional_folder, http_session, role_users
):
    session = http_session(role_users["Editor"])
    assert "Beschlusskontrolle fällig: V0004/22 Bibliothekssanierung" in events(
        ics(functional_folder, session)
    )
    assert events(ics(functional_folder, session, office="(GB 5) Jugendamt")) == {}


def test_anonymous_calendar_is_public_only(functional_folder, http_session):
    found = events(ics(functional_folder, http_session()))
    assert set(found) == {
        "Beschlusskontrolle fällig: V0002/21 Radwegekonzept",
        "Punkt fällig: U0001/24, Punkt 1",
    }


def create_token(functional_folder, session) -> str:
    page = session.get(f"{functional_folder.absolute_url()}/@@control-overview")
    tree = lxml.html.fromstring(page.text)
    (form,) = tree.xpath("//form[contains(@action, '@@feed-token')]")
    data = dict(form.form_values())
    data["action"] = "new"
    page = session.post(form.action, data=data)
    tree = lxml.html.fromstring(page.text)
    (address,) = tree.xpath("//input[@id='bk-feed-calendar']/@value")
    assert "token=" in address
    return address.split("token=", 1)[1]


def test_personal_address_reads_as_its_user(
    functional_folder, http_session, role_users, functional_portal
):
    token = create_token(functional_folder, http_session(role_users["CouncilMember"]))
    db = functional_portal._p_jar.db()
    before = db.lastTransaction()
    found = events(ics(functional_folder, http_session(), token=token))
    assert "Beschlusskontrolle fällig: V0001/20 Integrationskonzept" in found
    assert db.lastTransaction() == before  # reading writes nothing
    # the token reads, it does not log in
    page = http_session().get(
        f"{functional_folder['v0001-20'].absolute_url()}", params={"token": token}
    )
    assert "Integrationskonzept" not in page.text or "login" in page.url


def test_a_new_address_revokes_the_old(functional_folder, http_session, role_users):
    session = http_session(role_users["CouncilMember"])
    old = create_token(functional_folder, session)
    new = create_token(functional_folder, session)
    assert old != new
    refused = ics(functional_folder, http_session(), token=old)
    assert refused.status_code == 403
    assert "nicht mehr gültig" in refused.text
    assert ics(functional_folder, http_session(), token=new).status_code == 200


def test_revoked_address_reads_nothing(functional_folder, http_session, role_users):
    session = http_session(role_users["CouncilMember"])
    token = create_token(functional_folder, session)
    page = session.get(f"{functional_folder.absolute_url()}/@@control-overview")
    (form,) = lxml.html.fromstring(page.text).xpath(
        "//form[contains(@action, '@@feed-token')]"
    )
    session.post(form.action, data={**dict(form.form_values()), "action": "revoke"})
    assert ics(functional_folder, http_session(), token=token).status_code == 403


def test_token_needs_the_authenticator(functional_folder, http_session, role_users):
    session = http_session(role_users["CouncilMember"])
    response = session.post(
        f"{functional_folder.absolute_url()}/@@feed-token", data={"action": "new"}
    )
    assert response.status_code == 403
    transaction.begin()
    from bk.plone.council.feeds import token_of

    assert token_of(role_users["CouncilMember"]) is None


def test_anonymous_gets_no_token_form(functional_folder, http_session):
    page = http_session().get(f"{functional_folder.absolute_url()}/@@control-overview")
    tree = lxml.html.fromstring(page.text)
    assert tree.xpath("//form[contains(@action, '@@feed-token')]") == []
    (address,) = tree.xpath("//input[@id='bk-feed-calendar']/@value")
    assert "token" not in address


def issue(folder, body, public=False):
    from bk.plone.council.control_list import build_control_list
    from bk.plone.council.control_list import period_from_params
    from bk.plone.council.issue import issue_control_list

    params = {"body": body, **({"public": "1"} if public else {})}
    with api.env.adopt_user(username="mayorsoffice-user"):
        listed = build_control_list(folder, period_from_params(folder, params))
        report = issue_control_list(
            folder, listed, f"Liste {body} {public}", "<html/>", b"%PDF-1", "l.pdf"
        )
    transaction.commit()
    return report


def entries(response) -> list[str]:
    assert response.headers["Content-Type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    return [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (
            "CouncilMember",
            ["Liste Stadtrat True", f"Liste {COMMITTEE} False", "Liste Stadtrat False"],
        ),
        # the committee's list holds public resolutions only, but it was not
        # issued as a public list: the public does not read it
        (None, ["Liste Stadtrat True"]),
    ],
)
def test_feed_of_issued_records(
    functional_folder, http_session, role_users, role, expected
):
    issue(functional_folder, "Stadtrat")
    issue(functional_folder, COMMITTEE)
    issue(functional_folder, "Stadtrat", public=True)
    session = http_session(role_users[role] if role else None)
    response = session.get(f"{functional_folder.absolute_url()}/@@reports.atom")
    assert entries(response) == expected


def test_withdrawn_records_leave_the_feed(functional_folder, http_session, role_users):
    report = issue(functional_folder, "Stadtrat")
    with api.env.adopt_user(username="mayorsoffice-user"):
        api.content.transition(obj=report, transition="withdraw", comment="falsch")
    transaction.commit()
    session = http_session(role_users["CouncilMember"])
    assert (
        entries(session.get(f"{functional_folder.absolute_url()}/@@reports.atom")) == []
    )
