"""States explained and confirmable: every point of a preview shows the state its
report gives and the sentence that decided it; the mayor's office may choose
another state before importing (form and REST), and the point's history says a
person chose it. A file imported again without the choice is the same letter."""

from bk.plone.importer.states import DEFAULT_FULFILLED_PHRASES
from bk.plone.importer.states import DEFAULT_OPEN_PHRASES
from bk.plone.importer.states import StateRules
from plone import api
from tests.helpers.seed import SEED
from tests.helpers.web import authenticator

import base64
import lxml.html
import pytest
import transaction


RULES = StateRules(DEFAULT_FULFILLED_PHRASES, DEFAULT_OPEN_PHRASES)


@pytest.mark.parametrize(
    ("report", "state", "sentence"),
    [
        ([], "open", ""),
        (["Die Vorlage steht noch aus."], "open", "Die Vorlage steht noch aus."),
        (
            ["Die Planung läuft. Der Bau ist abgeschlossen. Danke."],
            "fulfilled",
            "Der Bau ist abgeschlossen.",
        ),
        (
            ["Erstens.", "Die Arbeiten laufen. Der Abschluss folgt 2025."],
            "in_progress",
            "Der Abschluss folgt 2025.",
        ),
        (
            ["Der Rohbau ist erfüllt (siehe Anlage)."],
            "fulfilled",
            "Der Rohbau ist erfüllt (siehe Anlage).",
        ),
        (
            ["Alles ist gebaut, nur die Abnahme steht noch aus."],
            "in_progress",
            "Alles ist gebaut, nur die Abnahme steht noch aus.",
        ),
    ],
)
def test_state_and_the_sentence_that_decided_it(report, state, sentence):
    assert RULES.explain(report) == (state, sentence)


@pytest.fixture
def folder(functional_portal, role_users):
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=functional_portal, type="Folder", id="beschluesse"
        )
    transaction.commit()
    return folder


def rest(session, folder, body):
    return session.post(
        f"{folder.absolute_url()}/@import-letters",
        json=body,
        headers={"Accept-Language": "de"},
    )


SEED_FILE = [{"filename": "seed.txt", "data": base64.b64encode(SEED).decode()}]


def point_states(folder) -> dict:
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        resolution = folder["v0220-14"]
        return {p.number: api.content.get_state(p) for p in resolution.points()}


def test_preview_explains_every_state(folder, role_users, http_session):
    session = http_session(role_users["MayorsOffice"], json=True)
    body = rest(session, folder, {"files": SEED_FILE, "dry_run": True}).json()
    points = {p["number"]: p for p in body["items"][0]["points"]}
    assert points["1c"]["state"] == "in_progress"
    assert points["1c"]["decided_by"] == "letter"
    assert points["1c"]["reason"].endswith("205 Personen angemeldet.")
    assert points["4"]["reason"] == "Der Beschlusspunkt ist erfüllt."


def test_rest_override_chosen_by_a_person(folder, role_users, http_session):
    session = http_session(role_users["MayorsOffice"], json=True)
    response = rest(
        session,
        folder,
        {"files": SEED_FILE, "overrides": {"seed.txt": {"1c": "fulfilled"}}},
    )
    assert response.status_code == 200, response.text
    points = {p["number"]: p for p in response.json()["items"][0]["points"]}
    assert points["1c"]["state"] == "fulfilled"
    assert points["1c"]["decided_by"] == "person"
    assert point_states(folder)["1c"] == "fulfilled"
    with api.env.adopt_roles(["Manager"]):
        history = api.portal.get_tool("portal_workflow").getInfoFor(
            folder["v0220-14"]["1c"], "review_history"
        )
    assert role_users["MayorsOffice"] in history[-1]["comments"]
    # the same file again, without the choice: the same letter, nothing changes
    again = rest(session, folder, {"files": SEED_FILE}).json()
    assert again["items"][0]["status"] == "unchanged"
    # ... and says the states its report recorded, the person's choice among them
    again_points = {p["number"]: p for p in again["items"][0]["points"]}
    assert again_points["1c"]["state"] == "fulfilled"
    # chosen by a person then, not what the letter's sentence says
    assert again_points["1c"]["decided_by"] == "person"
    assert again_points["1d"]["decided_by"] == "letter"
    assert point_states(folder)["1c"] == "fulfilled"
    # the same choice once more is the same import
    same = rest(
        session,
        folder,
        {"files": SEED_FILE, "overrides": {"seed.txt": {"1c": "fulfilled"}}},
    )
    assert same.json()["items"][0]["status"] == "unchanged"


