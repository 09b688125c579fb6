"""bk.plone:demo: the seed letter imported through the importer and released to the
council, in a folder "Beschlüsse", and a user for each role, listed in the README."""

from bk.plone.letter.issue import issued_reports
from bk.plone.setuphandlers import DEMO_LETTERS
from bk.plone.setuphandlers import DEMO_USERS
from plone import api
from plone.app.testing import applyProfile
from tests.helpers.seed import SEED_LETTER

import pytest
import transaction


@pytest.fixture
def demo(portal):
    applyProfile(portal, "bk.plone:demo")
    return portal


def test_seed_letter_shipped_unchanged():
    assert (DEMO_LETTERS / SEED_LETTER.name).read_bytes() == SEED_LETTER.read_bytes()


def test_folder(demo):
    folder = demo["beschluesse"]
    assert folder.title == "Beschlüsse"
    assert api.content.get_state(folder) == "published"


def test_seed_resolution_released(demo):
    resolution = demo["beschluesse"]["v0220-14"]
    assert api.content.get_state(resolution) == "released"
    assert resolution.confidential is True
    states = [
        api.content.get_state(p)
        for p in resolution.objectValues()
        if p.portal_type == "ControlPoint"
    ]
    assert states.count("fulfilled") == 7
    assert states.count("in_progress") == 2
    (report,) = issued_reports(resolution)
    assert report.source_filename == SEED_LETTER.name


def test_a_public_resolution_for_everyone(demo):
    resolution = demo["beschluesse"]["a0815-19"]
    assert resolution.confidential is False
    assert api.content.get_state(resolution) == "public"
    states = [api.content.get_state(p) for p in resolution.points()]
    assert states == ["in_progress", "fulfilled", "open"]


def test_demo_users(demo):
    editor, office, council = DEMO_USERS
    assert "Editor" in api.user.get_roles(username=editor)
    assert "MayorsOffice" in api.user.get_roles(username=office)
    assert "CouncilMember" in api.user.get_roles(username=council)
    assert "Editor" not in api.user.get_roles(username=council)


def test_applying_again_changes_nothing(demo):
    folder = demo["beschluesse"]
    before = sorted(folder["v0220-14"].objectIds())
    applyProfile(demo, "bk.plone:demo")
    assert sorted(folder["v0220-14"].objectIds()) == before
    assert sorted(folder.objectIds()) == [
        "a0815-19",
        "u0031-24",
        "u0047-25",
        "v0220-14",
    ]


def test_a_committee_with_its_own_resolutions(demo):
    from bk.plone.council.control_list import build_control_list
    from bk.plone.council.control_list import period_from_params
    from bk.plone.setuphandlers import DEMO_COMMITTEE

    folder = demo["beschluesse"]
    assert DEMO_COMMITTEE in api.portal.get_registry_record("bk.plone.bodies")
    assert folder["u0031-24"].body == DEMO_COMMITTEE
    assert api.content.get_state(folder["u0031-24"]) == "public"
    assert folder["u0047-25"].confidential is True
    with api.env.adopt_user(username="buergermeisteramt"):
        listed = build_control_list(
            folder, period_from_params(folder, {"body": DEMO_COMMITTEE})
        )
        council = build_control_list(
            folder, period_from_params(folder, {"body": "Stadtrat"})
        )
    assert [e.paper_reference for e in listed.entries] == ["U0031/24", "U0047/25"]
    first = listed.entries[0].points[0]
    assert first.delay_reason.startswith("Zwei Bebauungspläne")
    assert first.target_date == "2026-06-30"
    assert [e.paper_reference for e in council.entries] == ["A0815/19", "V0220/14"]


def test_committee_papers_link_into_the_council_system(demo):
    from bk.plone.oparl import decided

    folder = demo["beschluesse"]
    catalog = api.portal.get_tool("portal_catalog")
    linked = catalog.unrestrictedSearchResults(
        portal_type="Resolution", bk_has_oparl=True
    )
    assert sorted(b.paper_reference for b in linked) == ["U0031/24", "U0047/25"]
    assert folder["u0031-24"].oparl_web.startswith("https://ratsinfo.example.org/")
    pending = decided.pending_text(folder["u0047-25"])
    assert [number for number, _html in pending["points"]] == ["1", "2"]
    assert "Stadtrat zur Kenntnis" in dict(pending["points"])["2"]
    assert decided.pending_text(folder["u0031-24"]) is None
    applyProfile(demo, "bk.plone:demo")
    assert decided.pending_text(folder["u0047-25"])["found"] == pending["found"]


def test_readme_lists_demo_logins(repo_root):
    readme = (repo_root / "README.md").read_text()
    for login, (password, *_) in DEMO_USERS.items():
        assert f"| `{login}` | `{password}` |" in readme
    assert "http://localhost:8080/Plone/beschluesse/v0220-14/@@letter" in readme


@pytest.fixture
def functional_demo(functional_portal):
    applyProfile(functional_portal, "bk.plone:demo")
    transaction.commit()
    return functional_portal


def login_session(http_session, login):
    session = http_session()
    session.auth = (login, DEMO_USERS[login][0])
    return session


@pytest.mark.parametrize("login", list(DEMO_USERS))
def test_demo_users_read_the_letter(functional_demo, http_session, login):
    url = f"{functional_demo.absolute_url()}/beschluesse/v0220-14/@@letter"
    response = login_session(http_session, login).get(url)
    assert response.status_code == 200
    assert "Dirk Hilbert" in response.text


def test_anonymous_does_not_read_the_letter(functional_demo, http_session):
    url = f"{functional_demo.absolute_url()}/beschluesse/v0220-14/@@letter"
    response = http_session().get(url)
    assert "Dirk Hilbert" not in response.text
    assert response.status_code in (401, 403) or "login" in response.url
