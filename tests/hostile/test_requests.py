"""Requests no view should see (issue 12, items 6, 8–10, 12, 13): cross-site writes
with the login cookie, control characters and sizes nobody types, search text the
full-text index cannot read, JSON nested beyond reason, letter values that make no
letter. Each is refused with a 400/403 and a message, and changes nothing."""

from plone import api
from tests.helpers.hostile import snapshot
from tests.helpers.web import issue_letter
from tests.helpers.web import token

import json
import pytest
import requests
import transaction


def cookie_session(portal_url: str, user_id: str, password: str) -> requests.Session:
    """Logged in through Plone's login form: authenticated by the __ac cookie."""
    session = requests.Session()
    response = session.post(
        f"{portal_url}/login",
        data={
            "__ac_name": user_id,
            "__ac_password": password,
            "buttons.login": "Anmelden",
        },
    )
    assert response.status_code == 200
    assert "__ac" in session.cookies, "login form did not set the cookie"
    return session


def jwt_cookie_session(
    portal_url: str, user_id: str, password: str
) -> requests.Session:
    """Logged in as Volto does: the token of @login in the auth_token cookie."""
    session = requests.Session()
    answer = session.post(
        f"{portal_url}/@login",
        json={"login": user_id, "password": password},
        headers={"Accept": "application/json"},
    )
    assert answer.status_code == 200, answer.text[:300]
    session.cookies.set("auth_token", answer.json()["token"])
    return session


# name: (role, path below the folder, JSON body)
WRITES = {
    "approve over @approvals": (
        "MayorsOffice",
        "r1-21/1/@approvals",
        {"action": "approve"},
    ),
    "propose over @approvals": (
        "Editor",
        "r1-21/2/@approvals",
        {"action": "propose", "transition": "fulfil"},
    ),
    "@workflow": ("MayorsOffice", "r1-21/@workflow/retract", {}),
    "supersede a resolution over @supersede": (
        "MayorsOffice",
        "r1-21/@supersede",
        {"superseded_by": "V9/26"},
    ),
    "add content": (
        "MayorsOffice",
        "",
        {"@type": "Resolution", "title": "Fremd", "paper_reference": "X1/26"},
    ),
    "add a manager": (
        "Manager",
        "../@users",
        {
            "username": "eindringling",
            "email": "e@example.org",
            "password": "geheim-geheim-1",
            "roles": ["Manager"],
        },
    ),
}
FOREIGN = {
    "foreign origin": {"Origin": "http://evil.example"},
    "null origin": {"Origin": "null"},
    "foreign referer": {"Referer": "http://evil.example/page.html"},
    "no origin, text/plain": {},
}


def basic_session(portal_url: str, user_id: str, password: str) -> requests.Session:
    """Basic credentials, as a browser caches them after a login prompt."""
    session = requests.Session()
    session.auth = (user_id, password)
    return session


LOGINS = {
    "__ac": cookie_session,
    "auth_token": jwt_cookie_session,
    "basic": basic_session,
}
# Without Origin and Referer, Basic credentials are an API client's (it passes).
CROSS_SITE = [
    (login, headers)
    for login in LOGINS
    for headers in FOREIGN
    if not (login == "basic" and headers == "no origin, text/plain")
]


@pytest.mark.parametrize(("login", "headers"), CROSS_SITE)
@pytest.mark.parametrize("name", WRITES)
def test_cross_site_write_with_cookie_refused(
    world, role_users, role_password, tried, name, headers, login
):
    role, path, body = WRITES[name]
    portal_url = world.aq_parent.absolute_url()
    session = LOGINS[login](portal_url, role_users[role], role_password)
    before = snapshot(world.aq_parent)
    response = session.post(
        f"{portal_url}/++api++/beschluesse/{path}".rstrip("/"),
        data=json.dumps(body),
        headers={"Content-Type": "text/plain", **FOREIGN[headers]},
        allow_redirects=False,
    )
    tried("csrf: cross-site REST writes with the login cookie")
    assert response.status_code == 403, response.text[:300]
    assert "refused" in response.text or "abgelehnt" in response.text
    assert snapshot(world.aq_parent) == before
    transaction.begin()
    assert api.user.get(username="eindringling") is None


