"""The site `make start` serves: created once with the classic distribution, German,
Europe/Berlin, bk.plone and its demo installed; reused after that."""

from bk.plone.sitesetup import ensure_admin
from bk.plone.sitesetup import ensure_site
from plone import api
from plone.base.interfaces import IPloneSiteRoot
from zope.component.hooks import setSite

import pytest


@pytest.fixture
def new_site(functional_app, functional_portal):
    site, created = ensure_site(functional_app, site_id="Beschluesse")
    yield site, created
    setSite(functional_portal)


def test_site_created(new_site):
    site, created = new_site
    assert created is True
    assert IPloneSiteRoot.providedBy(site)


def test_site_language_and_timezone(new_site):
    assert api.portal.get_registry_record("plone.default_language") == "de"
    assert api.portal.get_registry_record("plone.available_languages") == ["de", "en"]
    assert api.portal.get_registry_record("plone.portal_timezone") == "Europe/Berlin"


@pytest.mark.parametrize(
    ("profile", "version"), [("bk.plone:default", "1006"), ("bk.plone:demo", "1000")]
)
def test_profiles_installed(new_site, profile, version):
    setup_tool = api.portal.get_tool("portal_setup")
    assert setup_tool.getLastVersionForProfile(profile) == (version,)


def test_classic_ui_layout_installed(new_site):
    setup_tool = api.portal.get_tool("portal_setup")
    assert setup_tool.getLastVersionForProfile("plone.app.layout:default") != "unknown"


def test_second_run_reuses_site_and_content(functional_app, new_site):
    site, _ = new_site
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=site, type="Folder", id="kept", title="Kept")
    again, created = ensure_site(functional_app, site_id="Beschluesse")
    assert created is False
    assert again.aq_base is site.aq_base
    assert "kept" in again.objectIds()


def test_without_demo(functional_app, functional_portal):
    ensure_site(functional_app, site_id="NoDemo", demo=False)
    setup_tool = api.portal.get_tool("portal_setup")
    assert setup_tool.getLastVersionForProfile("bk.plone:demo") == "unknown"
    assert setup_tool.getLastVersionForProfile("bk.plone:default") == ("1006",)
    setSite(functional_portal)


def test_ensure_admin_creates_then_updates_password(functional_app):
    acl_users = functional_app.acl_users
    ensure_admin(functional_app, "cityadmin", "first-password")
    assert acl_users.authenticate("cityadmin", "first-password", functional_app.REQUEST)
    ensure_admin(functional_app, "cityadmin", "second-password")
    assert acl_users.authenticate(
        "cityadmin", "second-password", functional_app.REQUEST
    )
    assert not acl_users.authenticate(
        "cityadmin", "first-password", functional_app.REQUEST
    )


def test_mail_server_for_the_demo(new_site):
    """`make start` points the site at its mail sink (create-site --mail-server)."""
    from bk.plone.sitesetup import use_mail_server

    site, _created = new_site
    use_mail_server(site, "127.0.0.1:8025")
    assert api.portal.get_registry_record("plone.smtp_host") == "127.0.0.1"
    assert api.portal.get_registry_record("plone.smtp_port") == 8025
    assert api.portal.get_registry_record("plone.email_from_address")


def test_demo_offices_have_an_address(new_site):
    from bk.plone.notifications.reminders import office_addresses

    assert office_addresses() == {"(OB) INAUSLB": "integration@example.org"}


def test_demo_front_page_and_folder(new_site):
    site, _created = new_site
    assert "Wohin?" in site.text.raw
    assert site["beschluesse"].getLayout() == "control-overview"


@pytest.mark.parametrize("address", ["", "mail", "mail:", ":25", "mail:smtp", "mail:0"])
def test_mail_server_must_be_host_and_port(address):
    from bk.plone.sitesetup import parse_mail_server

    with pytest.raises(ValueError, match="HOST:PORT"):
        parse_mail_server(address)


def test_a_mail_server_set_by_hand_stays(new_site):
    from bk.plone.sitesetup import use_mail_server

    site, _created = new_site
    api.portal.set_registry_record("plone.smtp_host", "mail.stadt.example")
    use_mail_server(site, "127.0.0.1:8025")
    assert api.portal.get_registry_record("plone.smtp_host") == "mail.stadt.example"


def test_regional_languages_give_german_dates(portal):
    from bk.plone.browser.points import local_time
    from bk.plone.letter.model import german_date
    from datetime import date

    assert german_date(date(2021, 6, 30), "de-at") == "30. Juni 2021"
    api.portal.set_registry_record("plone.default_language", "de-de")
    api.portal.set_registry_record("plone.portal_timezone", "Europe/Berlin")
    assert local_time("2026-11-28T15:34:50+00:00") == "28.11.2026, 16:34"
