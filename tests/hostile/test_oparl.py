"""A hostile council information system: XSS payloads in every text an OParl paper
brings (name, reference, session, organization names, resolution text, web) are
inert in the resolution's page, the changed-text box, the sync's results, the letter
(HTML, PDF, Word) and REST; broken shapes, endless or looping lists and addresses to
other schemes fail with a message and change nothing."""

from plone import api
from tests.helpers.active import active_in_docx
from tests.helpers.active import active_in_html
from tests.helpers.active import active_in_pdf
from tests.helpers.active import MARKER
from tests.helpers.active import PAYLOADS
from tests.helpers.hostile import snapshot
from tests.helpers.oparl_server import oparl_server
from tests.helpers.web import authenticator

import lxml.html
import pytest
import transaction


@pytest.fixture
def folder(functional_portal, role_users):
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=functional_portal, type="Folder", id="ris"
        )
    transaction.commit()
    return folder


def hostile_system(system, payload: str) -> None:
    """Paper 1 says `payload` wherever OParl has text."""
    paper = system.papers[0]
    item = system.agenda_item(1)
    meeting = system.objects[item["meeting"]]
    office = system.objects[paper["underDirectionOf"][0]]
    paper.update(name=f"Titel {payload}", paperType="Beschlussvorlage")
    meeting["name"] = f"SR {payload}"[:90]
    office["name"] = f"Amt {payload}"
    item["resolutionText"] = f"1. Erster {payload}\n2. Zweiter <b>{payload}</b>"
    paper["web"] = f"javascript:alert('{MARKER}')"


def sync_as_office(session, folder, url, dry_run=False):
    # the mayor's office syncs from the council system of the settings
    api.portal.set_registry_record("bk.plone.oparl_endpoint", url)
    transaction.commit()
    return session.post(
        f"{folder.absolute_url()}/@oparl-import",
        json={"url": url, "dry_run": dry_run},
        headers={"Accept": "application/json", "Accept-Language": "en"},
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_from_the_council_system_are_inert(
    folder, role_users, http_session, tried, payload
):
    office = http_session(role_users["MayorsOffice"])
    with oparl_server() as system:
        hostile_system(system, payload)
        done = sync_as_office(office, folder, system.url("body/1/papers"))
        assert done.status_code == 200, done.text[:500]
        (first,) = [
            i for i in done.json()["items"] if i["url"] == system.url("paper/1")
        ]
        assert first["status"] == "created", first
        resolution_url = first["@id"]
        # the page of the sync's results, as the form shows them
        page = office.get(f"{folder.absolute_url()}/@@oparl-import")
        form = office.post(
            f"{folder.absolute_url()}/@@oparl-import",
            data={
                "_authenticator": authenticator(page.text),
                "url": system.url("body/1/papers"),
                "form.buttons.preview": "1",
            },
        )
        assert active_in_html(form.text) == []
        # a changed text, shown beside the points' texts
        system.agenda_item(1)["resolutionText"] = f"<ol><li>Neu {payload}</li></ol>"
        sync_as_office(office, folder, system.url("body/1/papers"))
    resolution = office.get(resolution_url)
    assert resolution.status_code == 200
    assert "bk-oparl-pending" in resolution.text
    assert active_in_html(resolution.text) == []
    links = lxml.html.fromstring(resolution.text).xpath("//@href")
    assert not [h for h in links if "javascript" in h.lower()]
    letter = office.get(f"{resolution_url}/@@letter")
    assert active_in_html(letter.text) == []
    assert active_in_pdf(office.get(f"{resolution_url}/@@letter.pdf").content) == []
    assert active_in_docx(office.get(f"{resolution_url}/@@letter.docx").content) == []
    tried("OParl: payloads in a council system's paper", 7)


BROKEN_PAPERS = [
    ("reference missing", {"reference": None}, "has no reference"),
    ("reference a number", {"reference": 220}, "reference has the wrong type"),
    ("name a list", {"name": ["a"]}, "name has the wrong type"),
    ("consultation an object", {"consultation": {"x": 1}}, "consultation has"),
    ("consultations of numbers", {"consultation": [1, 2]}, "consultation has"),
    (
        "type of another object",
        {"type": "https://schema.oparl.org/1.1/Person"},
        "is not an OParl Paper",
    ),
    ("type missing", {"type": None}, "is not an OParl Paper"),
    ("title too long", {"name": "T" * 5000}, "is not accepted as"),
    (
        "title with control characters",
        {"name": "Titel \x00\x07 X"},
        "is not accepted as",
    ),
    ("reference unusable", {"reference": "../../etc"}, "is not accepted as"),
]


@pytest.mark.parametrize(
    ("case", "change", "message"), BROKEN_PAPERS, ids=[c[0] for c in BROKEN_PAPERS]
)
def test_broken_papers_fail_alone(
    folder, role_users, http_session, tried, case, change, message
):
    office = http_session(role_users["MayorsOffice"])
    with oparl_server() as system:
        for key, value in change.items():
            if value is None:
                system.papers[0].pop(key, None)
            else:
                system.papers[0][key] = value
        done = sync_as_office(office, folder, system.url("body/1/papers"))
    assert done.status_code == 422, done.text[:500]
    failed = [i for i in done.json()["items"] if i["status"] == "failed"]
    assert len(failed) == 1
    assert message in failed[0]["error"], failed[0]["error"]
    assert system.url("paper/1") in failed[0]["error"]
    assert done.json()["summary"]["created"] == 23
    tried("OParl: broken papers", 1)


def test_lists_that_never_end_or_lead_elsewhere(
    folder, role_users, http_session, functional_portal, tried
):
    office = http_session(role_users["MayorsOffice"])
    with oparl_server() as system:
        api.portal.set_registry_record(
            "bk.plone.oparl_endpoint", system.url("body/1/papers")
        )
        transaction.commit()
        before = snapshot(functional_portal)
        original = system.paper_page

        def looping(query):
            page = original(query)
            page["links"]["next"] = system.url("body/1/papers") + "?page=1"
            return page

        system.paper_page = looping
        done = sync_as_office(office, folder, system.url("body/1/papers"), True)
        assert done.status_code == 200
        # a `next` back to a page already read ends the list; no paper twice
        assert len(done.json()["items"]) == 10

        def elsewhere(query):
            page = original(query)
            page["links"]["next"] = "file:///etc/passwd"
            return page

        system.paper_page = elsewhere
        done = sync_as_office(office, folder, system.url("body/1/papers"), True)
        assert done.status_code == 502
        assert "Only http and https" in done.json()["error"]

        def other_server(query):
            page = original(query)
            page["links"]["next"] = "http://169.254.169.254/latest/meta-data"
            return page

        system.paper_page = other_server
        done = sync_as_office(office, folder, system.url("body/1/papers"), True)
        assert done.status_code == 502
        assert "is on another server" in done.json()["error"]

        def not_a_list(query):
            return {"data": {"id": "x"}, "links": {}}

        system.paper_page = not_a_list
        done = sync_as_office(office, folder, system.url("body/1/papers"))
        assert done.status_code == 502
        assert "is neither an OParl system" in done.json()["error"]
    transaction.begin()
    assert snapshot(functional_portal) == before
    tried("OParl: lists that loop, lead elsewhere or are none", 4)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:22/",
        "http://169.254.169.254/latest/meta-data",
        "http://localhost:8080/Plone/@@overview-controlpanel",
        "http://[::1]:5432/",
    ],
)
def test_mayors_office_reads_only_the_configured_system(
    folder, role_users, http_session, tried, url
):
    api.portal.set_registry_record(
        "bk.plone.oparl_endpoint", "https://ris.example.org/oparl/v1/system"
    )
    transaction.commit()
    office = http_session(role_users["MayorsOffice"], json=True)
    refused = office.post(
        f"{folder.absolute_url()}/@oparl-import",
        json={"url": url},
        headers={"Accept-Language": "en"},
    )
    assert refused.status_code == 400
    assert refused.json()["error"]["message"].startswith(
        "Only the council information system of the settings"
    )
    tried("OParl: addresses of other servers", 1)


