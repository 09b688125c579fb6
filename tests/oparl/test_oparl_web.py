"""@@oparl-import, REST @oparl-import, the flagged text on the resolution's page and
its apply/dismiss (@@oparl-text, REST @oparl-text) on a running site, as the real
roles: only the mayor's office (and administrators) sync and decide; a preview
writes nothing; bad input is a 400 that changes nothing; state changes need CSRF."""

from plone import api
from tests.helpers.oparl_server import oparl_server
from tests.helpers.web import authenticator

import lxml.html
import pytest
import transaction


@pytest.fixture
def system():
    with oparl_server() as served:
        yield served


@pytest.fixture
def folder(functional_portal, role_users, system):
    api.portal.set_registry_record(
        "bk.plone.bodies",
        ["Stadtrat", "Ausschuss für Umwelt und Kommunalwirtschaft"],
    )
    # the mayor's office syncs from the council system of the settings
    api.portal.set_registry_record("bk.plone.oparl_endpoint", system.url("system"))
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=functional_portal, type="Folder", id="beschluesse"
        )
        api.content.transition(obj=folder, transition="publish")
    transaction.commit()
    return folder


def post(session, folder, body):
    return session.post(
        f"{folder.absolute_url()}/@oparl-import",
        json=body,
        headers={"Accept-Language": "de"},
    )


def resolutions(folder):
    transaction.begin()
    return sorted(o.getId() for o in folder.objectValues())


def test_rest_sync_as_mayors_office(folder, role_users, http_session, system):
    session = http_session(role_users["MayorsOffice"], json=True)
    preview = post(session, folder, {"url": system.url("system"), "dry_run": True})
    assert preview.status_code == 200, preview.text
    assert preview.json()["summary"]["created"] == 24
    assert resolutions(folder) == []
    done = post(session, folder, {"url": system.url("system")})
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["summary"] == {
        "created": 24,
        "updated": 0,
        "unchanged": 0,
        "skipped": 3,
        "failed": 0,
    }
    first = body["items"][0]
    assert first["status_title"] == "angelegt"
    assert first["@id"] == f"{folder.absolute_url()}/v0001-24"
    assert first["url"] == system.url("paper/1")
    skipped = next(i for i in body["items"] if i["status"] == "skipped")
    assert skipped["status_title"] == "nicht übernommen"
    assert len(resolutions(folder)) == 24
    again = post(session, folder, {"url": system.url("system"), "since": "last"})
    assert again.json()["items"] == []
    history = api.content.get(path="/beschluesse/v0001-24").workflow_history
    (actions,) = history.values()
    assert actions[0]["actor"] == role_users["MayorsOffice"]


def test_rest_sync_uses_the_settings_address(folder, role_users, http_session, system):
    api.portal.set_registry_record("bk.plone.oparl_endpoint", system.url("body/1"))
    transaction.commit()
    session = http_session(role_users["MayorsOffice"], json=True)
    done = post(session, folder, {"dry_run": True})
    assert done.status_code == 200, done.text
    assert done.json()["url"] == system.url("body/1")


@pytest.mark.parametrize("role", ["Editor", "Contributor", "CouncilMember", "Member"])
def test_rest_sync_refused(folder, role_users, http_session, system, role):
    session = http_session(role_users[role], json=True)
    response = post(session, folder, {"url": system.url("system")})
    assert response.status_code in (401, 403)
    assert resolutions(folder) == []
    assert system.requests == []


def test_rest_sync_refused_to_anonymous(folder, http_session, system):
    response = post(http_session(json=True), folder, {"url": system.url("system")})
    assert response.status_code == 401
    assert system.requests == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ([], "Der Inhalt ist ein JSON-Objekt"),
        ({"url": "ftp://x.example.org/oparl"}, "Nur http- und https-Adressen"),
        ({"url": 5}, "url ist ein Text."),
        ({"dry_run": "ja"}, "dry_run ist true"),
        ({"since": "gestern"}, 'since ist "last"'),
        ({"from": "31.01.2025"}, "from ist ein Datum"),
        ({"unknown": 1}, "Der Inhalt ist ein JSON-Objekt"),
        ({"url": "https://ris.example.org"}, "Nur das Ratsinformationssystem der"),
    ],
)
def test_rest_sync_bad_body(folder, role_users, http_session, body, message):
    session = http_session(role_users["MayorsOffice"], json=True)
    response = post(session, folder, body)
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]
    assert resolutions(folder) == []


def test_rest_sync_without_any_address(folder, role_users, http_session):
    api.portal.get_tool("portal_registry")["bk.plone.oparl_endpoint"] = None
    transaction.commit()
    session = http_session(role_users["MayorsOffice"], json=True)
    response = post(session, folder, {})
    assert response.status_code == 400
    assert "Bitte geben Sie die Adresse" in response.json()["error"]["message"]


def test_administrators_may_name_another_system(folder, role_users, http_session):
    from tests.helpers.mail import free_port

    url = f"http://127.0.0.1:{free_port()}/oparl"
    session = http_session(role_users["Site Administrator"], json=True)
    response = post(session, folder, {"url": url})
    assert response.status_code == 502
    assert response.json()["error"].startswith(f"{url} ist nicht erreichbar")
    assert response.json()["written"] is False


