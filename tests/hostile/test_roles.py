"""What each role may change, held whichever way it asks (issue 12, items 3–5, 7):
the decided text and the record are the mayor's office's from release on, a
confidential resolution is never public, sharing is the mayor's office's, the
transaction log is the administrators'."""

from plone import api
from tests.helpers.hostile import snapshot
from tests.helpers.web import token
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import lxml.html
import pytest
import transaction


SECRET_WORDS = "Auftrag 1 Bibliothek"  # noqa: S105 (markers the leak tests look for)


def history_actions(obj):
    transaction.begin()
    return [entry["action"] for entry in obj.workflow_history["bk_resolution_workflow"]]


# --- 3: confidential means not public ------------------------------------------


def test_confidential_by_rest_withdraws_from_the_public(
    world, role_users, http_session, tried
):
    resolution = world["p1-21"]
    anonymous = http_session()
    assert anonymous.get(resolution.absolute_url()).status_code == 200
    response = http_session(role_users["MayorsOffice"], json=True).patch(
        resolution.absolute_url(), json={"confidential": True}
    )
    assert response.status_code == 204, response.text[:300]
    transaction.begin()
    assert api.content.get_state(resolution) == "released"
    assert history_actions(resolution)[-1] == "withhold"
    for path in ("", "/@@letter", "/@@letter.pdf", "/1"):
        response = anonymous.get(
            resolution.absolute_url() + path, allow_redirects=False
        )
        # Plone sends Anonymous to the login form
        assert response.status_code in (302, 401, 403, 404), path
        assert SECRET_WORDS not in response.text, path
    tried("confidential: public resolution marked confidential", 5)


def test_confidential_by_plone_api_withdraws_from_the_public(world, tried):
    resolution = world["p1-21"]
    with api.env.adopt_roles(["Manager"]):
        resolution.confidential = True
        notify(ObjectModifiedEvent(resolution))
    assert api.content.get_state(resolution) == "released"
    transaction.abort()
    tried("confidential: public resolution marked confidential")


def test_confidential_by_the_edit_form(world, role_users, http_session, tried):
    session = http_session(role_users["MayorsOffice"])
    url = f"{world['p1-21'].absolute_url()}/@@edit"
    response = session.post(
        url,
        data={
            "_authenticator": token(session, url),
            "form.widgets.title": "Bibliothek",
            "form.widgets.paper_reference": "P1/21",
            "form.widgets.confidential:list": "selected",
            "form.widgets.confidential-empty-marker": "1",
            "form.buttons.save": "Speichern",
        },
    )
    assert response.status_code == 200
    transaction.begin()
    assert world["p1-21"].confidential is True
    assert api.content.get_state(world["p1-21"]) == "released"
    tried("confidential: public resolution marked confidential")


@pytest.mark.parametrize("value", [None, "yes", 1, "false"])
def test_confidential_must_be_true_or_false(
    world, role_users, http_session, tried, value
):
    before = snapshot(world.aq_parent)
    response = http_session(role_users["MayorsOffice"], json=True).patch(
        world["r1-21"].absolute_url(), json={"confidential": value}
    )
    assert response.status_code == 400, response.text[:300]
    assert snapshot(world.aq_parent) == before
    tried("confidential: not true or false")


# --- 4: editors do not rewrite the council's decision -------------------------

PROTECTED = {
    "r1-21/1": {
        "number": "7",
        "resolution_text": {
            "data": "<p>Umgeschrieben</p>",
            "content-type": "text/html",
        },
        "due_date": "2030-01-01",
        "responsible_office": "(OB) INAUSLB",
    },
    "r1-21": {
        "title": "Umgeschrieben",
        "description": "Umgeschrieben",
        "confidential": True,
        "decision_date": "2020-01-01",
        "next_control_date": "2030-01-01",
        "session_reference": "SR/1/20",
        "body": "Ältestenrat",
        "recipients": "Jemand",
    },
    "d1-21": {"title": "Umgeschrieben im Entwurf"},
}


@pytest.mark.parametrize(
    ("path", "field"), [(p, f) for p, fields in PROTECTED.items() for f in fields]
)
@pytest.mark.parametrize("role", ["Editor", "CouncilMember"])
def test_protected_field_refused_over_rest(
    world, role_users, http_session, tried, path, field, role
):
    before = snapshot(world.aq_parent)
    response = http_session(role_users[role], json=True).patch(
        f"{world.absolute_url()}/{path}", json={field: PROTECTED[path][field]}
    )
    tried("fields: protected field written by a role without the right")
    assert response.status_code in (401, 403), response.text[:300]
    answer = response.json()
    assert (answer.get("error") or answer).get("message")
    assert snapshot(world.aq_parent) == before


