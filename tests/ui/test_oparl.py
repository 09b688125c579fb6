"""The council information system in Chromium, as each role meets it: the mayor's
office syncs a folder (preview, then sync) and applies a changed decided text; the
department sees the change without deciding it; the council and the public follow
the link into the council system, on the page and in the letter."""

from plone import api
from tests.helpers.oparl_server import oparl_server
from tests.helpers.ui import assert_accessible
from tests.helpers.ui import login

import pytest
import re
import transaction


pytestmark = pytest.mark.slow


@pytest.fixture
def portal_url(demo_site):
    return demo_site.absolute_url()


def test_mayors_office_syncs_a_folder(page, portal_url, demo_site):
    with oparl_server() as system:
        api.portal.set_registry_record("bk.plone.oparl_endpoint", system.url("system"))
        transaction.commit()
        login(page, portal_url, "buergermeisteramt")
        page.goto(f"{portal_url}/beschluesse/@@oparl-import")
        page.fill("#bk-oparl-url", system.url("system"))
        page.fill("#bk-oparl-from", "2024-03-01")
        page.fill("#bk-oparl-to", "2024-04-30")
        page.screenshots.take(page, "form")
        assert_accessible(page)
        page.click("button[name='form.buttons.preview']")
        page.wait_for_load_state()
        summary = page.inner_text("#bk-oparl-summary")
        assert summary.startswith("Der Abgleich ergäbe: 8 angelegt")
        assert page.inner_text("#bk-oparl-skipped summary") == (
            "Nicht übernommene Vorlagen: 19"
        )
        assert page.locator("#bk-oparl-taken tbody tr").count() == 8
        assert page.inner_text("#bk-oparl-drafts").startswith(
            "Neue Beschlüsse sind Entwürfe: Der Stadtrat und die Öffentlichkeit"
        )
        # an office not mapped is said once, not in each of the eight rows
        shared = page.inner_text("#bk-oparl-shared-notes")
        assert shared.count("„Stadtplanungsamt“ steht nicht unter") == 1
        assert "Stadtplanungsamt" not in page.inner_text("#bk-oparl-taken")
        page.screenshots.take(page, "preview")
        assert_accessible(page)
        page.click("button[name='form.buttons.sync']")
        page.wait_for_load_state()
        assert page.inner_text("#bk-oparl-summary").startswith(
            "Abgleich abgeschlossen: 8 angelegt"
        )
        page.screenshots.take(page, "synced")
        page.click("tr.bk-oparl-created a >> nth=0")
        page.wait_for_load_state()
        assert page.inner_text("h1") == "Beschluss Nummer 7"
        assert (
            page.locator("#bk-council-link").get_attribute("href").endswith("__kvonr=7")
        )
        page.screenshots.take(page, "resolution")


def test_mayors_office_syncs_what_changed_since_the_last_sync(
    page, portal_url, demo_site
):
    """The hourly run, in the browser: a decision recorded on its agenda item (the
    paper unchanged) is found, a changed agenda item whose paper cannot be read is
    named with its address."""
    from bk.plone.oparl.sync import sync

    with oparl_server() as system:
        api.portal.set_registry_record("bk.plone.oparl_endpoint", system.url("system"))
        with api.env.adopt_roles(["Manager"]):
            sync(demo_site["beschluesse"], system.url("system"))
        transaction.commit()
        system.change_agenda_item(
            3, resolutionText="Der Ausschuss lehnt die Vergabe an die Stadtwerke ab."
        )
        system.change_agenda_item(4, result="Geändert beschlossen")
        system.break_object(system.url("consultation/4"), "error")
        login(page, portal_url, "buergermeisteramt")
        page.goto(f"{portal_url}/beschluesse/@@oparl-import")
        since_last = page.inner_text("label[for='bk-oparl-since-last']")
        assert re.search(r"\(\d\d\.\d\d\.\d{4}, \d\d:\d\d\)", since_last), since_last
        page.check("#bk-oparl-since-last")
        page.click("button[name='form.buttons.preview']")
        page.wait_for_load_state()
        assert page.inner_text("#bk-oparl-summary").startswith(
            "Der Abgleich ergäbe: 0 angelegt, 1 aktualisiert"
        )
        taken = page.inner_text("#bk-oparl-taken")
        assert "V0003/24" in taken
        failed = page.inner_text("#bk-oparl-taken tr.bk-oparl-failed")
        assert f"OParl-Objekt: {system.url('agendaitem/4')}" in failed
        assert "consultation/4 antwortete mit HTTP-Status 500" in failed
        page.screenshots.take(page, "since-last")
        assert_accessible(page)


