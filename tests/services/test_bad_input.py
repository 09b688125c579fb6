"""Refused input through plone.restapi: a 400 with a clear German message, and the
database exactly as before."""

from plone import api
from plone.dexterity.utils import createContentInContainer

import pytest
import transaction


@pytest.fixture
def site(functional_portal, role_users):
    with api.env.adopt_roles(["Manager"]):
        resolution = createContentInContainer(
            functional_portal,
            "Resolution",
            paper_reference="V0220/14",
            title="Integrationskonzept",
            decision_date=__import__("datetime").date(2015, 4, 23),
        )
        createContentInContainer(resolution, "ControlPoint", number="1")
        createContentInContainer(resolution, "ControlPoint", number="2")
    transaction.commit()
    return functional_portal


@pytest.fixture
def office(http_session, role_users):
    return http_session(role_users["MayorsOffice"], json=True)


@pytest.fixture
def editor(http_session, role_users):
    return http_session(role_users["Editor"], json=True)


def snapshot(portal):
    transaction.begin()
    resolution = portal["v0220-14"]
    return (
        sorted(portal.objectIds()),
        resolution.Title(),
        resolution.next_control_date,
        [
            (p.getId(), p.number, api.content.get_state(p))
            for p in resolution.objectValues()
        ],
        len(api.content.find(portal_type=["Resolution", "ControlPoint"])),
    )


def message(response):
    """The message of plone.restapi's error formats: {"error": {...}} from services,
    {"message": ...} from a BadRequest with the deserializer's field errors."""
    body = response.json()
    return body["error"]["message"] if "error" in body else body["message"]


CASES = [
    (
        "duplicate paper reference",
        "office",
        "POST",
        "",
        {"@type": "Resolution", "paper_reference": "v0220/14", "title": "Doppelt"},
        "bereits die Vorlagennummer",
    ),
    (
        "malformed paper reference",
        "office",
        "POST",
        "",
        {"@type": "Resolution", "paper_reference": "V 0220 / 14", "title": "Kaputt"},
        "Vorlagennummer besteht aus",
    ),
    (
        "control date before decision (create)",
        "office",
        "POST",
        "",
        {
            "@type": "Resolution",
            "paper_reference": "A0115/15",
            "title": "Zeitreise",
            "decision_date": "2021-01-25",
            "next_control_date": "2020-06-30",
        },
        "nicht vor dem Beschlussdatum",
    ),
    (
        "control date before decision (edit)",
        "office",
        "PATCH",
        "/v0220-14",
        {"next_control_date": "2014-01-01"},
        "nicht vor dem Beschlussdatum",
    ),
    (
        "duplicate point number",
        "office",
        "POST",
        "/v0220-14",
        {"@type": "ControlPoint", "number": "1.)"},
        "bereits einen Punkt 1",
    ),
    (
        "malformed point number",
        "office",
        "POST",
        "/v0220-14",
        {"@type": "ControlPoint", "number": "eins"},
        "Punktnummer sieht aus wie",
    ),
    (
        "renumber onto an existing point",
        "office",
        "PATCH",
        "/v0220-14/2",
        {"number": "1"},
        "bereits einen Punkt 1",
    ),
    (
        "transition that does not exist",
        "office",
        "POST",
        "/v0220-14/1/@workflow/vanish",
        {},
        "nicht möglich",
    ),
    (
        "transition from the wrong state",
        "office",
        "POST",
        "/v0220-14/1/@workflow/reopen",
        {},
        "nicht möglich",
    ),
    (
        "transition the editor may not fire",
        "editor",
        "POST",
        "/v0220-14/1/@workflow/fulfil",
        {},
        "@approvals",
    ),
    (
        "approve without an open proposal",
        "office",
        "POST",
        "/v0220-14/1/@approvals",
        {"action": "approve"},
        "keinen offenen Vorschlag",
    ),
    (
        "propose an impossible transition",
        "editor",
        "POST",
        "/v0220-14/1/@approvals",
        {"action": "propose", "transition": "reopen"},
        "nicht möglich",
    ),
    (
        "unknown approval action",
        "editor",
        "POST",
        "/v0220-14/1/@approvals",
        {"action": "maybe"},
        "Unbekannte Aktion",
    ),
    (
        "approval body not an object",
        "editor",
        "POST",
        "/v0220-14/1/@approvals",
        ["propose"],
        "JSON-Objekt",
    ),
]


@pytest.mark.parametrize(
    ("who", "method", "path", "body", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_refused_with_message_and_nothing_changed(
    site, request, who, method, path, body, expected
):
    session = request.getfixturevalue(who)
    before = snapshot(site)
    response = session.request(method, f"{site.absolute_url()}{path}", json=body)
    assert response.status_code == 400, response.text
    assert expected in message(response)
    assert snapshot(site) == before


def test_publish_after_release_refused_while_confidential(site, office):
    base = f"{site.absolute_url()}/v0220-14"
    assert office.post(f"{base}/@workflow/release", json={}).status_code == 200
    response = office.post(f"{base}/@workflow/publish", json={})
    assert response.status_code == 400
    assert "vertraulicher Beschluss" in message(response)
    transaction.begin()
    assert api.content.get_state(site["v0220-14"]) == "released"


def test_approve_twice_refused(site, office, editor):
    url = f"{site.absolute_url()}/v0220-14/1/@approvals"
    assert editor.post(url, json={"action": "propose", "transition": "start"}).ok
    assert office.post(url, json={"action": "approve"}).status_code == 200
    second = office.post(url, json={"action": "approve"})
    assert second.status_code == 400
    assert "keinen offenen Vorschlag" in message(second)
    transaction.begin()
    assert api.content.get_state(site["v0220-14"]["1"]) == "in_progress"
