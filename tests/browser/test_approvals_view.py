"""@@approvals in the browser: editors propose on the point, the mayor's office decides
from its worklist; every POST needs the authenticator."""

from plone import api
from plone.dexterity.utils import createContentInContainer

import lxml.html
import pytest
import transaction


@pytest.fixture
def point(functional_portal, role_users):
    with api.env.adopt_roles(["Manager"]):
        resolution = createContentInContainer(
            functional_portal, "Resolution", paper_reference="V0220/14", title="Konzept"
        )
        point = createContentInContainer(resolution, "ControlPoint", number="1c")
        api.content.transition(obj=resolution, transition="release")
    transaction.commit()
    return point


def authenticator(html):
    return lxml.html.fromstring(html).xpath("//input[@name='_authenticator']/@value")[0]


def propose(session, point, **extra):
    page = session.get(f"{point.absolute_url()}/@@approvals")
    data = {
        "_authenticator": authenticator(page.text),
        "action": "propose",
        "transition": "start",
        "comment": "Die Anmeldung läuft.",
    }
    data.update(extra)
    return session.post(f"{point.absolute_url()}/@@approvals", data=data)


def state_and_proposals(point):
    from bk.plone.content.approvals import proposals

    transaction.begin()
    return api.content.get_state(point), proposals(point)


def test_editor_sees_propose_form(point, role_users, http_session):
    page = http_session(role_users["Editor"]).get(f"{point.absolute_url()}/@@approvals")
    options = lxml.html.fromstring(page.text).xpath(
        "//select[@name='transition']/option/@value"
    )
    assert sorted(options) == ["fulfil", "start", "supersede"]
    assert "Vorschlagen" in page.text


def test_editor_proposes(point, role_users, http_session):
    response = propose(http_session(role_users["Editor"]), point)
    assert response.status_code == 200
    assert "Arbeitsliste des Büros des Oberbürgermeisters" in response.text
    state, proposals = state_and_proposals(point)
    assert state == "open"
    assert [(p["transition"], p["status"]) for p in proposals] == [("start", "open")]


def test_post_without_authenticator_refused(point, role_users, http_session):
    response = http_session(role_users["Editor"]).post(
        f"{point.absolute_url()}/@@approvals",
        data={"action": "propose", "transition": "start"},
    )
    assert response.status_code == 403
    assert state_and_proposals(point) == ("open", [])


def test_mayors_office_approves_from_worklist(
    functional_portal, point, role_users, http_session
):
    propose(http_session(role_users["Editor"]), point)
    office = http_session(role_users["MayorsOffice"])
    worklist = office.get(f"{functional_portal.absolute_url()}/@@approvals")
    page = lxml.html.fromstring(worklist.text)
    (row,) = page.xpath("//table[@id='bk-approvals']/tbody/tr")
    assert "V0220/14" in row.text_content()
    assert "Die Anmeldung läuft." in row.text_content()
    (form,) = row.xpath(".//form")
    data = dict(form.form_values())
    data.update(action="approve", comment="Einverstanden.")
    response = office.post(form.action, data=data)
    assert "Genehmigt" in response.text
    state, proposals = state_and_proposals(point)
    assert state == "in_progress"
    assert proposals[-1]["status"] == "approved"
    empty = office.get(f"{functional_portal.absolute_url()}/@@approvals")
    assert 'id="bk-approvals-empty"' in empty.text


def test_decline_without_reason_shows_error(
    functional_portal, point, role_users, http_session
):
    propose(http_session(role_users["Editor"]), point)
    office = http_session(role_users["MayorsOffice"])
    worklist = office.get(f"{functional_portal.absolute_url()}/@@approvals")
    (form,) = lxml.html.fromstring(worklist.text).xpath(
        "//table[@id='bk-approvals']//form"
    )
    data = dict(form.form_values())
    data.update(action="decline", comment="")
    response = office.post(form.action, data=data)
    assert "Grund für die Ablehnung" in response.text
    assert state_and_proposals(point)[1][-1]["status"] == "open"


def test_editor_has_no_decide_buttons(
    functional_portal, point, role_users, http_session
):
    editor = http_session(role_users["Editor"])
    propose(editor, point)
    worklist = editor.get(f"{functional_portal.absolute_url()}/@@approvals")
    assert "V0220/14" in worklist.text
    assert 'value="approve"' not in worklist.text


@pytest.mark.parametrize("role", ["CouncilMember", "Member", None])
def test_worklist_closed_to_readers(
    functional_portal, point, role_users, http_session, role
):
    response = http_session(role_users.get(role)).get(
        f"{functional_portal.absolute_url()}/@@approvals", allow_redirects=False
    )
    assert response.status_code == 302
    assert "require_login" in response.headers["Location"]


def test_without_mail_the_proposer_is_told_no_mail_went(
    point, role_users, http_session
):
    """No mail server in the test site: the message does not claim a mail."""
    response = propose(http_session(role_users["Editor"]), point)
    assert response.status_code == 200
    assert "keine E-Mail versandt" in response.text
    assert "benachrichtigt" not in response.text