def test_same_site_and_api_clients_still_write(
    world, role_users, role_password, http_session
):
    """The refusals are about the origin (else they prove nothing)."""
    portal_url = world.aq_parent.absolute_url()
    url = f"{portal_url}/++api++/beschluesse/r1-21/2/@approvals"
    body = {"action": "propose", "transition": "fulfil", "comment": "x"}
    same_site = cookie_session(portal_url, role_users["Editor"], role_password)
    response = same_site.post(
        url, json=body, headers={"Origin": portal_url.rsplit("/", 1)[0]}
    )
    assert response.status_code == 200, response.text[:300]
    basic = http_session(role_users["MayorsOffice"], json=True)
    response = basic.post(
        f"{portal_url}/beschluesse/r1-21/2/@approvals",
        data=json.dumps({"action": "decline", "comment": "nein"}),
        headers={"Content-Type": "text/plain"},
    )
    assert response.status_code == 200, response.text[:300]
    # a bearer token is only sent by the script that holds it, from anywhere
    token = jwt_cookie_session(
        portal_url, role_users["MayorsOffice"], role_password
    ).cookies["auth_token"]
    response = requests.post(
        f"{portal_url}/++api++/beschluesse/r1-21/2/@approvals",
        data=json.dumps({"action": "propose", "transition": "fulfil"}),
        headers={
            "Content-Type": "text/plain",
            "Origin": "http://evil.example",
            "Authorization": f"Bearer {token}",
        },
        timeout=60,
    )
    assert response.status_code == 200, response.text[:300]


# --- 8: control characters and sizes -----------------------------------------

BAD_TEXT = {
    "NUL": "Titel\x00",
    "SOH": "Ti\x01tel",
    "escape": "Titel\x1b[31m",
    "lone surrogate": "Titel\ud800",
}


BAD_LINES = {**BAD_TEXT, "line break": "Titel\nZweite Zeile", "return": "Ti\rtel"}


@pytest.mark.parametrize("field", ["title", "session_reference", "file_reference"])
@pytest.mark.parametrize("kind", BAD_LINES)
def test_control_characters_refused(
    world, role_users, http_session, tried, kind, field
):
    before = snapshot(world.aq_parent)
    body = json.dumps({field: BAD_LINES[kind]}, ensure_ascii=True)
    response = http_session(role_users["MayorsOffice"], json=True).patch(
        world["r1-21"].absolute_url(),
        data=body,
        headers={"Content-Type": "application/json"},
    )
    tried("500s: control characters in text fields")
    assert response.status_code == 400, response.text[:300]
    assert snapshot(world.aq_parent) == before


@pytest.mark.parametrize(
    ("field", "length"),
    [("session_reference", 10_000), ("file_reference", 5_000), ("title", 100_000)],
)
def test_overlong_lines_refused(world, role_users, http_session, tried, field, length):
    before = snapshot(world.aq_parent)
    response = http_session(role_users["MayorsOffice"], json=True).patch(
        world["r1-21"].absolute_url(), json={field: "x" * length}
    )
    tried("500s: overlong text lines")
    assert response.status_code == 400, response.text[:300]
    assert snapshot(world.aq_parent) == before


def test_overlong_rich_text_refused(world, role_users, http_session, tried):
    before = snapshot(world.aq_parent)
    response = http_session(role_users["Editor"], json=True).patch(
        f"{world.absolute_url()}/r1-21/2",
        json={"status_report": "<p>" + "x" * 300_000 + "</p>"},
    )
    tried("500s: overlong text lines")
    assert response.status_code == 400, response.text[:300]
    assert snapshot(world.aq_parent) == before


def test_overlong_comment_refused(world, role_users, http_session, tried):
    before = snapshot(world.aq_parent)
    response = http_session(role_users["Editor"], json=True).post(
        f"{world.absolute_url()}/r1-21/2/@approvals",
        json={"action": "propose", "transition": "fulfil", "comment": "x" * 2_000_000},
    )
    tried("500s: overlong text lines")
    assert response.status_code == 400, response.text[:300]
    assert snapshot(world.aq_parent) == before