def test_new_choice_for_an_imported_letter_is_refused(folder, role_users, http_session):
    """The issued report records the states of the first import; a different
    choice later would contradict it, so it is refused with a reason, not ignored."""
    session = http_session(role_users["MayorsOffice"], json=True)
    assert rest(session, folder, {"files": SEED_FILE}).status_code == 200
    before = point_states(folder)
    response = rest(
        session,
        folder,
        {"files": SEED_FILE, "overrides": {"seed.txt": {"1c": "fulfilled"}}},
    )
    assert response.status_code == 422
    item = response.json()["items"][0]
    assert item["status"] == "failed"
    assert "1c" in item["error"]
    assert "Seite des Punkts" in item["error"]
    assert point_states(folder) == before


def test_choice_for_a_point_the_letter_lacks_is_refused(
    folder, role_users, http_session
):
    session = http_session(role_users["MayorsOffice"], json=True)
    response = rest(
        session,
        folder,
        {
            "files": SEED_FILE,
            "overrides": {"seed.txt": {"1c": "fulfilled", "9": "open"}},
        },
    )
    assert response.status_code == 422
    assert "Punkt 9" in response.json()["items"][0]["error"]
    transaction.begin()
    assert "v0220-14" not in folder


def test_choice_for_a_file_not_sent_is_refused(folder, role_users, http_session):
    session = http_session(role_users["MayorsOffice"], json=True)
    response = rest(
        session,
        folder,
        {"files": SEED_FILE, "overrides": {"other.txt": {"1c": "fulfilled"}}},
    )
    assert response.status_code == 400
    assert "other.txt" in response.json()["error"]["message"]
    transaction.begin()
    assert "v0220-14" not in folder


@pytest.mark.parametrize(
    "overrides",
    [
        {"seed.txt": {"1c": "done"}},
        {"seed.txt": ["1c"]},
        "fulfilled",
        {"seed.txt": {"1c": None}},
    ],
)
def test_bad_overrides_refused(folder, role_users, http_session, overrides):
    session = http_session(role_users["MayorsOffice"], json=True)
    response = rest(session, folder, {"files": SEED_FILE, "overrides": overrides})
    assert response.status_code == 400
    assert "overrides" in response.text
    transaction.begin()
    assert "v0220-14" not in folder


def test_form_preview_offers_the_states_and_imports_the_choice(
    folder, role_users, http_session
):
    session = http_session(role_users["MayorsOffice"])
    url = f"{folder.absolute_url()}/@@import-letters"
    page = session.get(url)
    preview = session.post(
        url,
        data={"_authenticator": authenticator(page.text), "form.buttons.preview": "1"},
        files=[("files:list", ("seed.txt", SEED, "text/plain"))],
    )
    tree = lxml.html.fromstring(preview.text)
    reasons = [
        element.text_content()
        for element in tree.xpath("//*[contains(@class, 'bk-state-reason')]")
    ]
    assert any("weil:" in r and "205 Personen angemeldet." in r for r in reasons)
    selects = tree.xpath("//select[starts-with(@name, 'bk-state-')]")
    assert len(selects) == 9
    chosen = {}
    for select in selects:
        label = tree.xpath(f"//label[@for='{select.get('id')}']")[0].text_content()
        selected = select.xpath("option[@selected]/@value")[0]
        if label.split()[-1] == "1c":
            selected = selected.rsplit("|", 1)[0] + "|fulfilled"
        chosen[select.get("name")] = selected
    done = session.post(
        url,
        data={
            "_authenticator": authenticator(preview.text),
            "staged": tree.xpath("//input[@name='staged']/@value")[0],
            "form.buttons.import": "1",
            **chosen,
        },
    )
    assert done.status_code == 200
    assert (
        "in der Vorschau gewählt" in done.text or "chosen in the preview" in done.text
    )
    assert point_states(folder)["1c"] == "fulfilled"
    # a preview of the imported letter offers no states to choose: they are recorded
    page = session.get(url)
    again = session.post(
        url,
        data={"_authenticator": authenticator(page.text), "form.buttons.preview": "1"},
        files=[("files:list", ("seed.txt", SEED, "text/plain"))],
    )
    tree = lxml.html.fromstring(again.text)
    assert not tree.xpath("//select[starts-with(@name, 'bk-state-')]")
    assert (
        "1c:"
        in tree.xpath("//ul[contains(@class, 'bk-import-points')]")[0].text_content()
    )
