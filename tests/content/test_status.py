"""The overall status of a resolution is derived from its points and indexed."""

from plone import api

import pytest


def catalog_status(resolution):
    (brain,) = api.content.find(UID=api.content.get_uuid(resolution))
    return brain.bk_status, brain.bk_point_counts


def set_state(point, state):
    path = {
        "open": [],
        "in_progress": ["start"],
        "fulfilled": ["fulfil"],
        "superseded": ["supersede"],
    }[state]
    for transition in path:
        api.content.transition(obj=point, transition=transition)


def test_no_points_is_open(resolution):
    assert catalog_status(resolution) == (
        "open",
        {"open": 0, "in_progress": 0, "fulfilled": 0, "superseded": 0},
    )


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        (["open"], "open"),
        (["open", "open"], "open"),
        (["in_progress"], "in_progress"),
        (["open", "in_progress"], "in_progress"),
        (["open", "fulfilled"], "in_progress"),
        (["in_progress", "fulfilled"], "in_progress"),
        (["open", "in_progress", "fulfilled"], "in_progress"),
        (["fulfilled"], "fulfilled"),
        (["fulfilled", "fulfilled", "fulfilled"], "fulfilled"),
        # repealed or replaced: nothing left to do and one superseded
        (["superseded"], "superseded"),
        (["fulfilled", "superseded"], "superseded"),
        (["superseded", "superseded"], "superseded"),
        # work left: superseded points do not count
        (["open", "superseded"], "open"),
        (["in_progress", "superseded"], "in_progress"),
        (["open", "fulfilled", "superseded"], "in_progress"),
    ],
)
def test_derived_status(resolution, make_point, states, expected):
    for number, state in enumerate(states, start=1):
        set_state(make_point(resolution, str(number)), state)
    status, counts = catalog_status(resolution)
    assert status == expected
    assert counts == {
        s: states.count(s) for s in ("open", "in_progress", "fulfilled", "superseded")
    }


def test_status_follows_added_point(resolution, make_point):
    set_state(make_point(resolution, "1"), "fulfilled")
    assert catalog_status(resolution)[0] == "fulfilled"
    make_point(resolution, "2")
    assert catalog_status(resolution)[0] == "in_progress"


def test_status_follows_removed_point(resolution, make_point):
    set_state(make_point(resolution, "1"), "fulfilled")
    make_point(resolution, "2")
    api.content.delete(obj=resolution["2"])
    assert catalog_status(resolution)[0] == "fulfilled"


def test_status_follows_reopen(resolution, make_point):
    point = make_point(resolution, "1")
    set_state(point, "fulfilled")
    api.content.transition(obj=point, transition="reopen")
    assert catalog_status(resolution)[0] == "in_progress"


def test_query_by_status(resolution, make_resolution, make_point):
    other = make_resolution("A0115/15")
    set_state(make_point(other, "1"), "fulfilled")
    found = api.content.find(portal_type="Resolution", bk_status="fulfilled")
    assert [b.paper_reference for b in found] == ["A0115/15"]


def test_date_indexes(resolution):
    from datetime import date

    resolution.next_control_date = date(2021, 6, 30)
    resolution.reindexObject()
    found = api.content.find(
        portal_type="Resolution",
        next_control_date={"query": date(2021, 7, 1).isoformat(), "range": "max"},
    )
    assert [b.paper_reference for b in found] == ["V0220/14"]
    assert found[0].next_control_date == date(2021, 6, 30)


def test_superseded_point_reopened_is_in_progress(resolution, make_point):
    point = make_point(resolution, "1")
    set_state(point, "superseded")
    assert catalog_status(resolution)[0] == "superseded"
    api.content.transition(obj=point, transition="reopen")
    assert catalog_status(resolution)[0] == "in_progress"


def test_superseded_and_fulfilled_points_take_no_supersede(resolution, make_point):
    from plone.api.exc import InvalidParameterError

    for number, state in (("1", "fulfilled"), ("2", "superseded")):
        point = make_point(resolution, number)
        set_state(point, state)
        with pytest.raises(InvalidParameterError):
            api.content.transition(obj=point, transition="supersede")
