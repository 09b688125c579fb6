"""The control list as the real roles see it: the page, its PDF (tagged PDF/A),
Word, CSV and XLSX, REST @control-list, and issuing it as the mayor's office."""

from io import BytesIO
from plone import api
from tests.helpers.council import COMMITTEE

import lxml.html
import pikepdf
import pypdf
import pytest
import transaction


CONFIDENTIAL = "Integrationskonzept"  # V0001/20, released, confidential
PUBLIC = "Radwegekonzept"  # V0002/21, public
DRAFT = "Bibliothekssanierung"  # V0004/22, draft


def get(http_session, role_users, role, url, **params):
    user = role_users.get(role) if role != "Anonymous" else None
    return http_session(user).get(url, params=params)


@pytest.mark.parametrize(
    ("role", "seen", "hidden"),
    [
        # drafts are the administration's: never in the council's list
        ("MayorsOffice", [CONFIDENTIAL, PUBLIC], [DRAFT]),
        ("Editor", [CONFIDENTIAL, PUBLIC], [DRAFT]),
        ("CouncilMember", [CONFIDENTIAL, PUBLIC], [DRAFT]),
        ("Anonymous", [PUBLIC], [CONFIDENTIAL, DRAFT]),
    ],
)
def test_page_shows_what_each_role_may_see(
    functional_folder, http_session, role_users, role, seen, hidden
):
    page = get(
        http_session,
        role_users,
        role,
        f"{functional_folder.absolute_url()}/@@control-list",
        body="Stadtrat",
    )
    assert page.status_code == 200
    tree = lxml.html.fromstring(page.text)
    headings = " ".join(tree.xpath("//h3[@class='bk-list-entry-heading']//text()"))
    for title in seen:
        assert title in headings
    for title in hidden:
        assert title not in page.text
    issue_links = tree.xpath("//a[@id='bk-list-issue']")
    assert bool(issue_links) is (role == "MayorsOffice")


def test_page_marks_delays_and_links_papers(
    functional_folder, http_session, role_users
):
    page = get(
        http_session,
        role_users,
        "CouncilMember",
        f"{functional_folder.absolute_url()}/@@control-list",
        body="Stadtrat",
    )
    tree = lxml.html.fromstring(page.text)
    (entry,) = [
        section
        for section in tree.xpath("//section[@class='bk-list-entry']")
        if "V0001/20" in section.text_content()
    ]
    (link,) = entry.xpath(".//h3/a/@href")
    assert link == functional_folder["v0001-20"].absolute_url()
    rows = entry.xpath(".//tbody/tr")
    assert "überfällig" in rows[0].text_content()
    assert "Kein Grund für die Verzögerung angegeben." in rows[0].text_content()
    assert "Verzögerung: Die Vergabe wurde gerügt." in " ".join(
        rows[1].text_content().split()
    )
    assert "Zieltermin: 30.06.2030" in " ".join(rows[1].text_content().split())
    # the traffic light is written out, not only a colour
    assert rows[1].xpath(
        ".//span[contains(@class, 'bk-light-in_progress')]/text()"
    ) == ["In Bearbeitung"]
    annex = tree.xpath("//table[contains(@class, 'bk-list-done')]")[0]
    assert "Aufgehoben/überholt" in annex.text_content()
    assert "V0815/24" in annex.text_content()


def test_committee_list_page(functional_folder, http_session, role_users):
    page = get(
        http_session,
        role_users,
        "Anonymous",
        f"{functional_folder.absolute_url()}/@@control-list",
        body=COMMITTEE,
    )
    assert "Baumschutzsatzung" in page.text
    assert "Radwegekonzept" not in page.text


@pytest.mark.parametrize(
    "params", [{"body": "Nirgendwo"}, {"body": "Stadtrat", "to": "gestern"}]
)
@pytest.mark.parametrize(
    "view",
    ["@@control-list", "@@control-list.pdf", "@@control-list.csv", "@control-list"],
)
def test_bad_parameters_are_a_clear_400(
    functional_folder, http_session, role_users, params, view
):
    session = http_session(role_users["MayorsOffice"], json=view.startswith("@c"))
    response = session.get(f"{functional_folder.absolute_url()}/{view}", params=params)
    assert response.status_code == 400
    assert "Gremium" in response.text or "Parameter" in response.text


def test_pdf_is_the_tagged_letter_layout(functional_folder, http_session, role_users):
    response = get(
        http_session,
        role_users,
        "CouncilMember",
        f"{functional_folder.absolute_url()}/@@control-list.pdf",
        body="Stadtrat",
    )
    assert response.headers["Content-Type"] == "application/pdf"
    assert "Cache-Control" in response.headers
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in pypdf.PdfReader(BytesIO(response.content)).pages
    )
    assert "Beschlusskontrollliste des Gremiums Stadtrat" in text
    assert "Die Vergabe wurde gerügt." in text
    assert DRAFT not in text
    with pikepdf.open(BytesIO(response.content)) as document:
        assert bool(document.Root.MarkInfo.Marked) is True
        assert "/StructTreeRoot" in document.Root
        assert str(document.Root.Lang) == "de"


