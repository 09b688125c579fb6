"""Superseding through the browser and REST, as the real roles: the resolution's
form (mayor's office), REST @supersede, a proposed supersede naming its paper, and
@workflow refusing a supersede without one."""

from plone import api
from plone.dexterity.utils import createContentInContainer

import lxml.html
import pytest
import transaction


@pytest.fixture
def resolution(functional_portal, role_users):
    with api.env.adopt_roles(["Manager"]):
        resolution = createContentInContainer(
            functional_portal, "Resolution", paper_reference="V0220/14", title="Konzept"
        )
        for number in ("1", "2", "3"):
            createContentInContainer(resolution, "ControlPoint", number=number)
        api.content.transition(obj=resolution["3"], transition="fulfil")
        api.content.transition(obj=resolution, transition="release")
        createContentInContainer(
            functional_portal, "Resolution", paper_reference="V0815/22", title="Neu"
        )
    transaction.commit()
    return resolution


def states(resolution):
    transaction.begin()
    return [api.content.get_state(p) for p in resolution.points()]


def test_mayors_office_supersedes_from_the_page(resolution, http_session, role_users):
    session = http_session(role_users["MayorsOffice"])
    page = lxml.html.fromstring(session.get(resolution.absolute_url()).text)
    (link,) = page.xpath("//a[contains(@href, '@@supersede-resolution')]/@href")
    form_page = lxml.html.fromstring(session.get(link).text)
    (form,) = form_page.xpath("//form[contains(@action, '@@supersede-resolution')]")
    data = dict(form.form_values())
    data.update(superseded_by="V0815/22", comment="Neufassung")
    data["form.buttons.supersede"] = "1"
    done = session.post(form.action, data=data)
    assert done.url == resolution.absolute_url()
    assert "2 Punkte sind als aufgehoben/überholt durch V0815/22" in done.text
    assert states(resolution) == ["superseded", "superseded", "fulfilled"]
    page = lxml.html.fromstring(done.text)
    # the later paper, linked: it is in the site
    (paper,) = page.xpath("//li[@id='bk-point-1']//p[@class='bk-superseded mb-1']/a")
    assert paper.text == "V0815/22"
    assert paper.get("href").endswith("/v0815-22")


def test_form_refuses_a_missing_paper_clearly(resolution, http_session, role_users):
    session = http_session(role_users["MayorsOffice"])
    url = f"{resolution.absolute_url()}/@@supersede-resolution"
    form = lxml.html.fromstring(session.get(url).text).xpath(
        "//form[contains(@action, '@@supersede-resolution')]"
    )[0]
    data = {**dict(form.form_values()), "form.buttons.supersede": "1"}
    refused = session.post(form.action, data=data)
    assert refused.status_code == 400
    assert "Bitte nennen Sie die Vorlage" in refused.text
    assert states(resolution) == ["open", "open", "fulfilled"]


@pytest.mark.parametrize("role", ["Editor", "CouncilMember"])
def test_others_cannot_supersede_a_resolution(
    resolution, http_session, role_users, role
):
    session = http_session(role_users[role], json=True)
    response = session.post(
        f"{resolution.absolute_url()}/@supersede", json={"superseded_by": "V0815/22"}
    )
    assert response.status_code in (401, 403)
    page = http_session(role_users[role]).get(resolution.absolute_url())
    assert "@@supersede-resolution" not in page.text
    assert states(resolution) == ["open", "open", "fulfilled"]


def test_rest_supersede(resolution, http_session, role_users):
    session = http_session(role_users["MayorsOffice"], json=True)
    bad = session.post(f"{resolution.absolute_url()}/@supersede", json={"x": 1})
    assert bad.status_code == 400
    assert states(resolution) == ["open", "open", "fulfilled"]
    done = session.post(
        f"{resolution.absolute_url()}/@supersede", json={"superseded_by": "V0815/22"}
    )
    assert done.status_code == 200, done.text
    assert done.json()["points"] == ["1", "2"]
    assert states(resolution) == ["superseded", "superseded", "fulfilled"]


def test_editor_proposes_a_supersede_naming_the_paper(
    resolution, http_session, role_users
):
    session = http_session(role_users["Editor"], json=True)
    missing = session.post(
        f"{resolution.absolute_url()}/1/@approvals",
        json={"action": "propose", "transition": "supersede"},
    )
    assert missing.status_code == 400
    proposed = session.post(
        f"{resolution.absolute_url()}/1/@approvals",
        json={
            "action": "propose",
            "transition": "supersede",
            "superseded_by": "V0815/22",
        },
    )
    assert proposed.status_code == 200, proposed.text
    approved = http_session(role_users["MayorsOffice"], json=True).post(
        f"{resolution.absolute_url()}/1/@approvals", json={"action": "approve"}
    )
    assert approved.status_code == 200, approved.text
    transaction.begin()
    assert resolution["1"].superseded_by == "V0815/22"
    assert api.content.get_state(resolution["1"]) == "superseded"


def test_workflow_supersede_needs_the_paper(resolution, http_session, role_users):
    response = http_session(role_users["MayorsOffice"], json=True).post(
        f"{resolution.absolute_url()}/1/@workflow/supersede", json={}
    )
    assert response.status_code == 400
    assert "superseded_by" in response.json()["error"]["message"]
    assert states(resolution) == ["open", "open", "fulfilled"]
