from bk.plone.content.subscribers import DuplicatePointNumber
from plone import api
from zope.schema import ValidationError

import pytest
import random


def test_number_normalised_and_id_derived(resolution, make_point):
    point = make_point(resolution, " 1a. ")
    assert point.number == "1a"
    assert point.getId() == "1a"
    assert point.Title() == "1a"


def test_duplicate_number_refused(resolution, make_point):
    make_point(resolution, "1")
    with pytest.raises(DuplicatePointNumber):
        make_point(resolution, "1.)")


def test_same_number_in_other_resolution(resolution, make_resolution, make_point):
    other = make_resolution("A0115/15")
    make_point(resolution, "1")
    assert make_point(other, "1").number == "1"


@pytest.mark.parametrize("number", ["", "a", "1..2", "1ab", "x1", "-1", "1/2"])
def test_malformed_number_refused(number):
    from bk.plone.content.control_point import IControlPoint

    with pytest.raises(ValidationError):
        IControlPoint["number"].validate(number)


def test_points_in_natural_order(resolution, make_point):
    numbers = ["1", "1a", "1b", "2", "2.1", "3", "10"]
    shuffled = numbers[:]
    random.Random(4).shuffle(shuffled)  # noqa: S311 (shuffled test data)
    for number in shuffled:
        make_point(resolution, number)
    assert [resolution[i].number for i in resolution.objectIds()] == numbers
    listed = api.content.find(
        context=resolution, portal_type="ControlPoint", sort_on="getObjPositionInParent"
    )
    assert [b.Title for b in listed] == numbers


def test_point_only_inside_resolution(portal, manager):
    from plone.dexterity.utils import createContentInContainer

    with pytest.raises(ValueError, match="Disallowed subobject type"):
        createContentInContainer(portal, "ControlPoint", number="1")


def test_point_falls_back_to_resolution_office(make_resolution, make_point):
    resolution = make_resolution(responsible_office="(OB) INAUSLB")
    point = make_point(resolution, "1")
    assert point.effective_responsible_office() == "(OB) INAUSLB"
