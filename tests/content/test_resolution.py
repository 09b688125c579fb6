from bk.plone.content.resolution import IResolution
from bk.plone.content.subscribers import DuplicatePaperReference
from datetime import date
from plone import api
from zope.interface import Invalid
from zope.schema import ValidationError

import pytest


def test_create_resolution(resolution):
    assert IResolution.providedBy(resolution)
    assert resolution.portal_type == "Resolution"


def test_id_derived_from_paper_reference(resolution):
    assert resolution.getId() == "v0220-14"


@pytest.mark.parametrize(
    ("reference", "expected_id"),
    [
        ("A0115/15", "a0115-15"),
        ("RBV-1441/12", "rbv-1441-12"),
        ("2021/BV/2114", "2021-bv-2114"),
        ("DS/1246/V", "ds-1246-v"),
    ],
)
def test_real_references_accepted(make_resolution, reference, expected_id):
    assert make_resolution(reference).getId() == expected_id


def test_reference_trimmed(make_resolution):
    assert make_resolution("  V0100/20 ").paper_reference == "V0100/20"


def test_defaults(resolution):
    assert resolution.confidential is True
    assert resolution.body == "Stadtrat"


@pytest.mark.parametrize("reference", ["", "/", "V 0220/14", "<script>", "ä/1", "x"])
def test_malformed_reference_refused(reference):
    field = IResolution["paper_reference"]
    with pytest.raises(ValidationError):
        field.validate(reference)


@pytest.mark.parametrize("duplicate", ["V0220/14", "v0220/14", " V0220/14 "])
def test_duplicate_reference_refused(resolution, make_resolution, portal, duplicate):
    folder = api.content.create(container=portal, type="Folder", id="elsewhere")
    with pytest.raises(DuplicatePaperReference):
        make_resolution(duplicate, container=folder)


def test_editing_keeps_own_reference(resolution):
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    resolution.title = "Neuer Titel"
    notify(ObjectModifiedEvent(resolution))  # no DuplicatePaperReference against itself


def test_control_date_before_decision_refused():
    class Data:
        decision_date = date(2021, 1, 25)
        next_control_date = date(2020, 6, 30)

    with pytest.raises(Invalid):
        IResolution.validateInvariants(Data())


def test_control_date_after_decision_accepted():
    class Data:
        decision_date = date(2015, 4, 23)
        next_control_date = date(2021, 6, 30)

    IResolution.validateInvariants(Data())


def test_catalog_indexes_reference(resolution):
    brains = api.content.find(paper_reference="V0220/14")
    assert [b.getObject() for b in brains] == [resolution]
    assert brains[0].paper_reference == "V0220/14"


def test_points_is_not_published(functional_portal, http_session, role_users):
    """Resolution.points() is for code: no URL calls it."""
    from plone.dexterity.utils import createContentInContainer

    import transaction

    with api.env.adopt_roles(["Manager"]):
        resolution = createContentInContainer(
            functional_portal, "Resolution", paper_reference="V0009/24", title="T"
        )
        createContentInContainer(resolution, "ControlPoint", number="1")
    transaction.commit()
    for user in (role_users["MayorsOffice"], None):
        response = http_session(user).get(
            f"{resolution.absolute_url()}/points", allow_redirects=False
        )
        assert response.status_code != 200
        assert "ControlPoint" not in response.text
