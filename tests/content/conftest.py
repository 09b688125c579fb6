from datetime import date
from plone import api
from plone.dexterity.utils import createContentInContainer

import pytest


SEED_POINTS = ["1", "1a", "1b", "1c", "1d", "1e", "2", "3", "4"]


@pytest.fixture
def manager(portal):
    with api.env.adopt_roles(["Manager"]):
        yield


@pytest.fixture
def make_resolution(portal, manager):
    def factory(reference="V0220/14", container=None, **fields):
        fields.setdefault(
            "title", "Konzept zur Integration von Menschen mit Migrationshintergrund"
        )
        fields.setdefault("session_reference", "SR/011/2015")
        fields.setdefault("decision_date", date(2015, 4, 23))
        return createContentInContainer(
            container or portal, "Resolution", paper_reference=reference, **fields
        )

    return factory


@pytest.fixture
def resolution(make_resolution):
    return make_resolution()


@pytest.fixture
def make_point(manager):
    def factory(resolution, number, **fields):
        return createContentInContainer(
            resolution, "ControlPoint", number=number, **fields
        )

    return factory
