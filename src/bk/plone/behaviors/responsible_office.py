"""The office responsible for a resolution or for one of its points."""

from bk.plone import _
from bk.plone.interfaces import MODIFY_DECISION
from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from zope import schema
from zope.interface import provider


@provider(IFormFieldProvider)
class IResponsibleOffice(model.Schema):
    directives.write_permission(responsible_office=MODIFY_DECISION)

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
