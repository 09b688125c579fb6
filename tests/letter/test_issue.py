"""Issuing freezes the letter as a ControlReport; later edits never change it."""

from bk.plone.letter.changes import letter_changes
from bk.plone.letter.schema import read_letter
from bk.plone.letter.schema import SCHEMA_VERSION
from io import BytesIO
from plone import api
from plone.app.textfield.value import RichTextValue
from tests.helpers.seed import build_seed_resolution
from tests.helpers.web import issue_letter

import json
import lxml.html
import pypdf
import pytest
import transaction


@pytest.fixture
def seed(functional_portal, role_users):
    resolution = build_seed_resolution(functional_portal)
    transaction.commit()
    return resolution


def reports(resolution):
    transaction.begin()
    return [o for o in resolution.objectValues() if o.portal_type == "ControlReport"]


def test_mayors_office_issues(seed, http_session, role_users):
    response = issue_letter(http_session(role_users["MayorsOffice"]), seed)
    assert response.status_code == 200
    assert response.url.rstrip("/").endswith("/bericht-2021-01-25")
    (report,) = reports(seed)
    assert report.letter_date.isoformat() == "2021-01-25"
    point = report.letter.points[3]
    assert (point.number, point.state) == ("1c", "in_progress")
    assert json.loads(report.letter_json)["schema_version"] == SCHEMA_VERSION
    assert "Dirk Hilbert" in report.html
    assert report.pdf.data.startswith(b"%PDF-")
    assert (
        "Dirk Hilbert"
        in pypdf.PdfReader(BytesIO(report.pdf.data)).pages[-1].extract_text()
    )
    assert seed.next_control_date.isoformat() == "2021-06-30"


def test_issued_report_frozen(seed, http_session, role_users):
    office = http_session(role_users["MayorsOffice"])
    issue_letter(office, seed)
    (report,) = reports(seed)
    frozen = (report.letter_json, report.html, report.pdf.data)
    with api.env.adopt_roles(["Manager"]):
        seed["1c"].status_report = RichTextValue(
            "<p>Alles neu.</p>", "text/html", "text/x-html-safe"
        )
        api.content.transition(obj=seed["1c"], transition="fulfil")
        api.portal.set_registry_record("bk.plone.signatory", "Eva Jähnigen")
        seed.title = "Anderer Titel"
    transaction.commit()
    (report,) = reports(seed)
    assert (report.letter_json, report.html, report.pdf.data) == frozen
    page = office.get(report.absolute_url())
    assert "Dirk Hilbert" in page.text
    assert "Alles neu." not in page.text


def test_nobody_edits_an_issued_report(seed, http_session, role_users):
    issue_letter(http_session(role_users["MayorsOffice"]), seed)
    (report,) = reports(seed)
    for role in ("Manager", "MayorsOffice", "Editor"):
        response = http_session(role_users[role], json=True).patch(
            report.absolute_url(), json={"html": "<p>gefälscht</p>"}
        )
        assert response.status_code == 401
    assert "gefälscht" not in reports(seed)[0].html


def test_report_not_added_by_hand(seed, http_session, role_users):
    response = http_session(role_users["Manager"], json=True).post(
        seed.absolute_url(), json={"@type": "ControlReport", "html": "x"}
    )
    assert response.status_code in (400, 403)
    assert reports(seed) == []


@pytest.mark.parametrize("role", ["Editor", "Contributor", "CouncilMember"])
def test_only_mayors_office_issues(seed, http_session, role_users, role):
    response = http_session(role_users[role]).get(
        f"{seed.absolute_url()}/@@issue-letter", allow_redirects=False
    )
    assert response.status_code == 302
    assert "require_login" in response.headers["Location"]


def test_issue_without_authenticator_refused(seed, http_session, role_users):
    response = http_session(role_users["MayorsOffice"]).post(
        f"{seed.absolute_url()}/@@issue-letter",
        data={"date": "2021-01-25", "form.buttons.issue": "1"},
    )
    assert response.status_code == 403
    assert reports(seed) == []


def test_next_control_before_letter_refused(seed, http_session, role_users):
    response = issue_letter(
        http_session(role_users["MayorsOffice"]), seed, next_control_date="2020-12-31"
    )
    assert "nach dem Datum des Schreibens" in response.text
    assert reports(seed) == []
    assert seed.next_control_date.isoformat() == "2021-06-30"