def test_mayors_office_applies_a_changed_text(page, portal_url):
    login(page, portal_url, "buergermeisteramt")
    page.goto(f"{portal_url}/@@approvals")
    page.click("#bk-changed-texts a")
    page.wait_for_load_state()
    box = page.locator("#bk-oparl-pending")
    assert box.is_visible()
    assert "Stadtrat zur Kenntnis zu geben" in box.inner_text()
    page.screenshots.take(page, "flagged")
    assert_accessible(page)
    page.click("button[name='form.buttons.apply']")
    page.wait_for_load_state()
    assert page.locator("#bk-oparl-pending").count() == 0
    assert "haben jetzt den Beschlusstext" in page.inner_text("body")
    assert "Stadtrat zur Kenntnis zu geben" in page.inner_text("#bk-point-2")
    page.screenshots.take(page, "applied")
    assert_accessible(page)


def test_department_sees_the_change_without_deciding(page, portal_url):
    login(page, portal_url, "redaktion")
    page.goto(f"{portal_url}/beschluesse/u0047-25")
    box = page.locator("#bk-oparl-pending")
    assert box.is_visible()
    assert box.locator("button").count() == 0
    page.screenshots.take(page, "department")
    assert_accessible(page)


@pytest.mark.parametrize("login_name", ["stadtrat", None])
def test_readers_follow_the_link_into_the_council_system(page, portal_url, login_name):
    if login_name:
        login(page, portal_url, login_name)
    page.goto(f"{portal_url}/beschluesse/u0031-24")
    link = page.locator("#bk-council-link")
    assert link.get_attribute("href") == (
        "https://ratsinfo.example.org/bi/vo0050.asp?__kvonr=3104"
    )
    assert page.locator("#bk-oparl-pending").count() == 0
    page.screenshots.take(page, "resolution")
    assert_accessible(page)
    if login_name:
        page.goto(f"{portal_url}/beschluesse/u0031-24/@@letter")
        letter_link = page.locator(".bk-council-link a")
        assert letter_link.get_attribute("href").endswith("__kvonr=3104")
        page.screenshots.take(page, "letter")
        assert_accessible(page)


def test_settings_offer_the_sync(page, portal_url, demo_site):
    api.portal.set_registry_record(
        "bk.plone.oparl_endpoint", "https://ratsinfo.example.org/oparl/v1/system"
    )
    demo_site.acl_users.userFolderAddUser(
        "verwaltung", "verwaltung-geheim-1", ["Site Administrator"], []
    )
    transaction.commit()
    page.goto(f"{portal_url}/login")
    page.fill("#__ac_name", "verwaltung")
    page.fill("#__ac_password", "verwaltung-geheim-1")
    page.click("#buttons-login")
    page.wait_for_load_state()
    page.goto(f"{portal_url}/@@bk-settings")
    page.click("text=Ratsinformationssystem (OParl)")
    assert page.locator("#form-widgets-oparl_endpoint").input_value() == (
        "https://ratsinfo.example.org/oparl/v1/system"
    )
    page.screenshots.take(page, "settings")
    page.click("#bk-oparl-sync a")
    page.wait_for_load_state()
    assert page.locator("#bk-oparl-url").input_value() == (
        "https://ratsinfo.example.org/oparl/v1/system"
    )
    page.screenshots.take(page, "sync-form")
    assert_accessible(page)
