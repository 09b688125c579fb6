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