def test_editor_still_writes_the_status_report(world, role_users, http_session):
    response = http_session(role_users["Editor"], json=True).patch(
        f"{world.absolute_url()}/r1-21/1",
        json={"status_report": "<p>Weiter im Plan</p>"},
    )
    assert response.status_code == 204, response.text[:300]


def test_mayors_office_writes_the_record_after_release(world, role_users, http_session):
    rest = http_session(role_users["MayorsOffice"], json=True)
    for path, values in PROTECTED.items():
        values = {k: v for k, v in values.items() if k != "confidential"}
        response = rest.patch(f"{world.absolute_url()}/{path}", json=values)
        assert response.status_code == 204, (path, response.text[:300])


def test_creator_writes_everything_in_a_draft(world, role_users, http_session):
    response = http_session(role_users["Contributor"], json=True).post(
        world.absolute_url(),
        json={
            "@type": "Resolution",
            "title": "Neuer Entwurf",
            "paper_reference": "N1/26",
            "confidential": False,
            "session_reference": "SR/2/26",
        },
    )
    assert response.status_code == 201, response.text[:300]
    url = response.json()["@id"]
    contributor = http_session(role_users["Contributor"], json=True)
    response = contributor.post(
        url,
        json={
            "@type": "ControlPoint",
            "number": "1",
            "resolution_text": "<p>Auftrag</p>",
            "due_date": "2027-01-01",
        },
    )
    assert response.status_code == 201, response.text[:300]
    response = contributor.patch(url, json={"title": "Umbenannt"})
    assert response.status_code == 204, response.text[:300]


def test_edit_form_shows_protected_fields_read_only(
    world, role_users, http_session, tried
):
    session = http_session(role_users["Editor"])
    url = f"{world.absolute_url()}/r1-21/1/@@edit"
    page = lxml.html.fromstring(session.get(url).text)
    # read-only, shown
    assert not page.xpath("//*[@name='form.widgets.number']")
    assert page.xpath("//*[@id='form-widgets-number']")
    assert not page.xpath("//textarea[@name='form.widgets.resolution_text']")
    assert "Auftrag 1 Radwege" in page.text_content()
    # writable
    assert page.xpath("//textarea[@name='form.widgets.status_report']")
    # and a forged value for a protected field changes nothing
    before = snapshot(world.aq_parent)
    session.post(
        url,
        data={
            "_authenticator": token(session, url),
            "form.widgets.number": "9",
            "form.widgets.resolution_text": "<p>Umgeschrieben</p>",
            "form.widgets.status_report": "<p>Bericht 1 Radwege</p>",
            "form.buttons.save": "Speichern",
        },
    )
    transaction.begin()
    point = world["r1-21"]["1"]
    assert point.number == "1"
    assert "Umgeschrieben" not in point.resolution_text.raw
    tried("fields: protected field written by a role without the right", 2)
    assert before["content"].keys() == snapshot(world.aq_parent)["content"].keys()


# --- 5: sharing is the mayor's office's ----------------------------------------


@pytest.mark.parametrize("role", ["Editor", "CouncilMember", "Contributor"])
@pytest.mark.parametrize("path", ["d1-21", "r1-21", "r1-21/1"])
def test_sharing_refused(world, role_users, http_session, tried, role, path):
    before = {
        p: dict(world[p.split("/")[0]].get_local_roles()) for p in ("d1-21", "r1-21")
    }
    response = http_session(role_users[role], json=True).post(
        f"{world.absolute_url()}/{path}/@sharing",
        json={
            "entries": [
                {
                    "id": role_users["Member"],
                    "type": "user",
                    "roles": {"Editor": True, "Reader": True},
                }
            ]
        },
    )
    tried("sharing: roles delegated by editors or council members")
    assert response.status_code in (401, 403), response.text[:300]
    transaction.begin()
    assert {
        p: dict(world[p.split("/")[0]].get_local_roles()) for p in ("d1-21", "r1-21")
    } == before