def test_changes_since_last_report(seed, http_session, role_users):
    office = http_session(role_users["MayorsOffice"])
    issue_letter(office, seed)
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=seed["3"], transition="fulfil")
        seed["1c"].status_report = RichTextValue(
            "<p>Neu.</p>", "text/html", "text/x-html-safe"
        )
        api.content.delete(obj=seed["4"])
        from plone.dexterity.utils import createContentInContainer

        createContentInContainer(seed, "ControlPoint", number="5")
    transaction.commit()
    page = office.get(f"{seed.absolute_url()}/@@issue-letter?date=2021-07-01")
    changes = lxml.html.fromstring(page.text).xpath("//section[@id='bk-changes']")[0]
    text = " ".join(changes.text_content().split())
    assert "Neue Punkte: 5" in text
    assert "Nicht mehr im Schreiben: Punkte 4" in text
    assert "Sachstandsbericht geändert bei Punkt 1c" in text
    assert "Punkt 3: In Bearbeitung → Erfüllt" in text
    assert "in_progress" not in text


def test_issue_page_warns_of_a_past_next_control_date(seed, http_session, role_users):
    office = http_session(role_users["MayorsOffice"])
    url = f"{seed.absolute_url()}/@@issue-letter"
    warning = "//*[@id='bk-next-control-warning']"
    page = lxml.html.fromstring(office.get(f"{url}?date=2021-07-01").text)
    assert "30.06.2021" not in page.xpath(f"string({warning})")
    assert "30. Juni 2021" in page.xpath(f"string({warning})")
    page = lxml.html.fromstring(office.get(f"{url}?date=2021-05-01").text)
    assert page.xpath(warning) == []


def test_issue_page_says_when_nothing_changed(seed, http_session, role_users):
    office = http_session(role_users["MayorsOffice"])
    assert issue_letter(office, seed).status_code == 200
    page = office.get(f"{seed.absolute_url()}/@@issue-letter?date=2021-07-01")
    changes = lxml.html.fromstring(page.text).xpath(
        "string(//section[@id='bk-changes'])"
    )
    assert (
        "Seit dem Schreiben vom 25. Januar 2021 hat sich nichts geändert."
        in " ".join(changes.split())
    )


def test_letter_changes_function():
    head = {"paper_reference": "V1", "date_text": "", "subject": ""}
    point = {"number": "1", "state": "open", "status_report": ""}
    previous = read_letter(
        {**head, "date": "2021-01-25", "points": [point, {**point, "number": "2"}]}
    )
    current = read_letter(
        {
            **head,
            "date": "2021-06-30",
            "points": [
                {**point, "state": "fulfilled"},
                {**point, "number": "3", "status_report": "<p>x</p>"},
            ],
        }
    )
    assert letter_changes(previous, current) == {
        "previous_date": "2021-01-25",
        "added": ["3"],
        "removed": ["2"],
        "state_changes": [{"number": "1", "from": "open", "to": "fulfilled"}],
        "report_changes": [],
    }
    assert letter_changes(None, current)["added"] == []


@pytest.mark.parametrize(
    ("role", "released", "allowed"),
    [
        ("CouncilMember", True, True),
        ("CouncilMember", False, False),
        (None, True, False),
    ],
)
def test_who_reads_issued_reports(
    seed, http_session, role_users, role, released, allowed
):
    issue_letter(http_session(role_users["MayorsOffice"]), seed)
    if released:
        transaction.begin()
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=seed, transition="release")
        transaction.commit()
    (report,) = reports(seed)
    session = http_session(role_users.get(role))
    for url in (report.absolute_url(), f"{report.absolute_url()}/@@download/pdf"):
        response = session.get(url, allow_redirects=False)
        assert (response.status_code == 200) is allowed, (url, response.status_code)


def test_resolution_page_lists_reports_newest_first(seed, http_session, role_users):
    office = http_session(role_users["MayorsOffice"])
    issue_letter(office, seed)
    issue_letter(office, seed, date="2021-07-01", next_control_date="2021-12-31")
    page = lxml.html.fromstring(office.get(seed.absolute_url()).text)
    links = page.xpath("//ul[@id='bk-reports']/li/a[1]/@href")
    assert [link.rsplit("/", 1)[1] for link in links] == [
        "bericht-2021-07-01",
        "bericht-2021-01-25",
    ]
    pdf = office.get(page.xpath("//ul[@id='bk-reports']/li/a[2]/@href")[0])
    assert pdf.content.startswith(b"%PDF-")
    numbers = [n.strip() for n in page.xpath("//ol[@id='bk-points']/li/a/text()")]
    assert numbers == ["1.", "1a.", "1b.", "1c.", "1d.", "1e.", "2.", "3.", "4."]
    badges = page.xpath(
        "//ol[@id='bk-points']/li//span[contains(@class, 'bk-state-')]/text()"
    )
    assert badges[3] == "In Bearbeitung"
    assert badges[0] == "Erfüllt"
