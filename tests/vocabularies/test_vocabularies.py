"""Deciding bodies and responsible offices come from the Beschlusskontrolle settings."""

from plone import api
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory

import pytest


def terms(portal, name):
    vocabulary = getUtility(IVocabularyFactory, name)(portal)
    return [(term.value, term.title) for term in vocabulary]


def test_bodies_from_settings(portal):
    assert ("Stadtrat", "Stadtrat") in terms(portal, "bk.plone.vocabularies.bodies")


def test_bodies_follow_settings(portal):
    api.portal.set_registry_record(
        "bk.plone.bodies", ["Stadtrat", "Bauausschuss", "Stadtrat"]
    )
    assert terms(portal, "bk.plone.vocabularies.bodies") == [
        ("Stadtrat", "Stadtrat"),
        ("Bauausschuss", "Bauausschuss"),
    ]


def test_offices_without_mail_part(portal):
    api.portal.set_registry_record(
        "bk.plone.responsible_offices",
        ["(OB) INAUSLB|integration@example.org", "Bürgeramt", " |x@example.org"],
    )
    assert terms(portal, "bk.plone.vocabularies.responsible_offices") == [
        ("(OB) INAUSLB", "(OB) INAUSLB"),
        ("Bürgeramt", "Bürgeramt"),
    ]


@pytest.mark.parametrize(
    "name",
    ["bk.plone.vocabularies.bodies", "bk.plone.vocabularies.responsible_offices"],
)
def test_tokens_are_ascii(portal, name):
    api.portal.set_registry_record("bk.plone.bodies", ["Ältestenrat"])
    api.portal.set_registry_record("bk.plone.responsible_offices", ["Büro Ö"])
    for term in getUtility(IVocabularyFactory, name)(portal):
        term.token.encode("ascii")
