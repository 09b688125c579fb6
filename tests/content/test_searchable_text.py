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
