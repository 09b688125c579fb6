"""Publishing the control status in OParl form: GET <resolution>/@oparl is an OParl
1.1 Paper with `bk:` extension keys, its issued letters OParl Files; GET
<folder>/@oparl-papers an OParl list. Both validate against the official schemas
(../shared/oparl/schema, read from there) and show only what the reader may see."""

from bk.plone.letter.issue import issue
from bk.plone.letter.model import build_letter
from bk.plone.letter.render import document_html
from datetime import date
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContentInContainer
from tests.helpers.oparl import schema
from tests.helpers.oparl import validate

import lxml.html
import pytest
import transaction


@pytest.fixture
def papers(functional_portal, role_users):
    """A public resolution with an issued letter, a released confidential one."""
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=functional_portal, type="Folder", id="b")
        api.content.transition(obj=folder, transition="publish")
        public = createContentInContainer(
            folder,
            "Resolution",
            paper_reference="A0815/19",
            title="Trinkwasserbrunnen",
            decision_date=date(2019, 5, 9),
            next_control_date=date.today() + timedelta(days=30),
            confidential=False,
            oparl_paper="https://ris.example.org/oparl/paper/815",
            oparl_web="https://ris.example.org/vo0050.asp?__kvonr=815",
        )
        first = createContentInContainer(public, "ControlPoint", number="1")
        api.content.transition(obj=first, transition="fulfil")
        createContentInContainer(
            public, "ControlPoint", number="2", due_date=date(2020, 1, 31)
        )
        letter = build_letter(
            public, next_control_date=date.today() + timedelta(days=60)
        )
        issue(public, letter, document_html(letter), b"%PDF-1.7 brunnen")
        api.content.transition(obj=public, transition="release")
        api.content.transition(obj=public, transition="publish")
        secret = createContentInContainer(
            folder, "Resolution", paper_reference="V0220/14", title="Vertraulich"
        )
        createContentInContainer(secret, "ControlPoint", number="1")
        api.content.transition(obj=secret, transition="release")
    transaction.commit()
    return folder


def get(http_session, role_users, role, url, **params):
    user = role_users.get(role) if role else None
    return http_session(user, json=True).get(url, params=params)


def test_paper_validates_and_carries_the_control_status(
    papers, http_session, role_users
):
    response = get(
        http_session, role_users, None, f"{papers['a0815-19'].absolute_url()}/@oparl"
    )
    assert response.status_code == 200, response.text
    paper = response.json()
    validate(paper, "Paper")
    assert paper["type"] == "https://schema.oparl.org/1.1/Paper"
    assert paper["reference"] == "A0815/19"
    assert paper["name"] == "Trinkwasserbrunnen"
    assert paper["date"] == "2019-05-09"
    assert paper["bk:controlStatus"] == "in_progress"
    assert paper["bk:councilWeb"] == "https://ris.example.org/vo0050.asp?__kvonr=815"
    assert [(p["bk:number"], p["bk:state"]) for p in paper["bk:points"]] == [
        ("1", "fulfilled"),
        ("2", "open"),
    ]
    assert paper["bk:points"][1]["bk:dueDate"] == "2020-01-31"
    (report,) = paper["bk:reports"]
    validate(report, "File")
    assert report["accessUrl"].endswith("/@@download/pdf")
    pdf = http_session().get(report["accessUrl"])
    assert pdf.content.startswith(b"%PDF")
    # every key beyond the specification's carries the extension prefix
    names = set(schema("Paper")["properties"])
    assert all(key in names or key.startswith("bk:") for key in paper)


@pytest.mark.parametrize(("role", "seen"), [("CouncilMember", True), (None, False)])
def test_confidential_paper_only_for_readers(
    papers, http_session, role_users, role, seen
):
    response = get(
        http_session, role_users, role, f"{papers['v0220-14'].absolute_url()}/@oparl"
    )
    assert (response.status_code == 200) is seen
    if seen:
        validate(response.json(), "Paper")
    else:
        assert "Vertraulich" not in response.text


@pytest.mark.parametrize(
    ("role", "references"),
    [("CouncilMember", ["A0815/19", "V0220/14"]), (None, ["A0815/19"])],
)
def test_paper_list(papers, http_session, role_users, role, references):
    body = get(
        http_session, role_users, role, f"{papers.absolute_url()}/@oparl-papers"
    ).json()
    assert [paper["reference"] for paper in body["data"]] == references
    for paper in body["data"]:
        validate(paper, "Paper")
    assert body["pagination"]["totalElements"] == len(references)


def test_paper_list_pages(papers, http_session, role_users):
    url = f"{papers.absolute_url()}/@oparl-papers"
    first = get(http_session, role_users, "CouncilMember", url, limit="1").json()
    assert [p["reference"] for p in first["data"]] == ["A0815/19"]
    assert first["pagination"] == {
        "totalElements": 2,
        "elementsPerPage": 1,
        "currentPage": 1,
        "totalPages": 2,
    }
    assert "prev" not in first["links"]
    second = (
        http_session(role_users["CouncilMember"], json=True)
        .get(first["links"]["next"])
        .json()
    )
    assert [p["reference"] for p in second["data"]] == ["V0220/14"]
    assert "next" not in second["links"]


@pytest.mark.parametrize("params", [{"page": "0"}, {"page": "x"}, {"limit": "1000"}])
def test_paper_list_refuses_nonsense(papers, http_session, role_users, params):
    response = get(
        http_session,
        role_users,
        None,
        f"{papers.absolute_url()}/@oparl-papers",
        **params,
    )
    assert response.status_code == 400
    assert "page" in response.json()["error"]["message"]


def test_resolution_page_links_into_the_council_system(papers, http_session):
    page = lxml.html.fromstring(
        http_session().get(papers["a0815-19"].absolute_url()).text
    )
    (link,) = page.xpath("//a[@id='bk-council-link']/@href")
    assert link == "https://ris.example.org/vo0050.asp?__kvonr=815"


def test_overview_filters_on_the_council_link(papers, http_session, role_users):
    page = http_session(role_users["CouncilMember"]).get(
        f"{papers.absolute_url()}/@@control-overview", params={"oparl": "1"}
    )
    tree = lxml.html.fromstring(page.text)
    rows = tree.xpath("//table[@id='bk-overview']/tbody/tr")
    assert [row.xpath("./td[1]/a/text()")[0] for row in rows] == ["A0815/19"]


def test_council_web_address_must_be_http(papers, http_session, role_users):
    response = http_session(role_users["MayorsOffice"], json=True).patch(
        papers["v0220-14"].absolute_url(), json={"oparl_web": "javascript:alert(1)"}
    )
    assert response.status_code == 400
    transaction.begin()
    assert getattr(papers["v0220-14"], "oparl_web", None) is None
