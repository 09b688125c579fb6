"""Hostile input: each test records how many cases it tried of its kind; the summary
adds them up (also across xdist workers, through the reports' user properties)."""

from collections import Counter

import pytest


@pytest.fixture
def tried(record_property):
    def record(kind: str, count: int = 1):
        record_property("hostile_cases", [kind, count])

    return record


def pytest_terminal_summary(terminalreporter):
    cases = Counter()
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            if getattr(report, "when", None) != "call":
                continue
            for name, value in report.user_properties:
                if name == "hostile_cases":
                    kind, count = value
                    cases[kind] += count
    if cases:
        terminalreporter.write_sep("-", "hostile input cases tried")
        for kind, count in sorted(cases.items()):
            terminalreporter.write_line(f"{kind:<36} {count:>6}")
        terminalreporter.write_line(f"{'total':<36} {sum(cases.values()):>6}")


def token(session, url: str) -> str:
    """The CSRF authenticator of `session`'s user, from a page of the site."""
    from lxml import html as lxml_html

    page = session.get(url)
    page.raise_for_status()
    return lxml_html.fromstring(page.text).xpath(
        "//input[@name='_authenticator']/@value"
    )[0]