def test_anonymous_pdf_holds_only_public(functional_folder, http_session, role_users):
    response = get(
        http_session,
        role_users,
        "Anonymous",
        f"{functional_folder.absolute_url()}/@@control-list.pdf",
        body="Stadtrat",
    )
    text = " ".join(
        page.extract_text() for page in pypdf.PdfReader(BytesIO(response.content)).pages
    )
    assert "Radwegekonzept" in text
    assert CONFIDENTIAL not in text
    assert "vertraulich" not in text


def test_docx_tables_have_repeated_headers(functional_folder, http_session, role_users):
    from docx import Document

    response = get(
        http_session,
        role_users,
        "MayorsOffice",
        f"{functional_folder.absolute_url()}/@@control-list.docx",
        body="Stadtrat",
    )
    document = Document(BytesIO(response.content))
    assert len(document.tables) == 3  # two resolutions, the annex
    for table in document.tables:
        first_row = table.rows[0]._tr
        assert first_row.xpath("./w:trPr/w:tblHeader")
    cells = [cell.text for cell in document.tables[0].rows[2].cells]
    assert cells[0] == "2."
    assert "Die Vergabe wurde gerügt." in cells[3]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 3"]
    assert headings[0] == "V0001/20 Integrationskonzept"


def test_csv_and_xlsx_rows(functional_folder, http_session, role_users):
    from openpyxl import load_workbook

    base = f"{functional_folder.absolute_url()}/@@control-list"
    csv = get(http_session, role_users, "MayorsOffice", f"{base}.csv", body="Stadtrat")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Teil;Vorlage;Titel;Federführung;Beschlossen am;Punkt;")
    assert len(lines) == 1 + 3 + 6
    assert lines[1].startswith("Arbeit offen;V0001/20;Integrationskonzept;")
    xlsx = get(http_session, role_users, "Anonymous", f"{base}.xlsx", body="Stadtrat")
    sheet = load_workbook(BytesIO(xlsx.content)).active
    papers = {row[1] for row in list(sheet.values)[1:]}
    assert papers == {"V0002/21"}


@pytest.mark.parametrize(
    ("role", "papers"),
    [
        ("MayorsOffice", ["V0001/20", "V0002/21"]),
        ("CouncilMember", ["V0001/20", "V0002/21"]),
        ("Anonymous", ["V0002/21"]),
    ],
)
def test_rest_control_list(functional_folder, http_session, role_users, role, papers):
    user = role_users.get(role) if role != "Anonymous" else None
    body = (
        http_session(user, json=True)
        .get(
            f"{functional_folder.absolute_url()}/@control-list",
            params={"body": "Stadtrat"},
        )
        .json()
    )
    assert [entry["paper_reference"] for entry in body["entries"]] == papers
    assert body["public_only"] is (role == "Anonymous")
    assert body["totals"]["resolutions"] == len(papers)
    assert body["documents"]["pdf"].startswith(functional_folder.absolute_url())


def issue_form(session, folder, **params):
    page = session.get(f"{folder.absolute_url()}/@@issue-control-list", params=params)
    tree = lxml.html.fromstring(page.text)
    (form,) = tree.xpath("//form[contains(@action, '@@issue-control-list')]")
    data = dict(form.form_values())
    data["form.buttons.issue"] = "1"
    return session.post(form.action, data=data)


def test_mayors_office_issues_the_list(functional_folder, http_session, role_users):
    session = http_session(role_users["MayorsOffice"])
    response = issue_form(session, functional_folder, body="Stadtrat")
    assert response.status_code == 200
    assert "kontrollliste-" in response.url
    transaction.begin()
    (report,) = [
        o
        for o in functional_folder.objectValues()
        if o.portal_type == "ControlListReport"
    ]
    assert api.content.get_state(report) == "issued"
    assert report.pdf.data.startswith(b"%PDF")
    assert report.body == "Stadtrat"
    council = http_session(role_users["CouncilMember"]).get(report.absolute_url())
    assert council.status_code == 200
    assert "Integrationskonzept" in council.text
    anonymous = http_session().get(report.absolute_url())
    assert anonymous.status_code in (401, 403) or "login" in anonymous.url
    anonymous_pdf = http_session().get(f"{report.absolute_url()}/@@download/pdf")
    assert not anonymous_pdf.content.startswith(b"%PDF")


