"""Reasons for delay and target dates: the department's fields, a point past due
without a reason flagged (overview, points, letter), shown in the letter by a setting."""

from bk.plone.content.status import delay_unexplained
from bk.plone.content.status import point_dues
from bk.plone.content.status import unexplained_delays
from bk.plone.letter.model import build_letter
from bk.plone.overview.query import Filters
from bk.plone.overview.query import row
from bk.plone.overview.query import search
from bk.plone.overview.query import totals
from datetime import date
from datetime import timedelta
from plone import api
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest


TODAY = date.today()


@pytest.fixture
def late(resolution, make_point):
    """Point 1 past due without reason, 2 past due with one, 3 due later,
    4 past due but fulfilled, 5 past due but superseded."""
    past = TODAY - timedelta(days=5)
    make_point(resolution, "1", due_date=past)
    make_point(resolution, "2", due_date=past, delay_reason="Vergabe gerügt")
    make_point(resolution, "3", due_date=TODAY + timedelta(days=5))
    api.content.transition(
        obj=make_point(resolution, "4", due_date=past), transition="fulfil"
    )
    superseded = make_point(resolution, "5", due_date=past, superseded_by="V9/22")
    api.content.transition(obj=superseded, transition="supersede")
    return resolution


def test_only_a_point_past_due_without_reason_is_flagged(late):
    flagged = [
        point.number
        for point in late.points()
        if delay_unexplained(point, api.content.get_state(point), TODAY)
    ]
    assert flagged == ["1"]
    assert unexplained_delays(point_dues(late), TODAY) == ["1"]
    # a blank reason is no reason
    late["2"].delay_reason = "   "
    assert unexplained_delays(point_dues(late), TODAY) == ["1", "2"]


def test_overview_rows_and_totals_name_the_points(late, portal):
    brains = search(portal, Filters())
    assert row(brains[0], TODAY, str)["unexplained_delays"] == ["1"]
    assert totals(brains, TODAY)["unexplained_delays"] == 1
    late["1"].delay_reason = "Personalmangel"
    notify(ObjectModifiedEvent(late["1"]))  # an edit: its resolution follows
    brains = search(portal, Filters())
    assert row(brains[0], TODAY, str)["unexplained_delays"] == []


def test_counts_keep_superseded_apart(late, portal):
    (brain,) = search(portal, Filters())
    assert brain.bk_point_counts == {
        "open": 3,
        "in_progress": 0,
        "fulfilled": 1,
        "superseded": 1,
    }
    # work left, one point done: in progress, whatever was superseded
    assert brain.bk_status == "in_progress"


def reports(letter):
    return {point.number: point.status_report for point in letter.points}


def test_letter_shows_delay_target_and_superseding_paper(late):
    late["2"].target_date = date(2030, 6, 30)
    text = reports(build_letter(late))
    assert text["2"] == (
        "<p><strong>Zieltermin:</strong> 30. Juni 2030</p>"
        "<p><strong>Verzögerung:</strong> Vergabe gerügt</p>"
    )
    assert text["1"] == ""
    assert text["5"] == "<p><strong>Aufgehoben/überholt durch:</strong> V9/22</p>"
    assert text["4"] == "<p>Der Beschlusspunkt ist erfüllt.</p>"


def test_letter_hides_delays_by_setting(late):
    api.portal.set_registry_record("bk.plone.show_delays", False)
    text = reports(build_letter(late))
    assert text["2"] == ""
    assert "V9/22" in text["5"]  # the superseding paper is part of the record


def test_a_reason_is_escaped_in_the_letter(late):
    late["2"].delay_reason = "<b>laut</b> & klar"
    assert "&lt;b&gt;laut&lt;/b&gt; &amp; klar" in reports(build_letter(late))["2"]