def test_list_broken_off_writes_nothing(folder, role_users, http_session, system):
    system.break_object(system.url("body/1/papers") + "?page=2", "error")
    session = http_session(role_users["MayorsOffice"], json=True)
    response = post(session, folder, {})
    assert response.status_code == 502
    body = response.json()
    assert body["written"] is False
    assert body["summary"]["created"] == 9  # read, and not written
    assert "antwortete mit HTTP-Status 500" in body["error"]
    assert resolutions(folder) == []


def test_rest_sync_with_a_failed_paper_is_422(folder, role_users, http_session, system):
    system.break_object(system.agenda_item(2)["id"], "json")
    session = http_session(role_users["MayorsOffice"], json=True)
    response = post(session, folder, {"url": system.url("body/1/papers")})
    assert response.status_code == 422
    (failed,) = [i for i in response.json()["items"] if i["status"] == "failed"]
    assert failed["paper_reference"] == "V0002/24"
    assert failed["error"] == (
        f"{system.agenda_item(2)['id']} antwortete nicht mit einem JSON-Objekt."
    )
    assert len(resolutions(folder)) == 23


def form_page(session, folder):
    page = session.get(f"{folder.absolute_url()}/@@oparl-import")
    assert page.status_code == 200, page.text[-3000:]
    return page


def test_form_preview_then_sync(folder, role_users, http_session, system):
    session = http_session(role_users["MayorsOffice"])
    page = form_page(session, folder)
    fields = {
        "_authenticator": authenticator(page.text),
        "url": system.url("system"),
        "date_from": "2024-03-01",
        "date_to": "2024-03-31",
    }
    preview = session.post(
        f"{folder.absolute_url()}/@@oparl-import",
        data={**fields, "form.buttons.preview": "1"},
    )
    assert preview.status_code == 200
    doc = lxml.html.fromstring(preview.text)
    summary = doc.get_element_by_id("bk-oparl-summary").text_content()
    assert summary.startswith("Der Abgleich ergäbe: 3 angelegt")
    assert resolutions(folder) == []
    done = session.post(
        f"{folder.absolute_url()}/@@oparl-import",
        data={**fields, "form.buttons.sync": "1"},
    )
    doc = lxml.html.fromstring(done.text)
    assert (
        doc.get_element_by_id("bk-oparl-summary")
        .text_content()
        .startswith("Abgleich abgeschlossen: 3 angelegt")
    )
    assert resolutions(folder) == ["v0007-24", "v0008-24", "v0010-24"]
    links = doc.xpath("//section[@id='bk-oparl-results']//td/a/@href")
    assert f"{folder.absolute_url()}/v0007-24" in links


def test_form_refuses_post_without_authenticator(
    folder, role_users, http_session, system
):
    session = http_session(role_users["MayorsOffice"])
    response = session.post(
        f"{folder.absolute_url()}/@@oparl-import",
        data={"url": system.url("system"), "form.buttons.sync": "1"},
    )
    assert response.status_code == 403
    assert resolutions(folder) == []
    assert system.requests == []


def test_form_with_a_bad_address(folder, role_users, http_session):
    session = http_session(role_users["MayorsOffice"])
    page = form_page(session, folder)
    response = session.post(
        f"{folder.absolute_url()}/@@oparl-import",
        data={
            "_authenticator": authenticator(page.text),
            "url": "javascript:alert(1)",
            "form.buttons.sync": "1",
        },
    )
    assert response.status_code == 400
    error = lxml.html.fromstring(response.text).get_element_by_id("bk-oparl-error")
    assert "Nur http- und https-Adressen" in error.text_content()


@pytest.mark.parametrize("role", ["Editor", "CouncilMember", "Member"])
def test_form_refused(folder, role_users, http_session, role):
    session = http_session(role_users[role])
    page = session.get(f"{folder.absolute_url()}/@@oparl-import")
    assert "bk-oparl-form" not in page.text


@pytest.fixture
def flagged(folder, system):
    """A synced resolution whose text the council system has changed since."""
    from bk.plone.oparl.sync import sync

    with api.env.adopt_roles(["Manager"]):
        sync(folder, system.url("body/1/papers"))
        api.content.transition(obj=folder["v0003-24"], transition="release")
    system.change_paper(3, resolutionText="1. Ein neuer erster Punkt.\n1a. Ein Zusatz.")
    with api.env.adopt_roles(["Manager"]):
        sync(folder, system.url("body/1/papers"))
    transaction.commit()
    return folder["v0003-24"]


def pending_box(session, resolution):
    page = session.get(resolution.absolute_url())
    assert page.status_code == 200
    found = lxml.html.fromstring(page.text).xpath("//*[@id='bk-oparl-pending']")
    return found[0] if found else None


