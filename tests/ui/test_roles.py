"""What each role sees, in Chromium, from the front page by following links: every
bk.plone page a role may see is screenshotted and checked with axe-core (WCAG 2.1
A/AA; a finding in bk.plone's own markup fails). Plone's own chrome is reported in
artifacts/axe-plone.json for the README's accessibility notes, not failed."""

from bk.plone.content import approvals
from pathlib import Path
from plone import api
from tests.helpers.ui import assert_accessible
from tests.helpers.ui import login

import json
import pytest
import transaction


pytestmark = pytest.mark.slow

PLONE_FINDINGS = Path(__file__).resolve().parents[2] / "artifacts" / "axe-plone.json"


def look(page, what: str) -> None:
    """Screenshot and axe the page; keep what axe says of Plone's own markup."""
    page.wait_for_load_state()
    page.screenshots.take(page, what)
    theirs = assert_accessible(page)
    PLONE_FINDINGS.parent.mkdir(parents=True, exist_ok=True)
    known = json.loads(PLONE_FINDINGS.read_text()) if PLONE_FINDINGS.exists() else {}
    for finding in theirs:
        known[f"{finding['rule']} {finding['target']}"] = finding["summary"]
    PLONE_FINDINGS.write_text(json.dumps(known, indent=1, sort_keys=True))


def follow(page, name: str) -> None:
    page.get_by_role("link", name=name).first.click()
    page.wait_for_load_state()


@pytest.fixture
def portal_url(demo_site):
    return demo_site.absolute_url()


def test_anonymous_finds_the_public_overview(page, portal_url):
    page.goto(portal_url)
    look(page, "front")
    assert "Wohin?" in page.locator("#content").inner_text()
    # the front page's links are resolved where it is read (stored by UID)
    worklist = page.locator("#content").get_by_role(
        "link", name="Vorschläge zur Entscheidung"
    )
    assert worklist.get_attribute("href") == f"{portal_url}/beschluesse/@@approvals"
    follow(page, "Übersicht der Beschlüsse")
    look(page, "overview")
    overview = page.locator("#content").inner_text()
    # the seed resolution is for the council only, the fountains are public
    assert "V0220/14" not in overview
    follow(page, "A0815/19")
    look(page, "resolution")
    assert "Offen" in page.locator("#bk-point-3").inner_text()
    assert not page.locator("form.bk-propose").count()


def test_council_member_reads_a_resolution_its_points_and_letter(page, portal_url):
    login(page, portal_url, "stadtrat")
    page.goto(portal_url)
    follow(page, "Übersicht der Beschlüsse")
    look(page, "overview")
    follow(page, "V0220/14")
    look(page, "resolution")
    point = page.locator("#bk-point-1c")
    assert "In Bearbeitung" in point.inner_text()
    assert "Die Oberbürgermeisterin soll sich" in point.inner_text()
    assert page.locator("#bk-point-1a .badge").first.is_visible()
    fields = page.locator(".bk-resolution-fields").inner_text()
    assert "Beschließendes Gremium\nStadtrat" in fields
    follow(page, "1c.")
    look(page, "point")
    assert "In Bearbeitung" in page.locator("#bk-point-state").inner_text()
    assert "Versionierung" not in page.locator("#content").inner_text()
    page.go_back()
    pdf_link = page.locator(".bk-letter-links").get_by_role("link", name="PDF")
    pdf = page.context.request.get(pdf_link.get_attribute("href"))
    assert pdf.body().startswith(b"%PDF-")
    follow(page, "Schreiben")
    look(page, "letter")
    assert "Dirk Hilbert" in page.locator("article.bk-letter").inner_text()


def test_editor_proposes_on_the_point_page(page, portal_url):
    login(page, portal_url, "redaktion")
    page.goto(portal_url)
    follow(page, "Übersicht der Beschlüsse")
    follow(page, "V0220/14")
    follow(page, "1c.")
    look(page, "point")
    page.get_by_label("Vorgeschlagene Änderung").select_option("fulfil")
    page.get_by_label("Kommentar", exact=True).fill("Alle angemeldet.")
    page.get_by_role("button", name="Vorschlagen").click()
    page.wait_for_load_state()
    look(page, "proposed")
    assert "Als erfüllt kennzeichnen" in page.locator(".bk-proposal").inner_text()
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        point = api.content.get(path="/beschluesse/v0220-14/1c")
        assert approvals.open_proposal(point)["comment"] == "Alle angemeldet."


