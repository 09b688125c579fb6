"""The office responsible for a resolution or for one of its points."""

from bk.plone import _
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from zope import schema
from zope.interface import provider


@provider(IFormFieldProvider)
class IResponsibleOffice(model.Schema):
    responsible_office = schema.Choice(
        title=_("label_responsible_office", default="Responsible office"),
        description=_(
            "help_responsible_office",
            default="From the offices in the settings. A point without its own office "
            "falls back to the resolution's.",
        ),
        vocabulary="bk.plone.vocabularies.responsible_offices",
        required=False,
    )
