"""Vocabularies whose terms the city keeps in the Beschlusskontrolle settings."""

from plone import api
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _terms(values):
    seen = []
    for value in values or ():
        if value and value not in seen:
            seen.append(value)
    return SimpleVocabulary(
        [SimpleTerm(value=v, token=v.encode("unicode_escape"), title=v) for v in seen]
    )


def office_name(line: str) -> str:
    """An office setting reads "name|mail address"; the name is the term."""
    return line.split("|", 1)[0].strip()


@provider(IVocabularyFactory)
def bodies(context):
    return _terms(api.portal.get_registry_record("bk.plone.bodies", default=[]))


@provider(IVocabularyFactory)
def responsible_offices(context):
    lines = api.portal.get_registry_record("bk.plone.responsible_offices", default=[])
    return _terms(office_name(line) for line in lines or ())