def test_mayors_office_finds_the_worklist_and_approves(page, portal_url):
    with api.env.adopt_user(username="redaktion"):
        point = api.content.get(path="/beschluesse/v0220-14/1c")
        approvals.propose(point, "fulfil", "Alle angemeldet. " + "x" * 3000)
    transaction.commit()
    login(page, portal_url, "buergermeisteramt")
    page.goto(portal_url)
    look(page, "front")
    notice = page.locator("#bk-approvals-notice").inner_text()
    assert notice.strip() == "Ein Vorschlag wartet auf Ihre Entscheidung"
    # the toolbar's personal menu holds the worklist
    page.get_by_role("link", name="Bernd Büro (Büro des Oberbürgermeisters)").click()
    follow(page, "Vorschläge zur Entscheidung")
    assert page.url.endswith("/@@approvals")
    look(page, "worklist")
    table = page.locator("#bk-approvals")
    text = table.inner_text()
    assert "Als erfüllt kennzeichnen" in text
    assert "Rita Redaktion (Fachamt)" in text
    assert "Die Oberbürgermeisterin soll sich" in text
    assert "T" not in text.split("von Rita Redaktion (Fachamt),")[1][:20]
    # a long comment wraps inside the page
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 20
    page.get_by_role("button", name="Genehmigen").first.click()
    page.wait_for_load_state()
    look(page, "approved")
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        point = api.content.get(path="/beschluesse/v0220-14/1c")
        assert api.content.get_state(point) == "fulfilled"


def test_mayors_office_sees_the_issue_page(page, portal_url):
    login(page, portal_url, "buergermeisteramt")
    page.goto(f"{portal_url}/beschluesse/v0220-14")
    look(page, "resolution")
    follow(page, "Schreiben ausfertigen")
    look(page, "issue")


# Every bk.plone page, as each role that may see it (demo site: the resolution
# v0220-14 released to the council, its letter of 25 January 2021 issued).
RESOLUTION = "beschluesse/v0220-14"
REPORT = f"{RESOLUTION}/bericht-2021-01-25"
PAGES = [
    ("stadtrat", RESOLUTION),
    ("stadtrat", f"{RESOLUTION}/1c"),
    ("stadtrat", f"{RESOLUTION}/@@letter"),
    ("stadtrat", REPORT),
    ("stadtrat", "beschluesse/@@control-overview?status=in_progress&overdue=1"),
    ("redaktion", f"{RESOLUTION}/1c/edit"),
    ("redaktion", f"{RESOLUTION}/1c/@@approvals"),
    ("redaktion", f"{RESOLUTION}/edit"),
    ("buergermeisteramt", f"{RESOLUTION}/edit"),
    ("buergermeisteramt", "@@approvals"),
    ("buergermeisteramt", f"{RESOLUTION}/@@issue-letter"),
    ("buergermeisteramt", REPORT),
    ("buergermeisteramt", f"{REPORT}/@@withdraw-report"),
    ("buergermeisteramt", "beschluesse/@@import-letters"),
    ("admin", "@@bk-settings"),
    # reports for the council
    ("stadtrat", "beschluesse/@@control-list?body=Stadtrat"),
    ("stadtrat", "beschluesse/@@control-overview"),
    ("redaktion", "beschluesse/u0031-24"),
    ("redaktion", "beschluesse/u0031-24/1"),
    ("buergermeisteramt", "beschluesse/u0031-24"),
    ("buergermeisteramt", "beschluesse/u0031-24/@@supersede-resolution"),
    (
        "buergermeisteramt",
        "beschluesse/@@issue-control-list?body=Ausschuss+für+Umwelt+und+Kommunalwirtschaft",
    ),
]


@pytest.mark.parametrize(("login_name", "path"), PAGES)
def test_every_page_as_its_roles(page, portal_url, login_name, path):
    if login_name == "admin":
        from plone.app.testing import SITE_OWNER_NAME
        from plone.app.testing import SITE_OWNER_PASSWORD

        page.goto(f"{portal_url}/login")
        page.fill("#__ac_name", SITE_OWNER_NAME)
        page.fill("#__ac_password", SITE_OWNER_PASSWORD)
        page.click("#buttons-login")
        page.wait_for_load_state()
    else:
        login(page, portal_url, login_name)
    response = page.goto(f"{portal_url}/{path}")
    assert response.status == 200, path
    look(page, path.replace("/", "_").replace("@@", "").split("?")[0])