@pytest.mark.parametrize("role", ["Editor", "Contributor", "CouncilMember"])
@pytest.mark.parametrize("where", ["folder", "site"])
def test_sharing_above_the_resolutions_refused(
    world, role_users, http_session, tried, role, where
):
    """A role shared on the folder (or the site) reaches every resolution inside."""
    target = world if where == "folder" else world.aq_parent
    before = dict(target.get_local_roles())
    response = http_session(role_users[role], json=True).post(
        f"{target.absolute_url()}/@sharing",
        json={
            "entries": [
                {"id": role_users["Member"], "type": "user", "roles": {"Editor": True}}
            ]
        },
    )
    tried("sharing: roles delegated by editors or council members")
    assert response.status_code in (401, 403), response.text[:300]
    transaction.begin()
    assert dict(target.get_local_roles()) == before


def test_mayors_office_shares(world, role_users, http_session):
    response = http_session(role_users["MayorsOffice"], json=True).post(
        f"{world.absolute_url()}/d1-21/@sharing",
        json={
            "entries": [
                {"id": role_users["Member"], "type": "user", "roles": {"Reader": True}}
            ]
        },
    )
    assert response.status_code == 204, response.text[:300]
    transaction.begin()
    assert "Reader" in dict(world["d1-21"].get_local_roles())[role_users["Member"]]


# --- 7: the transaction log ----------------------------------------------------


@pytest.mark.parametrize("role", ["Member", "Editor", "CouncilMember", "MayorsOffice"])
def test_transactions_for_administrators_only(
    world, role_users, http_session, tried, role
):
    portal_url = world.aq_parent.absolute_url()
    response = http_session(role_users[role], json=True).get(
        f"{portal_url}/@transactions"
    )
    tried("leaks: @transactions")
    assert response.status_code in (401, 403)
    assert "d1-21" not in response.text
    admin = http_session(role_users["Site Administrator"], json=True)
    assert admin.get(f"{portal_url}/@transactions").status_code == 200


@pytest.mark.parametrize("role", ["Editor", "Contributor", "MayorsOffice"])
def test_undo_for_administrators_only(world, role_users, http_session, tried, role):
    """Undoing a transaction passes every workflow and field protection."""
    portal_url = world.aq_parent.absolute_url()
    before = snapshot(world.aq_parent)
    # (the test database keeps no undo log: the permission is what is tried)
    response = http_session(role_users[role], json=True).patch(
        f"{portal_url}/@transactions", json={"transaction_ids": ["A0xH3yHtVTM="]}
    )
    tried("fields: protected field written by a role without the right")
    assert response.status_code in (401, 403), response.text[:300]
    assert snapshot(world.aq_parent) == before


@pytest.mark.parametrize("path", ["r1-21", "r1-21/1"])
def test_editor_cannot_revert_to_an_older_version(
    world, role_users, http_session, tried, path
):
    """Reverting would bring back an older decided text: the same right as writing it."""
    before = snapshot(world.aq_parent)
    response = http_session(role_users["Editor"], json=True).patch(
        f"{world.absolute_url()}/{path}/@history", json={"version": 0}
    )
    tried("fields: protected field written by a role without the right")
    assert response.status_code in (401, 403), response.text[:300]
    assert snapshot(world.aq_parent) == before


def test_confidential_letter_import_withdraws_from_the_public(
    functional_portal, role_users, http_session, tried
):
    """A "vertraulich" letter imported for a public resolution."""
    from tests.helpers.letters import letter
    from tests.helpers.letters import TWO_POINTS

    import base64

    office = http_session(role_users["MayorsOffice"], json=True)
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=functional_portal, type="Folder", id="import"
        )
        api.content.transition(obj=folder, transition="publish")
    transaction.commit()

    def post(date, confidential):
        text = letter(TWO_POINTS, date=f"Datum: {date}", confidential=confidential)
        response = office.post(
            f"{folder.absolute_url()}/@import-letters",
            json={
                "files": [
                    {
                        "filename": f"brief-{date}.txt",
                        "data": base64.b64encode(text.encode()).decode(),
                    }
                ]
            },
        )
        assert response.status_code == 200, response.text[:300]

    post("12.03.2024", confidential=False)
    transaction.begin()
    resolution = folder["a0123-22"]
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=resolution, transition="release")
        api.content.transition(obj=resolution, transition="publish")
    transaction.commit()
    assert http_session().get(resolution.absolute_url()).status_code == 200
    post("13.06.2024", confidential=True)
    transaction.begin()
    assert resolution.confidential is True
    assert api.content.get_state(resolution) == "released"
    assert history_actions(resolution)[-1] == "withhold"
    tried("confidential: public resolution marked confidential")
