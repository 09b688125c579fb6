"""Ids follow the public references: resolution "V0220/14" -> "v0220-14", point "1a" -> "1a"."""

from bk.plone.content.control_point import IControlPoint
from bk.plone.content.resolution import IResolution
from plone.base.interfaces import INameFromTitle
from zope.component import adapter
from zope.interface import implementer


@implementer(INameFromTitle)
@adapter(IResolution)
class ResolutionName:
    def __init__(self, context):
        self.title = context.paper_reference.replace("/", "-")


@implementer(INameFromTitle)
@adapter(IControlPoint)
class ControlPointName:
    def __init__(self, context):
        self.title = context.number
