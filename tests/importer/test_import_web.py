"""@@import-letters and REST @import-letters on a running site, as the real roles:
only the mayor's office (and administrators) import; a preview writes nothing; a
failed file changes nothing; the imported seed renders as the seed letter."""

from bk.plone.letter.issue import issued_reports
from plone import api
from tests.helpers.letters import letter
from tests.helpers.letters import TWO_POINTS
from tests.helpers.seed import later_letter
from tests.helpers.seed import normalise
from tests.helpers.seed import POINTS
from tests.helpers.seed import SEED
from tests.helpers.seed import seed_lines
from tests.helpers.seed import SEED_TEXT
from tests.helpers.web import authenticator

import base64
import lxml.html
import pytest
import transaction


@pytest.fixture
def folder(functional_portal, role_users):
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=functional_portal, type="Folder", id="beschluesse"
        )
    transaction.commit()
    return folder


def files(*named):
    return [
        {"filename": name, "data": base64.b64encode(data).decode("ascii")}
        for name, data in named
    ]


def post(session, folder, body):
    return session.post(
        f"{folder.absolute_url()}/@import-letters",
        json=body,
        headers={"Accept-Language": "de"},
    )


def resolutions(folder):
    transaction.begin()
    return [o for o in folder.objectValues() if o.portal_type == "Resolution"]


def test_rest_import_as_mayors_office(folder, role_users, http_session):
    session = http_session(role_users["MayorsOffice"], json=True)
    response = post(session, folder, {"files": files(("seed.txt", SEED))})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["summary"] == {"created": 1, "updated": 0, "unchanged": 0, "failed": 0}
    (item,) = body["items"]
    assert item["status"] == "created"
    assert item["status_title"] == "angelegt"
    assert item["@id"] == f"{folder.absolute_url()}/v0220-14"
    assert [p["number"] for p in item["points"]] == [n for n, *_ in POINTS]
    (resolution,) = resolutions(folder)
    assert len(issued_reports(resolution)) == 1
    history = api.content.get(path="/beschluesse/v0220-14/1c").workflow_history
    (actions,) = history.values()
    assert actions[-1]["actor"] == role_users["MayorsOffice"]
    assert "seed.txt" in actions[-1]["comments"]


@pytest.mark.parametrize("role", ["Editor", "Contributor", "CouncilMember", "Member"])
def test_rest_import_refused(folder, role_users, http_session, role):
    session = http_session(role_users[role], json=True)
    response = post(session, folder, {"files": files(("seed.txt", SEED))})
    assert response.status_code in (401, 403)
    assert resolutions(folder) == []


def test_rest_import_refused_to_anonymous(folder, http_session):
    response = post(http_session(None, json=True), folder, {"files": []})
    assert response.status_code == 401
    assert resolutions(folder) == []


def test_rest_dry_run_writes_nothing(folder, role_users, http_session):
    session = http_session(role_users["MayorsOffice"], json=True)
    body = {"files": files(("seed.txt", SEED)), "dry_run": True}
    response = post(session, folder, body)
    assert response.status_code == 200
    assert response.json()["items"][0]["status"] == "created"
    assert response.json()["dry_run"] is True
    assert resolutions(folder) == []


def test_rest_bad_file_fails_alone(folder, role_users, http_session):
    session = http_session(role_users["MayorsOffice"], json=True)
    broken = SEED_TEXT.replace("Datum: 25. JAN. 2021", "Datum: 35. JAN. 2021")
    body = {
        "files": files(
            ("broken.txt", broken.encode()),
            ("bibliothek.txt", letter(TWO_POINTS).encode()),
        )
    }
    response = post(session, folder, body)
    assert response.status_code == 422
    bad, good = response.json()["items"]
    assert bad["status"] == "failed"
    assert bad["line"] == 16
    assert bad["error"] == (
        "broken.txt, Zeile 16: „35. JAN. 2021“ ist kein Datum, das der Import lesen kann."
    )
    assert good["status"] == "created"
    assert [r.paper_reference for r in resolutions(folder)] == ["A0123/22"]


