"""What an OParl object's values become: the meeting's day on the site's calendar."""

from bk.plone.oparl.mapping import _day
from datetime import date
from plone import api

import pytest


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2024-05-14T17:00:00+02:00", date(2024, 5, 14)),
        # 22:30 UTC on a summer evening is half past midnight in Germany
        ("2024-05-14T22:30:00Z", date(2024, 5, 15)),
        ("2024-01-22T23:30:00+00:00", date(2024, 1, 23)),
        ("2024-05-14T23:30:00", date(2024, 5, 14)),
        ("2024-05-14", date(2024, 5, 14)),
        ("2024-05-14 nachmittags", date(2024, 5, 14)),
        ("im Mai", None),
        ("", None),
        (None, None),
        (20240514, None),
    ],
)
def test_meeting_day_on_the_sites_calendar(portal, value, day):
    api.portal.set_registry_record("plone.portal_timezone", "Europe/Berlin")
    assert _day(value) == day


def test_the_sites_time_zone_is_plones_setting(portal):
    api.portal.set_registry_record("plone.portal_timezone", "America/New_York")
    assert _day("2024-05-15T02:30:00Z") == date(2024, 5, 14)


def points(text: str) -> list[tuple[str, str]]:
    from bk.plone.oparl.mapping import decided_text

    return [(number, html) for number, html in decided_text(text).points]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # points run together in one paragraph, as systems that lose line breaks give
        (
            "1. Ein Konzept ist bis 30.06.2025 vorzulegen. 2. Dem Ausschuss ist "
            "vierteljährlich zu berichten.",
            [
                ("1", "<p>Ein Konzept ist bis 30.06.2025 vorzulegen.</p>"),
                ("2", "<p>Dem Ausschuss ist vierteljährlich zu berichten.</p>"),
            ],
        ),
        (
            "Der Rat beschließt: 1. Die Satzung wird geändert. 2. Die Verwaltung "
            "berichtet bis zum 30. Juni 2025. 3.) Weiteres folgt.",
            [
                ("1", "<p>Die Satzung wird geändert.</p>"),
                ("2", "<p>Die Verwaltung berichtet bis zum 30. Juni 2025.</p>"),
                ("3", "<p>Weiteres folgt.</p>"),
            ],
        ),
        (
            "<p>1. Eins wird am 2. Mai beschlossen. 2. Zwei.</p>",
            [("1", "<p>Eins wird am 2. Mai beschlossen.</p>"), ("2", "<p>Zwei.</p>")],
        ),
        # a number that is not the next one, or not after a sentence, stays text
        ("1. Eins. 3. Drei folgt.", [("1", "<p>Eins. 3. Drei folgt.</p>")]),
        (
            "Die Verwaltung wird beauftragt, 2. Schritte zu prüfen.",
            [("1", "<p>Die Verwaltung wird beauftragt, 2. Schritte zu prüfen.</p>")],
        ),
        (
            "Der Stadtrat beschließt den Plan. 1. Lesung folgt.",
            [("1", "<p>Der Stadtrat beschließt den Plan. 1. Lesung folgt.</p>")],
        ),
        # numbered lines and lists, as before
        (
            "1. Erstens.\n2. Zweitens.",
            [("1", "<p>Erstens.</p>"), ("2", "<p>Zweitens.</p>")],
        ),
        (
            "<ol><li>Eins<ol><li>Unterpunkt</li></ol></li><li>Zwei</li></ol>",
            [("1", "<p>Eins</p>"), ("1a", "<p>Unterpunkt</p>"), ("2", "<p>Zwei</p>")],
        ),
    ],
)
def test_resolution_texts_split_into_points(text, expected):
    assert points(text) == expected
