"""The classic UI in a real browser, as the people who use it: an editor writes a
status report and proposes; the mayor's office approves from its worklist; a council
member reads the letter and takes the PDF; anonymous meets the login form; the
overview filters and exports."""

from bk.plone.content import approvals
from plone import api
from tests.helpers.ui import login

import csv
import pytest
import transaction


pytestmark = pytest.mark.slow


def saved_point():
    """The point 1c as the site saved it."""
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        return api.content.get(path="/beschluesse/v0220-14/1c")


@pytest.fixture
def urls(demo_site):
    portal = demo_site.absolute_url()
    resolution = f"{portal}/beschluesse/v0220-14"
    return {"portal": portal, "resolution": resolution, "point": f"{resolution}/1c"}


def test_editor_writes_report_and_proposes(page, urls):
    login(page, urls["portal"], "redaktion")
    page.goto(f"{urls['point']}/edit")
    editor = page.frame_locator("#formfield-form-widgets-status_report iframe").locator(
        "body"
    )
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Seit Januar 2021 sind alle Berechtigten angemeldet.")
    page.screenshots.take(page, "report")
    page.click("#form-buttons-save")
    page.wait_for_load_state()
    page.goto(urls["resolution"])
    point = page.locator("#bk-point-1c")
    point.locator("select[name=transition]").select_option("fulfil")
    point.locator("input[name=comment]").fill("Alle angemeldet.")
    page.screenshots.take(page, "proposal")
    point.get_by_role("button", name="Vorschlagen").click()
    page.wait_for_load_state()
    assert "Als erfüllt kennzeichnen" in page.locator("#bk-point-1c").inner_text()
    point = saved_point()
    assert "alle Berechtigten angemeldet" in point.status_report.raw
    assert approvals.open_proposal(point)["transition"] == "fulfil"


def test_mayors_office_approves_from_worklist(page, urls):
    with api.env.adopt_user(username="redaktion"):
        point = api.content.get(path="/beschluesse/v0220-14/1c")
        approvals.propose(point, "fulfil", "Alle angemeldet.")
    transaction.commit()
    login(page, urls["portal"], "buergermeisteramt")
    page.goto(f"{urls['portal']}/@@approvals")
    page.screenshots.take(page, "worklist")
    page.get_by_role("button", name="Genehmigen").first.click()
    page.wait_for_load_state()
    assert api.content.get_state(saved_point()) == "fulfilled"


def test_council_member_reads_letter_and_takes_pdf(page, urls):
    login(page, urls["portal"], "stadtrat")
    page.goto(urls["resolution"])
    page.get_by_role("link", name="Schreiben", exact=True).click()
    page.wait_for_load_state()
    letter = page.locator("article.bk-letter")
    assert "Beschlusskontrolle zu V0220/14" in letter.inner_text()
    assert "Dirk Hilbert" in letter.inner_text()
    page.screenshots.take(page, "letter")
    pdf = page.context.request.get(f"{urls['resolution']}/@@letter.pdf")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")


def test_anonymous_meets_the_login_form(page, urls):
    page.goto(urls["resolution"])
    page.wait_for_load_state()
    assert page.locator("#__ac_name").is_visible()
    assert "Dirk Hilbert" not in page.content()
    assert "Konzept zur Integration" not in page.content()


def test_overview_filters_and_exports(page, urls):
    login(page, urls["portal"], "buergermeisteramt")
    page.goto(f"{urls['portal']}/beschluesse/@@control-overview")
    rows = page.locator("#bk-overview tbody tr")
    # the seed (council only), the public example, the committee's two
    assert rows.count() == 4
    assert "überfällig" in rows.first.inner_text()
    page.select_option("#bk-filter-status", "fulfilled")
    page.get_by_role("button", name="Filtern").click()
    page.wait_for_load_state()
    assert "status=fulfilled" in page.url
    assert page.locator("#bk-overview tbody tr").count() == 0
    page.select_option("#bk-filter-status", "in_progress")
    page.check("#bk-filter-overdue")
    page.get_by_role("button", name="Filtern").click()
    page.wait_for_load_state()
    assert page.locator("#bk-overview tbody tr").count() == 4
    page.screenshots.take(page, "filtered")
    with page.expect_download() as download:
        page.click("#bk-export-csv")
    path = download.value.path()
    lines = list(
        csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";")
    )
    assert lines[0][:2] == ["Vorlage", "Titel"]
    assert [line[0] for line in lines[1:]] == [
        "V0220/14",
        "A0815/19",
        "U0031/24",
        "U0047/25",
    ]


def test_overview_scrolls_in_its_own_region_on_a_narrow_screen(page, urls):
    """A table wider than the window scrolls inside its region, which the keyboard
    reaches; the page itself does not scroll sideways (WCAG 1.4.10)."""
    login(page, urls["portal"], "buergermeisteramt")
    page.set_viewport_size({"width": 800, "height": 900})
    page.goto(f"{urls['portal']}/beschluesse/@@control-overview")
    region = page.locator("#bk-overview-region")
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("aria-label") == "Übersicht der Beschlusskontrollen"
    assert page.evaluate("document.documentElement.scrollWidth") <= 800
    widths = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
    assert widths[0] > widths[1]  # the table is wider: it scrolls here
    region.focus()
    page.keyboard.press("ArrowRight")
    # keyboard scrolling is animated
    page.wait_for_function(
        "document.getElementById('bk-overview-region').scrollLeft > 0", timeout=5000
    )
    page.screenshots.take(page, "narrow")


def test_keyboard_reaches_the_proposal_form(page, urls):
    login(page, urls["portal"], "redaktion")
    page.goto(urls["resolution"])
    select = page.locator("#bk-transition-1c")
    for _ in range(200):
        page.keyboard.press("Tab")
        if select.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("the proposal form of point 1c cannot be reached with Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("Per Tastatur.")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Per Tastatur." in page.locator("#bk-point-1c").inner_text()


def test_point_history_shows_proposal_and_approval(page, urls):
    with api.env.adopt_user(username="redaktion"):
        point = api.content.get(path="/beschluesse/v0220-14/1c")
        approvals.propose(point, "fulfil", "Alle angemeldet.")
    with api.env.adopt_user(username="buergermeisteramt"):
        approvals.approve(point, "Danke.")
    transaction.commit()
    login(page, urls["portal"], "buergermeisteramt")
    page.goto(f"{urls['point']}/@@historyview")
    history = page.locator("body").inner_text()
    page.screenshots.take(page, "history")
    assert "Vorgeschlagen: Als erfüllt kennzeichnen" in history
    assert "Alle angemeldet." in history
    assert "Danke." in history