def test_rest_reimport_and_later_letter(folder, role_users, http_session):
    session = http_session(role_users["MayorsOffice"], json=True)
    post(session, folder, {"files": files(("seed.txt", SEED))})
    again = post(session, folder, {"files": files(("seed-again.txt", SEED))})
    assert again.json()["summary"]["unchanged"] == 1
    later = post(session, folder, {"files": files(("june.txt", later_letter()))})
    assert later.json()["summary"]["updated"] == 1
    (resolution,) = resolutions(folder)
    states = {
        p.number: api.content.get_state(p)
        for p in resolution.objectValues()
        if p.portal_type == "ControlPoint"
    }
    assert set(states.values()) == {"fulfilled"}
    assert len(issued_reports(resolution)) == 2


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"files": "seed.txt"},
        {"files": [{"filename": "seed.txt", "data": "not base64!"}]},
        {"files": [{"filename": "", "data": ""}]},
        {"files": [{"filename": 3, "data": "AAAA"}]},
        {"files": files(("seed.txt", SEED)), "dry_run": "yes"},
        [],
    ],
)
def test_rest_bad_requests(folder, role_users, http_session, body):
    session = http_session(role_users["MayorsOffice"], json=True)
    response = post(session, folder, body)
    assert response.status_code == 400
    assert response.json()["error"]["message"]
    assert resolutions(folder) == []


def test_rest_bad_request_in_german(folder, role_users, http_session):
    session = http_session(role_users["MayorsOffice"], json=True)
    response = post(session, folder, {"files": []})
    assert response.json()["error"]["message"] == (
        "Bitte wählen Sie mindestens ein Schreiben aus."
    )


def test_form_preview_then_import(folder, role_users, http_session):
    session = http_session(role_users["MayorsOffice"])
    url = f"{folder.absolute_url()}/@@import-letters"
    page = session.get(url)
    assert page.status_code == 200
    assert "Schreiben importieren" in page.text
    preview = session.post(
        url,
        data={"_authenticator": authenticator(page.text), "form.buttons.preview": "1"},
        files=[
            ("files:list", ("seed.txt", SEED, "text/plain")),
            (
                "files:list",
                ("bibliothek.txt", letter(TWO_POINTS).encode(), "text/plain"),
            ),
        ],
    )
    assert preview.status_code == 200
    assert "Vorschau: noch wurde nichts gespeichert" in preview.text
    tree = lxml.html.fromstring(preview.text)
    rows = tree.xpath("//section[@id='bk-import-results']//tbody/tr")
    assert [row.get("class") for row in rows] == ["bk-import-created"] * 2
    # the preview offers each point's state to confirm or change, the derived first
    (select,) = [
        s
        for s in tree.xpath("//select[starts-with(@name, 'bk-state-')]")
        if " ".join(
            tree.xpath(f"//label[@for='{s.get('id')}']")[0].text_content().split()
        )
        == "Punkt 1c"
    ]
    assert select.xpath("string(option[@selected])") == "In Bearbeitung"
    assert resolutions(folder) == []
    (staged,) = tree.xpath("//input[@name='staged']/@value")
    done = session.post(
        url,
        data={
            "_authenticator": authenticator(preview.text),
            "staged": staged,
            "form.buttons.import": "1",
        },
    )
    assert done.status_code == 200
    assert "Import abgeschlossen: 2 angelegt" in done.text
    assert sorted(r.paper_reference for r in resolutions(folder)) == [
        "A0123/22",
        "V0220/14",
    ]


def test_form_refuses_post_without_authenticator(folder, role_users, http_session):
    session = http_session(role_users["MayorsOffice"])
    response = session.post(
        f"{folder.absolute_url()}/@@import-letters",
        data={"form.buttons.preview": "1"},
        files=[("files:list", ("seed.txt", SEED, "text/plain"))],
    )
    assert response.status_code == 403
    assert resolutions(folder) == []


def test_form_without_files(folder, role_users, http_session):
    session = http_session(role_users["MayorsOffice"])
    url = f"{folder.absolute_url()}/@@import-letters"
    page = session.get(url)
    response = session.post(
        url,
        data={"_authenticator": authenticator(page.text), "form.buttons.preview": "1"},
    )
    assert "Bitte wählen Sie mindestens ein Schreiben aus." in response.text


