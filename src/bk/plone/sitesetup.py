"""Create (or reuse) the Plone site that `make start` serves."""

from plone import api
from plone.distribution.api import site as site_api
from zope.component.hooks import setSite

import transaction


DISTRIBUTION = "classic"
DEFAULT_PROFILE = "bk.plone:default"
DEMO_PROFILE = "bk.plone:demo"


def configure_languages(default: str = "de") -> None:
    """German first, English too: the site answers in the browser's language."""
    api.portal.set_registry_record("plone.default_language", default)
    api.portal.set_registry_record("plone.available_languages", [default, "en"])
    api.portal.set_registry_record("plone.use_request_negotiation", True)


def ensure_admin(app, user_id: str, password: str) -> None:
    """Make sure the Zope root has a Manager with this login and password."""
    acl_users = app.acl_users
    if acl_users.getUserById(user_id) is None:
        acl_users._doAddUser(user_id, password, ["Manager"], [])
        return
    # Once Zope has started, PlonePAS has swapped the root user folder for a PAS one.
    user_manager = getattr(acl_users, "users", None)
    if user_manager is not None:
        user_manager.updateUserPassword(user_id, password)
    else:
        acl_users._doChangeUser(user_id, password, ["Manager"], [])


def ensure_site(
    app,
    site_id: str = "Plone",
    title: str = "Beschlusskontrolle",
    language: str = "de",
    timezone: str = "Europe/Berlin",
    demo: bool = True,
):
    """Return the site `site_id`, creating it with the classic distribution first if
    it does not exist, and make sure bk.plone (and the demo) are installed.

    Running it again changes nothing: an existing site keeps its content.
    """
    site = app.get(site_id)
    created = site is None
    if created:
        site = site_api.create(
            app,
            DISTRIBUTION,
            {
                "site_id": site_id,
                "title": title,
                "description": "",
                "default_language": language,
                "portal_timezone": timezone,
                "setup_content": False,
            },
        )
    setSite(site)
    if created:
        configure_languages(language)
    setup_tool = api.portal.get_tool("portal_setup")
    profiles = [DEFAULT_PROFILE] + ([DEMO_PROFILE] if demo else [])
    for profile in profiles:
        if setup_tool.getLastVersionForProfile(profile) == "unknown":
            setup_tool.runAllImportStepsFromProfile(f"profile-{profile}")
    transaction.commit()
    return site, created


# Plone's own default (Site Setup → Mail, never set by anyone).
UNSET_MAIL_SERVER = ("localhost", 25)


def use_mail_server(site, address: str, sender: str = "beschlusskontrolle@example.org"):
    """Send the site's mail through the SMTP server at "host:port" (Plone's mail
    settings), from `sender` unless the site has a sender already. A mail server
    someone has set in Site Setup stays as it is."""
    host, port = parse_mail_server(address)
    setSite(site)
    current = (
        api.portal.get_registry_record("plone.smtp_host", default=None),
        api.portal.get_registry_record("plone.smtp_port", default=None),
    )
    if current[0] and current != UNSET_MAIL_SERVER:
        return
    api.portal.set_registry_record("plone.smtp_host", host)
    api.portal.set_registry_record("plone.smtp_port", port)
    if not api.portal.get_registry_record("plone.email_from_address", default=None):
        api.portal.set_registry_record("plone.email_from_address", sender)
        api.portal.set_registry_record("plone.email_from_name", "Beschlusskontrolle")


def parse_mail_server(address: str) -> tuple[str, int]:
    """ "host:port" as (host, port); ValueError when it is not one."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"not HOST:PORT: {address!r}")
    return host, int(port)