ELSEWHERE = "is on another server than the council information system"
SCHEMES = "Only http and https addresses are read"
CHANGED_ITEMS_LEADING_ELSEWHERE = [
    (
        "consultation on another server",
        "consultation",
        "http://169.254.169.254/x",
        ELSEWHERE,
    ),
    ("consultation of another scheme", "consultation", "file:///etc/passwd", SCHEMES),
    ("consultation a number", "consultation", 17, "consultation has the wrong type"),
    ("paper on another server", "paper", "http://127.0.0.1:22/paper/1", ELSEWHERE),
    ("paper of another scheme", "paper", "gopher://127.0.0.1/paper", SCHEMES),
    (
        "consultation with a port that is no number",
        "consultation",
        "http://127.0.0.1:abc/x",
        "is not a valid address",
    ),
    ("paper address that does not parse", "paper", "http://[::1/p", "not a valid"),
]


@pytest.mark.parametrize(
    ("case", "key", "value", "message"),
    CHANGED_ITEMS_LEADING_ELSEWHERE,
    ids=[c[0] for c in CHANGED_ITEMS_LEADING_ELSEWHERE],
)
def test_changed_agenda_items_that_lead_elsewhere(
    folder,
    role_users,
    http_session,
    functional_portal,
    tried,
    case,
    key,
    value,
    message,
):
    """A sync of what changed since the last one follows a changed agenda item to
    its consultation and paper: where they lead off the council system's server or
    are no address, that item fails alone, and nothing is asked elsewhere."""
    office = http_session(role_users["MayorsOffice"])
    with oparl_server() as system:
        assert sync_as_office(office, folder, system.url("system")).status_code == 200
        transaction.begin()
        before = snapshot(functional_portal)
        item = system.agenda_item(2)
        if key == "consultation":
            system.change_agenda_item(2, consultation=value)
        else:
            system.objects[item["consultation"]]["paper"] = value
            system.change_agenda_item(2, result="Geändert beschlossen")
        done = office.post(
            f"{folder.absolute_url()}/@oparl-import",
            json={"url": system.url("system"), "since": "2026-01-01"},
            headers={"Accept": "application/json", "Accept-Language": "en"},
        )
    assert done.status_code == 422, done.text[:500]
    (failed,) = done.json()["items"]
    assert failed["status"] == "failed"
    assert failed["url"] in (system.url("agendaitem/2"), value)
    assert message in failed["error"]
    transaction.begin()
    assert snapshot(functional_portal) == before
    tried("OParl: changed agenda items that lead elsewhere", 1)