@pytest.mark.parametrize("role", ["Editor", "CouncilMember", None])
def test_form_refused(folder, role_users, http_session, role):
    session = http_session(role_users[role] if role else None)
    response = session.get(
        f"{folder.absolute_url()}/@@import-letters", allow_redirects=False
    )
    assert response.status_code in (302, 401, 403)
    if response.status_code == 302:
        assert "login" in response.headers["Location"]


def test_imported_seed_renders_as_the_seed(folder, role_users, http_session):
    session = http_session(role_users["MayorsOffice"], json=True)
    post(session, folder, {"files": files(("seed.txt", SEED))})
    page = http_session(role_users["MayorsOffice"]).get(
        f"{folder.absolute_url()}/v0220-14/@@letter?date=2021-01-25"
    )
    (article,) = lxml.html.fromstring(page.text).xpath(
        "//article[contains(@class, 'bk-letter')]"
    )
    for block in article.xpath(".//p|.//li|.//dt|.//dd|.//br|.//h1|.//h2|.//span"):
        block.tail = " " + (block.tail or "")
        block.text = " " + (block.text or "")
    text = normalise(article.text_content())
    position = 0
    for line in seed_lines():
        found = text.find(line, position)
        assert found >= 0, f"not found after position {position}: {line!r}"
        position = found + len(line)


def test_issued_report_of_import_matches_the_seed(folder, role_users, http_session):
    session = http_session(role_users["MayorsOffice"], json=True)
    post(session, folder, {"files": files(("seed.txt", SEED))})
    (resolution,) = resolutions(folder)
    (report,) = issued_reports(resolution)
    page = http_session(role_users["CouncilMember"]).get(report.absolute_url())
    # the resolution is still a draft: council members see nothing yet
    assert page.status_code in (401, 403) or "insufficient-privileges" in page.url
    assert "Dirk Hilbert" not in page.text
    (article,) = lxml.html.fromstring(report.html).xpath("//article")
    text = normalise(" ".join(article.itertext()))
    position = 0
    for line in seed_lines():
        found = text.find(line, position)
        assert found >= 0, f"not found after position {position}: {line!r}"
        position = found + len(line)


def preview(session, url, *named):
    page = session.get(url)
    response = session.post(
        url,
        data={"_authenticator": authenticator(page.text), "form.buttons.preview": "1"},
        files=[("files:list", (name, data, "text/plain")) for name, data in named],
    )
    tree = lxml.html.fromstring(response.text)
    return tree.xpath("//input[@name='staged']/@value")[0], authenticator(response.text)


def test_form_imports_a_letter_larger_than_a_form_field(
    folder, role_users, http_session
):
    # Zope refuses form fields over 1 MiB: the preview keeps the file on the server.
    long_report = "Die Umsetzung läuft weiter. " * 50_000
    big = letter(TWO_POINTS.replace("Der erste Bericht folgt im Mai.", long_report))
    assert len(big.encode()) > 1024 * 1024
    session = http_session(role_users["MayorsOffice"])
    url = f"{folder.absolute_url()}/@@import-letters"
    token, auth = preview(session, url, ("gross.txt", big.encode()))
    done = session.post(
        url, data={"_authenticator": auth, "staged": token, "form.buttons.import": "1"}
    )
    assert "Import abgeschlossen: 1 angelegt" in done.text
    assert [r.paper_reference for r in resolutions(folder)] == ["A0123/22"]


def test_staged_files_are_the_uploaders_and_taken_once(
    folder, role_users, http_session
):
    url = f"{folder.absolute_url()}/@@import-letters"
    office = http_session(role_users["MayorsOffice"])
    token, auth = preview(office, url, ("seed.txt", SEED))
    other = http_session(role_users["Manager"])
    other_auth = authenticator(other.get(url).text)
    stolen = other.post(
        url,
        data={
            "_authenticator": other_auth,
            "staged": token,
            "form.buttons.import": "1",
        },
    )
    assert "nicht mehr da" in stolen.text
    assert resolutions(folder) == []
    data = {"_authenticator": auth, "staged": token, "form.buttons.import": "1"}
    assert "1 angelegt" in office.post(url, data=data).text
    again = office.post(url, data=data)
    assert "nicht mehr da" in again.text
