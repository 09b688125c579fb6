"""The responsible office is a behavior both types share."""

from bk.plone.behaviors.responsible_office import IResponsibleOffice
from plone import api
from plone.behavior.interfaces import IBehavior
from zope.component import getUtility

import pytest


def test_behavior_registered(portal):
    behavior = getUtility(IBehavior, name="bk.plone.responsible_office")
    assert behavior.interface is IResponsibleOffice


@pytest.mark.parametrize("portal_type", ["Resolution", "ControlPoint"])
def test_enabled_on_type(portal, portal_type):
    fti = api.portal.get_tool("portal_types")[portal_type]
    assert "bk.plone.responsible_office" in fti.behaviors


def test_field_vocabulary():
    field = IResponsibleOffice["responsible_office"]
    assert field.vocabularyName == "bk.plone.vocabularies.responsible_offices"


def test_point_falls_back_and_overrides(portal):
    from plone.dexterity.utils import createContentInContainer

    with api.env.adopt_roles(["Manager"]):
        resolution = createContentInContainer(
            portal,
            "Resolution",
            paper_reference="V1/21",
            title="T",
            responsible_office="(OB) INAUSLB",
        )
        inherited = createContentInContainer(resolution, "ControlPoint", number="1")
        own = createContentInContainer(
            resolution, "ControlPoint", number="2", responsible_office="Bürgeramt"
        )
    assert IResponsibleOffice.providedBy(resolution)
    assert inherited.effective_responsible_office() == "(OB) INAUSLB"
    assert own.effective_responsible_office() == "Bürgeramt"
    (brain,) = api.content.find(UID=api.content.get_uuid(resolution))
    assert brain.responsible_office == "(OB) INAUSLB"