def test_issue_needs_the_authenticator(functional_folder, http_session, role_users):
    session = http_session(role_users["MayorsOffice"])
    response = session.post(
        f"{functional_folder.absolute_url()}/@@issue-control-list",
        data={"body": "Stadtrat", "form.buttons.issue": "1"},
    )
    assert response.status_code == 403
    transaction.begin()
    assert not [
        o
        for o in functional_folder.objectValues()
        if o.portal_type == "ControlListReport"
    ]


@pytest.mark.parametrize("role", ["Editor", "CouncilMember", "Anonymous"])
def test_only_the_mayors_office_issues(
    functional_folder, http_session, role_users, role
):
    user = role_users.get(role) if role != "Anonymous" else None
    response = http_session(user).get(
        f"{functional_folder.absolute_url()}/@@issue-control-list",
        params={"body": "Stadtrat"},
    )
    assert "Issue the control list" not in response.text
    assert "Kontrollliste ausfertigen" not in response.text
    assert (
        response.status_code in (401, 403)
        or "login" in response.url
        or "insufficient-privileges" in response.url
    )


def test_public_list_is_read_by_anonymous(functional_folder, http_session, role_users):
    session = http_session(role_users["MayorsOffice"])
    response = issue_form(session, functional_folder, body="Stadtrat", public="1")
    anonymous = http_session().get(response.url)
    assert anonymous.status_code == 200
    assert "Radwegekonzept" in anonymous.text
    assert CONFIDENTIAL not in anonymous.text


def test_withdrawing_a_list_needs_a_reason(functional_folder, http_session, role_users):
    issue_form(
        http_session(role_users["MayorsOffice"]), functional_folder, body="Stadtrat"
    )
    transaction.begin()
    (report,) = [
        o
        for o in functional_folder.objectValues()
        if o.portal_type == "ControlListReport"
    ]
    office = http_session(role_users["MayorsOffice"], json=True)
    refused = office.post(f"{report.absolute_url()}/@workflow/withdraw", json={})
    assert refused.status_code == 400
    done = office.post(
        f"{report.absolute_url()}/@workflow/withdraw",
        json={"comment": "Falsches Gremium"},
    )
    assert done.status_code == 200, done.text
    council = http_session(role_users["CouncilMember"]).get(report.absolute_url())
    assert "Integrationskonzept" not in council.text


def test_overview_flags_points_overdue_without_reason(
    functional_folder, http_session, role_users
):
    page = get(
        http_session,
        role_users,
        "Editor",
        f"{functional_folder.absolute_url()}/@@control-overview",
    )
    tree = lxml.html.fromstring(page.text)
    (row,) = [
        r
        for r in tree.xpath("//table[@id='bk-overview']//tr")
        if "V0001/20" in r.text_content()
    ]
    assert "Punkt 1 überfällig ohne Grund" in row.text_content()
    totals = " ".join(
        tree.xpath("//p[@id='bk-overview-totals']")[0].text_content().split()
    )
    assert "überfällig ohne Grund: 1." in totals
    assert "aufgehoben/überholt 2" in totals


def test_list_not_added_by_hand(functional_folder, http_session, role_users):
    for role in ("Manager", "MayorsOffice"):
        response = http_session(role_users[role], json=True).post(
            functional_folder.absolute_url(),
            json={"@type": "ControlListReport", "body": "Stadtrat", "html": "x"},
        )
        assert response.status_code in (400, 403), response.text
    transaction.begin()
    assert not [
        o
        for o in functional_folder.objectValues()
        if o.portal_type == "ControlListReport"
    ]


def test_nobody_edits_an_issued_list(functional_folder, http_session, role_users):
    issue_form(
        http_session(role_users["MayorsOffice"]), functional_folder, body="Stadtrat"
    )
    transaction.begin()
    (report,) = [
        o
        for o in functional_folder.objectValues()
        if o.portal_type == "ControlListReport"
    ]
    for role in ("Manager", "MayorsOffice", "Editor"):
        response = http_session(role_users[role], json=True).patch(
            report.absolute_url(), json={"html": "<p>gefälscht</p>"}
        )
        assert response.status_code == 401
    transaction.begin()
    assert "gefälscht" not in report.html


def test_issued_list_over_rest_is_filtered(functional_folder, http_session, role_users):
    issue_form(
        http_session(role_users["MayorsOffice"]), functional_folder, body="Stadtrat"
    )
    transaction.begin()
    (report,) = [
        o
        for o in functional_folder.objectValues()
        if o.portal_type == "ControlListReport"
    ]
    body = http_session(role_users["CouncilMember"], json=True).get(
        report.absolute_url()
    )
    assert body.status_code == 200
    data = body.json()
    assert data["body"] == "Stadtrat"
    assert "<script" not in data["html"]
    assert "Integrationskonzept" in data["list_json"]
