"""What each role's pages hold (the browser tests in tests/ui look at them):
the point page shows only the fields that are set, the mayor's office alone gets
the worklist notice and the personal-bar entry."""

from bk.plone.content import approvals
from datetime import date
from plone import api
from plone.dexterity.utils import createContentInContainer

import lxml.html
import pytest
import transaction


@pytest.fixture
def resolution(functional_portal, role_users):
    with api.env.adopt_roles(["Manager"]):
        resolution = createContentInContainer(
            functional_portal,
            "Resolution",
            paper_reference="V0220/14",
            title="Konzept",
            body="Stadtrat",
        )
        createContentInContainer(resolution, "ControlPoint", number="1")
        createContentInContainer(
            resolution, "ControlPoint", number="2", due_date=date(2020, 1, 31)
        )
        api.content.transition(obj=resolution, transition="release")
    transaction.commit()
    return resolution


def tree(session, url):
    response = session.get(url)
    assert response.status_code == 200
    return lxml.html.fromstring(response.text)


def test_point_page_shows_state_and_only_set_fields(
    resolution, role_users, http_session
):
    council = http_session(role_users["CouncilMember"])
    page = tree(council, resolution["1"].absolute_url())
    assert page.xpath("string(//*[@id='bk-point-state'])").strip() == "Offen"
    content = page.xpath("string(//*[@id='content'])")
    assert "Frist" not in content
    assert "Versionierung" not in content
    page = tree(council, resolution["2"].absolute_url())
    state = page.xpath("string(//*[@id='bk-point-state'])")
    assert "überfällig" in state
    assert "31. Januar 2020" in page.xpath("string(//dl)")


def test_resolution_page_shows_body_and_overdue(resolution, role_users, http_session):
    page = tree(http_session(role_users["CouncilMember"]), resolution.absolute_url())
    assert "Stadtrat" in page.xpath("string(//dl[@class='bk-resolution-fields'])")
    (second,) = page.xpath("//li[@id='bk-point-2']")
    assert "überfällig" in second.text_content()
    assert "Frist: 31. Januar 2020" in " ".join(second.text_content().split())


@pytest.mark.parametrize(
    ("role", "notice"),
    [
        ("MayorsOffice", True),
        ("Editor", False),
        ("CouncilMember", False),
        (None, False),
    ],
)
def test_only_the_mayors_office_is_told_of_open_proposals(
    resolution, role_users, http_session, role, notice
):
    with api.env.adopt_roles(["Manager"]):
        approvals.propose(resolution["1"], "start", "läuft")
    transaction.commit()
    user = role_users[role] if role else None
    page = tree(http_session(user), api.portal.get().absolute_url())
    assert bool(page.xpath("//*[@id='bk-approvals-notice']")) is notice
    assert bool(page.xpath("//a[contains(@href, '@@approvals')]")) is notice


def test_edit_form_leaves_out_empty_protected_fields(
    resolution, role_users, http_session
):
    """After release an editor writes the report only; a protected field with a
    value is shown, one without is left out (no empty label)."""
    editor = http_session(role_users["Editor"])
    page = tree(editor, f"{resolution['1'].absolute_url()}/edit")
    assert not page.xpath("//*[@id='formfield-form-widgets-due_date']")
    assert page.xpath("//*[@id='formfield-form-widgets-status_report']")
    page = tree(editor, f"{resolution['2'].absolute_url()}/edit")
    (due,) = page.xpath("//*[@id='formfield-form-widgets-due_date']")
    assert "31.01.20" in due.text_content()
    assert not due.xpath(".//input[@name='form.widgets.due_date']")


def test_proposals_and_history_are_the_administrations(
    resolution, role_users, http_session
):
    """Who proposed what is not for the council; nor is the edit history."""
    with api.env.adopt_roles(["Manager"]):
        approvals.propose(resolution["1"], "start", "intern: Herr X fehlt")
    transaction.commit()
    council = http_session(role_users["CouncilMember"])
    for url in (resolution.absolute_url(), resolution["1"].absolute_url()):
        text = council.get(url).text
        assert "intern: Herr X fehlt" not in text
        assert "@@historyview" not in text
    editor = http_session(role_users["Editor"])
    assert "intern: Herr X fehlt" in editor.get(resolution["1"].absolute_url()).text
    assert "@@historyview" in editor.get(resolution["1"].absolute_url()).text
