"""XSS payloads in every text field, however they got there, are inert in every
output: the pages, the letter as HTML, PDF and Word, the issued report, the overview
and its exports, and the REST answers."""

from Acquisition import aq_parent
from bk.plone.content import approvals
from bk.plone.letter.settings import letter_setting_names
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer
from plone.registry.field import Choice
from tests.helpers.active import active_in_docx
from tests.helpers.active import active_in_fragment
from tests.helpers.active import active_in_html
from tests.helpers.active import active_in_pdf
from tests.helpers.active import html_strings
from tests.helpers.active import MARKER
from tests.helpers.active import PAYLOADS
from tests.helpers.web import issue_letter

import pytest
import transaction


RESOLUTION_TEXT_FIELDS = (
    "title",
    "description",
    "session_reference",
    "file_reference",
    "recipients",
    "body",
    "responsible_office",
)
POINT_RICH_FIELDS = ("resolution_text", "status_report")


def rich(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


@pytest.fixture
def poisoned(functional_portal, role_users, request):
    """A released resolution with the payload in every text field, in its points, in
    a proposal's comment and in the letter's settings."""
    payload = request.param
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        records = api.portal.get_tool("portal_registry").records
        for name in letter_setting_names():
            # choices (form A/B, page numbering) take no text at all
            if not isinstance(records[f"bk.plone.{name}"].field, Choice):
                api.portal.set_registry_record(f"bk.plone.{name}", f"Text {payload}")
        folder = api.content.create(container=portal, type="Folder", id="beschluesse")
        api.content.transition(obj=folder, transition="publish")
        resolution = createContentInContainer(
            folder,
            "Resolution",
            paper_reference="V0001/24",
            **dict.fromkeys(RESOLUTION_TEXT_FIELDS, f"Feld {payload}"),
        )
        for number, state in (("1", "fulfilled"), ("2", "in_progress")):
            point = createContentInContainer(
                resolution,
                "ControlPoint",
                number=number,
                **{name: rich(f"<p>Text {payload}</p>") for name in POINT_RICH_FIELDS},
                responsible_office=f"Amt {payload}",
            )
            if state == "fulfilled":
                point.status_report = None
                api.content.transition(obj=point, transition="fulfil")
        api.content.transition(obj=resolution, transition="release")
    with api.env.adopt_user(username=role_users["Editor"]):
        approvals.propose(resolution["2"], "fulfil", comment=f"Kommentar {payload}")
    transaction.commit()
    return resolution


HTML_PAGES = (
    "",
    "/@@letter",
    "/@@issue-letter",
    "/2",
    "/2/@@approvals",
    "/@@control-overview",
    "/@@approvals",
)
REST_PATHS = ("", "/@letter", "/2", "/2/@approvals", "/@control-overview")
FOLDER_VIEWS = ("/@@control-overview", "/@@approvals", "/@control-overview")


@pytest.mark.parametrize("poisoned", PAYLOADS, indirect=True, ids=range(len(PAYLOADS)))
def test_payload_inert_everywhere(poisoned, http_session, role_users, tried):
    url = poisoned.absolute_url()
    folder_url = aq_parent(poisoned).absolute_url()
    office = http_session(role_users["MayorsOffice"])
    found = {}
    cases = 0

    for path in HTML_PAGES:
        base = folder_url if path in FOLDER_VIEWS else url
        response = office.get(base + path)
        assert response.status_code == 200, path
        assert MARKER in response.text, f"{path}: payload not shown at all"
        found[path or "resolution page"] = active_in_html(response.text)
        cases += 1

    # GZ and next control date as stored: the payload's GZ goes into the report
    report_page = issue_letter(
        office, poisoned, date="2024-03-01", file_reference=None, next_control_date=None
    )
    assert report_page.status_code == 200, report_page.text[:300]
    found["issued report"] = active_in_html(report_page.text)
    cases += 1
    transaction.begin()
    (report,) = [o for o in poisoned.objectValues() if o.portal_type == "ControlReport"]
    found["issued report html"] = active_in_html(report.html)
    found["issued report pdf"] = active_in_pdf(report.pdf.data)
    cases += 2

    pdf = office.get(f"{url}/@@letter.pdf")
    assert pdf.headers["Content-Type"] == "application/pdf"
    found["@@letter.pdf"] = active_in_pdf(pdf.content)
    docx = office.get(f"{url}/@@letter.docx")
    found["@@letter.docx"] = active_in_docx(docx.content)
    cases += 2

    for export in ("csv", "xlsx"):
        response = office.get(f"{folder_url}/@@control-overview.{export}")
        assert response.status_code == 200
        # served as a download, never as a page a browser would run
        assert "html" not in response.headers["Content-Type"]
        assert response.headers["Content-Disposition"].startswith("attachment")
        cases += 1

    rest = http_session(role_users["MayorsOffice"], json=True)
    for path in REST_PATHS:
        base = folder_url if path in FOLDER_VIEWS else url
        response = rest.get(base + path)
        assert response.status_code == 200, path
        assert MARKER in response.text
        found[f"REST {path or 'GET'}"] = [
            hit
            for fragment in html_strings(response.json())
            for hit in active_in_fragment(fragment)
        ]
        cases += 1

    tried(
        "xss: payload x output", cases * len(RESOLUTION_TEXT_FIELDS + POINT_RICH_FIELDS)
    )
    assert {where: hits for where, hits in found.items() if hits} == {}


def test_finders_find_active_content():
    """The finders above would see what they look for (else the suite proves nothing)."""
    assert active_in_html(f"<p><script>alert('{MARKER}')</script></p>")
    assert active_in_html(f"<a href=' javascript:alert(\"{MARKER}\")'>x</a>")
    assert active_in_html(f'<img src=x onerror="{MARKER}">')
    assert not active_in_html(f"<p>&lt;script&gt;{MARKER}&lt;/script&gt;</p>")
    assert list(html_strings({"text": {"data": "<p/>", "content-type": "text/html"}}))


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_imported_letter_keeps_payloads_as_text(
    functional_portal, role_users, http_session, tried, payload
):
    """A letter file is text: what looks like markup in it stays text, in the
    stored fields and in every rendering."""
    from tests.helpers.letters import letter

    import base64

    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=functional_portal, type="Folder", id="import")
    transaction.commit()
    points = (
        f"1. „Die Oberbürgermeisterin wird beauftragt, {payload} umzusetzen.“\n\n"
        f"Bericht {payload} folgt.\n"
    )
    office = http_session(role_users["MayorsOffice"], json=True)
    response = office.post(
        f"{functional_portal.absolute_url()}/import/@import-letters",
        json={
            "files": [
                {
                    "filename": "brief.txt",
                    "data": base64.b64encode(letter(points).encode()).decode(),
                }
            ]
        },
    )
    assert response.status_code == 200, response.text[:500]
    transaction.begin()
    point = functional_portal["import"]["a0123-22"]["1"]
    # stored as text: the payload's "<" is an entity, not a tag
    assert "&lt;" in point.resolution_text.raw
    assert "&lt;" in point.status_report.raw
    url = point.__parent__.absolute_url()
    page = http_session(role_users["MayorsOffice"]).get(f"{url}/@@letter")
    assert active_in_html(page.text) == []
    assert MARKER in page.text
    pdf = http_session(role_users["MayorsOffice"]).get(f"{url}/@@letter.pdf")
    assert active_in_pdf(pdf.content) == []
    tried("xss: payload x output", 3)
