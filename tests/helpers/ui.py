"""Steps a person takes in Chromium."""

from bk.plone.setuphandlers import DEMO_USERS


def login(page, portal_url: str, login_name: str) -> None:
    """Through Plone's login form, as a person logs in."""
    page.goto(f"{portal_url}/login")
    page.fill("#__ac_name", login_name)
    page.fill("#__ac_password", DEMO_USERS[login_name][0])
    page.screenshots.take(page, "login")
    page.click("#buttons-login")
    page.wait_for_load_state()