def test_exports_robust_to_stored_control_characters(
    world, role_users, http_session, tried
):
    """Values stored before the fields refused them (or by a script)."""
    with api.env.adopt_roles(["Manager"]):
        resolution = world["r1-21"]
        resolution.title = "Radwege\x00\x01\ud800 Ende"
        resolution.session_reference = "SR\x0c/1" + "y" * 10_000
        resolution.reindexObject()
    transaction.commit()
    office = http_session(role_users["MayorsOffice"])
    for path in (
        "r1-21/@@letter.pdf",
        "r1-21/@@letter.docx",
        "@@control-overview.csv",
        "@@control-overview.xlsx",
    ):
        response = office.get(f"{world.absolute_url()}/{path}")
        assert response.status_code == 200, path
        tried("500s: exports of stored control characters")


def test_importer_normalises_extracted_text():
    from bk.plone.content.safe_text import normalize_extracted
    from bk.plone.importer.readers import read_lines

    lines = read_lines("brief.txt", "Bürger\u00adbeteiligung am\x0cEnde".encode())
    # a form feed is a page break: the text goes on in a new paragraph
    assert [line.text for line in lines] == ["Bürgerbeteiligung am", "", "Ende"]
    assert normalize_extracted("A\x00B\u200b\x0cC\ufeff") == "AB\nC"


# --- 9: search text ------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["a)", "(a", '"', "NOT", "*", "a AND", "OR b", "x" * 300]
)
@pytest.mark.parametrize(
    "path", ["@@control-overview", "@control-overview", "@@control-overview.csv"]
)
def test_overview_search_text_never_500(world, http_session, tried, text, path):
    response = http_session().get(
        f"{world.absolute_url()}/{path}",
        params={"text": text},
        headers={"Accept": "application/json"} if path.startswith("@c") else {},
    )
    tried("500s: search text the index cannot parse")
    assert response.status_code in (200, 400), response.text[:300]


# --- 10: deep JSON -------------------------------------------------------------


def test_deeply_nested_json_refused_before_login(world, http_session, tried):
    """plone.restapi's login plugin parses the body too, whatever its type."""
    for content_type in ("application/json", "application/x-www-form-urlencoded"):
        response = http_session().post(
            f"{world.aq_parent.absolute_url()}/@login",
            data="[" * 5000 + "]" * 5000,
            headers={"Content-Type": content_type, "Accept": "application/json"},
        )
        tried("500s: deeply nested JSON")
        assert response.status_code == 400, response.text[:300]


@pytest.mark.parametrize(
    "path", ["r1-21/2", "r1-21/2/@approvals", "r1-21/@workflow/retract", ""]
)
def test_deeply_nested_json_refused(world, role_users, http_session, tried, path):
    before = snapshot(world.aq_parent)
    body = "[" * 5000 + "]" * 5000
    method = "PATCH" if path == "r1-21/2" else "POST"
    response = http_session(role_users["MayorsOffice"], json=True).request(
        method,
        f"{world.absolute_url()}/{path}".rstrip("/"),
        data=body,
        headers={"Content-Type": "application/json"},
    )
    tried("500s: deeply nested JSON")
    assert response.status_code == 400, response.text[:300]
    assert snapshot(world.aq_parent) == before


# --- 12: letter values, withdrawing a report -----------------------------------


@pytest.mark.parametrize(
    "values",
    [
        {"date": "abc"},
        {"date": "2026-02-30"},
        {"date": "0001-01-01"},
        {"date": "9999-12-31"},
        {"date": ""},
        {"next_control_date": "abc"},
        {"next_control_date": "2999-01-01"},
        {"file_reference": "G" * 5000},
        {"file_reference": "GZ\x00"},
    ],
    ids=str,
)
def test_issue_refuses_bad_values(world, role_users, http_session, tried, values):
    before = snapshot(world.aq_parent)
    response = issue_letter(
        http_session(role_users["MayorsOffice"]),
        world["r1-21"],
        **{"date": "2024-03-01", "next_control_date": "2024-09-01", **values},
    )
    tried("letter values: invalid or implausible")
    assert response.status_code == 200
    assert 'id="bk-issue-error"' in response.text
    assert snapshot(world.aq_parent) == before


