from plone import api
from plone.app.textfield.value import RichTextValue

import pytest


@pytest.fixture
def point(resolution, make_point):
    return make_point(
        resolution,
        "1c",
        resolution_text=RichTextValue(
            "<p>Versichertenkarten für <strong>Asylsuchende</strong></p>",
            "text/html",
            "text/x-html-safe",
        ),
        status_report=RichTextValue(
            "<p>Die Anmeldung erfolgt seit April 2020.</p>",
            "text/html",
            "text/x-html-safe",
        ),
    )


@pytest.mark.parametrize(
    ("query", "portal_type"),
    [
        ("V0220/14", "Resolution"),
        ("SR/011/2015", "Resolution"),
        ("Migrationshintergrund", "Resolution"),
        ("Asylsuchende", "ControlPoint"),
        ("Anmeldung", "ControlPoint"),
    ],
)
def test_found_by_full_text(point, query, portal_type):
    found = api.content.find(SearchableText=query)
    assert portal_type in {brain.portal_type for brain in found}


def test_point_found_by_its_resolution_reference(point):
    found = api.content.find(SearchableText="V0220/14", portal_type="ControlPoint")
    assert [b.getId for b in found] == ["1c"]


def test_markup_not_indexed(point):
    assert not api.content.find(SearchableText="strong", portal_type="ControlPoint")


@pytest.mark.parametrize("query", ["Asylsuchende", "Anmeldung"])
def test_resolution_found_by_its_points_texts(point, query):
    """The overview searches resolutions: a word of a point's decided text or
    report finds the resolution."""
    found = api.content.find(SearchableText=query, portal_type="Resolution")
    assert [b.getObject() for b in found] == [point.__parent__]


def test_resolution_found_by_a_report_written_later(point):
    point.status_report = RichTextValue(
        "<p>Das Welcome Center berät seit Mai.</p>", "text/html", "text/x-html-safe"
    )
    from zope.lifecycleevent import modified

    modified(point)
    found = api.content.find(SearchableText="Welcome Center", portal_type="Resolution")
    assert [b.getObject() for b in found] == [point.__parent__]


def test_removed_point_no_longer_finds_its_resolution(point):
    resolution = point.__parent__
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(obj=point)
    assert not api.content.find(SearchableText="Asylsuchende", portal_type="Resolution")
    assert (
        api.content.find(SearchableText="V0220/14", portal_type="Resolution")[
            0
        ].getObject()
        == resolution
    )
