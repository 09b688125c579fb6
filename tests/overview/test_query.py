"""The overview's filters, sorting and totals, from the catalog alone."""

from bk.plone.overview.query import Filters
from bk.plone.overview.query import InvalidFilter
from bk.plone.overview.query import row
from bk.plone.overview.query import search
from bk.plone.overview.query import totals
from plone import api
from plone.dexterity.utils import createContentInContainer
from tests.helpers.overview import RESOLUTIONS
from tests.helpers.overview import TODAY

import pytest


def papers(folder, **params):
    with api.env.adopt_roles(["Manager"]):
        return [b.paper_reference for b in search(folder, Filters.from_params(params))]


def test_default_order_is_next_control_date(folder):
    assert papers(folder) == ["V0001/20", "V0003/21", "V0004/22", "V0002/21"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "fulfilled"}, ["V0003/21"]),
        ({"status": "open"}, ["V0004/22"]),
        ({"status": "in_progress"}, ["V0001/20", "V0002/21"]),
        ({"office": "(GB 5) Jugendamt"}, ["V0003/21", "V0002/21"]),
        ({"body": "Ältestenrat"}, ["V0002/21"]),
        ({"year": "2021"}, ["V0003/21", "V0002/21"]),
        ({"overdue": "1"}, ["V0001/20"]),
        ({"due_within": "14"}, ["V0004/22"]),
        ({"due_within": "60"}, ["V0004/22", "V0002/21"]),
        ({"text": "Schulnetzplan"}, ["V0003/21"]),
        ({"office": "(OB) INAUSLB", "year": "2022"}, ["V0004/22"]),
    ],
)
def test_filters(folder, params, expected):
    assert papers(folder, **params) == expected


@pytest.mark.parametrize(
    ("sort_on", "expected"),
    [
        ("paper_reference", ["V0001/20", "V0002/21", "V0003/21", "V0004/22"]),
        ("title", ["V0004/22", "V0001/20", "V0002/21", "V0003/21"]),
        ("decision_date", ["V0001/20", "V0002/21", "V0003/21", "V0004/22"]),
    ],
)
def test_sorting(folder, sort_on, expected):
    assert papers(folder, sort_on=sort_on) == expected
    assert papers(folder, sort_on=sort_on, sort_order="descending") == expected[::-1]


@pytest.mark.parametrize(
    "sort_on",
    ["next_control_date", "decision_date", "responsible_office"],
)
def test_resolution_without_the_sort_value_still_listed(folder, sort_on):
    """ZCatalog drops from a sorted result what its sort index has no value for; a
    resolution without a next control date (or body, office, decision date) must
    still be in the overview: after the others."""
    with api.env.adopt_roles(["Manager"]):
        createContentInContainer(
            folder, "Resolution", paper_reference="V0000/19", title="Ohne Angaben"
        )
    for order in ("ascending", "descending"):
        listed = papers(folder, sort_on=sort_on, sort_order=order)
        assert sorted(listed) == ["V0000/19", *sorted(RESOLUTIONS)]
        assert listed[-1] == "V0000/19"


@pytest.mark.parametrize(
    "params",
    [
        {"status": "done"},
        {"year": "zwanzig"},
        {"year": "99999"},
        {"due_within": "-1"},
        {"sort_on": "Creator"},
        {"sort_order": "sideways"},
        {"status": ["open", "fulfilled"]},
    ],
)
def test_nonsense_is_refused(params):
    with pytest.raises(InvalidFilter):
        Filters.from_params(params)


def test_filters_round_trip_through_the_url():
    filters = Filters.from_params(
        {"status": "open", "overdue": "1", "year": "2021", "sort_on": "title"}
    )
    assert Filters.from_params(filters.params()) == filters
    assert Filters().params() == {}


def test_rows_and_totals(folder):
    with api.env.adopt_roles(["Manager"]):
        brains = search(folder, Filters())
        rows = [row(b, TODAY, str) for b in brains]
        summary = totals(brains, TODAY)
    first = rows[0]
    assert first["paper_reference"] == "V0001/20"
    assert first["points"] == {
        "open": 1,
        "in_progress": 1,
        "fulfilled": 0,
        "superseded": 0,
    }
    assert first["overdue"] is True
    # past its control date but fulfilled: nothing is overdue
    assert rows[1]["paper_reference"] == "V0003/21"
    assert rows[1]["overdue"] is False
    assert summary == {
        "resolutions": 4,
        "overdue": 1,
        "unexplained_delays": 0,
        "status": {"open": 1, "in_progress": 2, "fulfilled": 1, "superseded": 0},
        "points": {"open": 3, "in_progress": 2, "fulfilled": 3, "superseded": 0},
    }


def test_only_below_the_folder(folder, portal):
    with api.env.adopt_roles(["Manager"]):
        other = api.content.create(container=portal, type="Folder", id="anderes")
        assert list(search(other, Filters())) == []
        assert len(search(portal, Filters())) == 4