def test_withdraw_a_report(world, role_users, http_session, tried):
    office = http_session(role_users["MayorsOffice"])
    resolution = world["r1-21"]
    report_url = issue_letter(
        office, resolution, date="2024-03-01", next_control_date="2024-09-01"
    ).url
    council = http_session(role_users["CouncilMember"])
    assert council.get(report_url).status_code == 200
    form = f"{report_url}/@@withdraw-report"
    # without a reason: refused, nothing changes
    response = office.post(
        form,
        data={
            "_authenticator": token(office, form),
            "reason": " ",
            "form.buttons.withdraw": "1",
        },
    )
    assert 'id="bk-withdraw-error"' in response.text
    rest = http_session(role_users["MayorsOffice"], json=True)
    assert rest.post(f"{report_url}/@workflow/withdraw", json={}).status_code == 400
    # editors cannot
    editor = http_session(role_users["Editor"], json=True)
    response = editor.post(f"{report_url}/@workflow/withdraw", json={"comment": "x"})
    assert response.status_code in (400, 401, 403)
    transaction.begin()
    report = resolution.restrictedTraverse(report_url.rsplit("/", 1)[1])
    assert api.content.get_state(report) == "issued"
    # with a reason
    response = office.post(
        form,
        data={
            "_authenticator": token(office, form),
            "reason": "Falsches Datum",
            "form.buttons.withdraw": "1",
        },
    )
    assert response.status_code == 200
    transaction.begin()
    assert api.content.get_state(report) == "withdrawn"
    assert report.workflow_history["bk_control_report_workflow"][-1]["comments"] == (
        "Falsches Datum"
    )
    assert council.get(report_url, allow_redirects=False).status_code in (
        302,
        401,
        403,
        404,
    )
    assert "Falsches Datum" in office.get(report_url).text
    # no longer the previous report
    from bk.plone.letter.issue import latest_letter

    assert latest_letter(resolution) is None
    tried("letter values: withdrawn report", 4)


def test_withdraw_puts_the_resolution_back(world, role_users, http_session, tried):
    """The next control date the mistaken letter set goes back to the one of the
    report still in force; Plone's state menu asks for the reason."""
    office = http_session(role_users["MayorsOffice"])
    resolution = world["r1-21"]
    issue_letter(office, resolution, date="2024-03-01", next_control_date="2024-09-01")
    mistaken = issue_letter(
        office, resolution, date="2024-03-02", next_control_date="2030-01-01"
    ).url
    transaction.begin()
    assert str(resolution.next_control_date) == "2030-01-01"
    menu = f"{mistaken}/content_status_modify"
    response = office.post(
        menu,
        data={
            "workflow_action": "withdraw",
            "_authenticator": token(office, f"{resolution.absolute_url()}/@@edit"),
        },
        allow_redirects=False,
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/@@withdraw-report")
    response = http_session(role_users["MayorsOffice"], json=True).post(
        f"{mistaken}/@workflow/withdraw", json={"comment": "Falsches Datum"}
    )
    assert response.status_code == 200, response.text[:300]
    transaction.begin()
    assert str(resolution.next_control_date) == "2024-09-01"
    tried("letter values: withdrawn report")


# --- 13: workflow messages -------------------------------------------------------


def test_workflow_on_a_report_names_the_transition(
    world, role_users, http_session, tried
):
    office = http_session(role_users["MayorsOffice"])
    report_url = issue_letter(
        office, world["r1-21"], date="2024-03-01", next_control_date="2024-09-01"
    ).url
    response = http_session(role_users["MayorsOffice"], json=True).post(
        f"{report_url}/@workflow/publish", json={}
    )
    tried("messages: workflow refusals")
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert "${" not in message
    assert "publish" in message


@pytest.mark.parametrize(
    ("path", "transition"),
    [("", "explode"), ("r1-21", "explode"), ("r1-21/2", "publish"), ("", "publish")],
)
def test_workflow_refusals_say_what(
    world, role_users, http_session, tried, path, transition
):
    """Plone's folder too ("" is the published folder: publish is not possible)."""
    response = http_session(role_users["Editor"], json=True).post(
        f"{world.absolute_url()}/{path}".rstrip("/") + f"/@workflow/{transition}",
        json={},
    )
    tried("messages: workflow refusals")
    assert response.status_code == 400, response.text[:300]
    message = response.json()["error"]["message"]
    assert "${" not in message
    assert transition in message