def test_flag_shown_to_mayors_office_with_its_buttons(
    flagged, role_users, http_session
):
    box = pending_box(http_session(role_users["MayorsOffice"]), flagged)
    assert box is not None
    rows = [
        [" ".join(cell.text_content().split()) for cell in row]
        for row in box.xpath(".//tbody/tr")
    ]
    assert rows == [
        [
            "1",
            "Die Oberbürgermeisterin wird beauftragt, ein Konzept vorzulegen.",
            "Ein neuer erster Punkt.",
        ],
        ["1a", "neuer Punkt", "Ein Zusatz."],
    ]
    assert (
        "Punkt 2 steht nicht mehr im Text des Ratsinformationssystems; er bleibt"
        in (" ".join(box.text_content().split()))
    )
    assert box.xpath(".//button[@name='form.buttons.apply']")


@pytest.mark.parametrize("role", ["CouncilMember", "Member"])
def test_flag_not_shown_to_readers(flagged, role_users, http_session, role):
    assert pending_box(http_session(role_users[role]), flagged) is None


def test_flag_not_shown_to_anonymous(flagged, http_session):
    page = http_session().get(flagged.absolute_url())
    assert "bk-oparl-pending" not in page.text


def test_apply_in_the_browser(flagged, role_users, http_session):
    session = http_session(role_users["MayorsOffice"])
    page = session.get(flagged.absolute_url())
    applied = session.post(
        f"{flagged.absolute_url()}/@@oparl-text",
        data={"_authenticator": authenticator(page.text), "form.buttons.apply": "1"},
    )
    assert applied.status_code == 200
    assert "bk-oparl-pending" not in applied.text
    transaction.begin()
    texts = {p.number: p.resolution_text.raw for p in flagged.points()}
    assert texts == {
        "1": "<p>Ein neuer erster Punkt.</p>",
        "2": "<p>Dem Ausschuss ist halbjährlich zu berichten.</p>",
        "1a": "<p>Ein Zusatz.</p>",
    }
    # the points' history says where the new text came from
    repository = api.portal.get_tool("portal_repository")
    for point in (flagged["1"], flagged["1a"]):
        history = repository.getHistoryMetadata(point)
        newest = history.retrieve(history.getLength(countPurged=False) - 1)
        assert newest["metadata"]["sys_metadata"]["comment"] == (
            "Beschlusstext aus dem Ratsinformationssystem übernommen"
        )


def test_dismiss_in_the_browser_needs_the_authenticator(
    flagged, role_users, http_session
):
    session = http_session(role_users["MayorsOffice"])
    forged = session.post(
        f"{flagged.absolute_url()}/@@oparl-text", data={"form.buttons.dismiss": "1"}
    )
    assert forged.status_code == 403
    assert pending_box(session, flagged) is not None
    page = session.get(flagged.absolute_url())
    session.post(
        f"{flagged.absolute_url()}/@@oparl-text",
        data={"_authenticator": authenticator(page.text), "form.buttons.dismiss": "1"},
    )
    assert pending_box(session, flagged) is None
    transaction.begin()
    assert flagged["1"].resolution_text.raw.startswith("<p>Die Oberbürgermeisterin")


def test_rest_apply_and_dismiss(flagged, role_users, http_session):
    url = f"{flagged.absolute_url()}/@oparl-text"
    council = http_session(role_users["CouncilMember"], json=True)
    assert council.post(url, json={"action": "apply"}).status_code in (401, 403)
    editor = http_session(role_users["Editor"], json=True)
    assert editor.post(url, json={"action": "apply"}).status_code in (401, 403)
    office = http_session(role_users["MayorsOffice"], json=True)
    bad = office.post(url, json={"action": "both"}, headers={"Accept-Language": "de"})
    assert bad.status_code == 400
    assert office.post(url, json={"action": "dismiss"}).status_code == 204
    again = office.post(
        url, json={"action": "apply"}, headers={"Accept-Language": "de"}
    )
    assert again.status_code == 400
    assert "keinen geänderten Beschlusstext" in again.json()["error"]["message"]
    transaction.begin()
    assert flagged["1"].resolution_text.raw.startswith("<p>Die Oberbürgermeisterin")


def test_worklist_lists_changed_texts(
    flagged, role_users, http_session, functional_portal
):
    session = http_session(role_users["MayorsOffice"])
    page = session.get(f"{functional_portal.absolute_url()}/@@approvals")
    section = lxml.html.fromstring(page.text).get_element_by_id("bk-changed-texts")
    assert section.xpath(".//a/@href") == [f"{flagged.absolute_url()}#bk-oparl-pending"]
    office = http_session(role_users["MayorsOffice"], json=True)
    office.post(f"{flagged.absolute_url()}/@oparl-text", json={"action": "dismiss"})
    page = session.get(f"{functional_portal.absolute_url()}/@@approvals")
    assert "bk-changed-texts" not in page.text


def test_post_without_a_button_decides_nothing(flagged, role_users, http_session):
    session = http_session(role_users["MayorsOffice"])
    page = session.get(flagged.absolute_url())
    session.post(
        f"{flagged.absolute_url()}/@@oparl-text",
        data={"_authenticator": authenticator(page.text)},
    )
    assert pending_box(session, flagged) is not None
