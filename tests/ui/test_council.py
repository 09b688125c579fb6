"""Reports for the council in Chromium: "new since your last visit" on the
overview, kept in the browser; the control list and an issued one as pages."""

from bk.plone.letter.issue import issue
from bk.plone.letter.model import build_letter
from bk.plone.letter.render import document_html
from datetime import date
from datetime import timedelta
from plone import api
from tests.helpers.ui import assert_accessible
from tests.helpers.ui import login

import pytest
import transaction


pytestmark = pytest.mark.slow


@pytest.fixture
def portal_url(demo_site):
    return demo_site.absolute_url()


def new_marks(page) -> list[str]:
    return [
        row.inner_text().split("\t")[0].strip()
        for row in page.locator("#bk-overview tr:has(.bk-new-mark)").all()
    ]


def test_new_letters_since_the_last_visit(page, portal_url, demo_site):
    login(page, portal_url, "stadtrat")
    overview = f"{portal_url}/beschluesse/@@control-overview"
    page.goto(overview)
    assert new_marks(page) == []  # a first visit has nothing to compare with
    assert page.locator("#bk-new-since").is_hidden()
    page.wait_for_timeout(1100)  # the letter below is issued after the visit
    resolution = demo_site["beschluesse"]["u0031-24"]
    with api.env.adopt_roles(["Manager"]):
        letter = build_letter(
            resolution, next_control_date=date.today() + timedelta(days=90)
        )
        issue(resolution, letter, document_html(letter), b"%PDF-1.7")
    transaction.commit()
    page.goto(overview)
    marks = page.locator(".bk-new-mark")
    assert marks.count() == 1
    assert marks.first.inner_text() == "neues Schreiben seit Ihrem letzten Besuch"
    assert "U0031/24" in page.locator("#bk-overview tr:has(.bk-new-mark)").inner_text()
    status = page.locator("#bk-new-since")
    assert status.inner_text() == (
        "Beschlüsse mit neuem Schreiben seit Ihrem letzten Besuch: 1"
    )
    page.screenshots.take(page, "new-since")
    assert_accessible(page)
    page.goto(overview)
    assert page.locator(".bk-new-mark").count() == 0  # seen now


def test_control_list_of_the_committee(page, portal_url):
    login(page, portal_url, "stadtrat")
    page.goto(f"{portal_url}/beschluesse/@@control-list")
    page.select_option("#bk-list-body", "Ausschuss für Umwelt und Kommunalwirtschaft")
    page.click("#bk-list-filters button[type=submit]")
    page.wait_for_load_state()
    headings = page.locator("h3.bk-list-entry-heading").all_inner_texts()
    assert [h.split()[0] for h in headings] == ["U0031/24", "U0047/25"]
    assert "Kein Grund für die Verzögerung angegeben." in page.inner_text("main")
    page.screenshots.take(page, "committee")
    assert_accessible(page)
