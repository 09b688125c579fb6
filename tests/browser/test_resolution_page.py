"""The resolution's page: German dates, the way to the overview, and for each point
the proposal form (editors) or the decision buttons (mayor's office)."""

from datetime import date
from plone import api
from plone.dexterity.utils import createContentInContainer

import lxml.html
import pytest
import transaction


@pytest.fixture
def resolution(functional_portal, role_users):
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=functional_portal, type="Folder", id="b")
        resolution = createContentInContainer(
            folder,
            "Resolution",
            paper_reference="V0220/14",
            title="Konzept",
            next_control_date=date(2021, 6, 30),
        )
        createContentInContainer(resolution, "ControlPoint", number="1c")
        api.content.transition(obj=resolution, transition="release")
    transaction.commit()
    return resolution


def page(session, resolution):
    response = session.get(resolution.absolute_url())
    assert response.status_code == 200
    return lxml.html.fromstring(response.text)


def test_german_dates_and_overview_link(resolution, role_users, http_session):
    tree = page(http_session(role_users["CouncilMember"]), resolution)
    fields = tree.xpath("//dl[@class='bk-resolution-fields']")[0].text_content()
    assert "30. Juni 2021" in fields
    (link,) = tree.xpath("//a[contains(@href, '@@control-overview')]/@href")
    assert link == f"{resolution.aq_parent.absolute_url()}/@@control-overview"


def test_editor_proposes_from_the_page(resolution, role_users, http_session):
    session = http_session(role_users["Editor"])
    tree = page(session, resolution)
    (form,) = tree.xpath(
        "//li[@id='bk-point-1c']//form[contains(@class, 'bk-propose')]"
    )
    options = {o.get("value"): o.text for o in form.xpath(".//option")}
    assert options == {
        "start": "Beginnen",
        "fulfil": "Als erfüllt kennzeichnen",
        "supersede": "Als aufgehoben/überholt kennzeichnen",
    }
    assert tree.xpath("//form[contains(@class, 'bk-decide')]") == []
    data = dict(form.form_values())
    data.update(transition="start", comment="Läuft.")
    response = session.post(form.action, data=data)
    assert response.url.rstrip("/") == resolution.absolute_url()
    tree = lxml.html.fromstring(response.text)
    proposal = tree.xpath(
        "//li[@id='bk-point-1c']//*[contains(@class, 'bk-proposal')]"
    )[0]
    assert "Beginnen" in proposal.text_content()
    # one open proposal at a time: no second form
    assert tree.xpath("//li[@id='bk-point-1c']//form") == []


def test_mayors_office_decides_from_the_page(resolution, role_users, http_session):
    editor = http_session(role_users["Editor"])
    (form,) = page(editor, resolution).xpath("//form[contains(@class, 'bk-propose')]")
    editor.post(form.action, data={**dict(form.form_values()), "transition": "fulfil"})
    office = http_session(role_users["MayorsOffice"])
    (decide,) = page(office, resolution).xpath("//form[contains(@class, 'bk-decide')]")
    data = {**dict(decide.form_values()), "action": "approve", "comment": "Gut."}
    response = office.post(decide.action, data=data)
    assert response.url.rstrip("/") == resolution.absolute_url()
    transaction.begin()
    assert api.content.get_state(resolution["1c"]) == "fulfilled"


def test_council_member_sees_no_forms(resolution, role_users, http_session):
    tree = page(http_session(role_users["CouncilMember"]), resolution)
    assert tree.xpath("//li[@id='bk-point-1c']//form") == []
