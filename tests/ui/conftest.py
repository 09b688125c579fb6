"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser)
against the functional test site; every test leaves screenshots in artifacts/."""

from pathlib import Path
from plone.app.testing import applyProfile

import pytest
import re
import transaction


CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
# Chromium's own calls home fail on this closed network; they are not the site's.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def demo_site(functional_portal):
    applyProfile(functional_portal, "bk.plone:demo")
    transaction.commit()
    return functional_portal


class Screenshots:
    def __init__(self, name: str):
        self.name = re.sub(r"[^\w.-]+", "_", name)
        self.count = 0

    def take(self, page, what: str) -> Path:
        self.count += 1
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{self.name}-{self.count:02d}-{what}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def page(browser, request, functional_portal):
    """A fresh browser context (no cookies) and page; console errors fail the test.

    It needs the site so that it closes before the test's database goes: a late
    request of the browser (its favicon) must not meet a closed database."""
    context = browser.new_context(locale="de-DE", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "response",
        lambda response: (
            errors.append(f"{response.status} {response.url}")
            if response.status >= 500
            else None
        ),
    )
    page.screenshots = Screenshots(request.node.name)
    yield page
    page.screenshots.take(page, "end")
    context.close()
    assert errors == [], errors
