"""An issued control list, frozen: created by issuing (@@issue-control-list) inside
the folder it covers, never by hand, never changed afterwards. It keeps the list
(each resolution's points, states and reports as they were), the rendered HTML and
the PDF, and the period it covered: the next list of its body starts there."""

from bk.plone import _
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from zope import schema
from zope.interface import implementer

import json


class IControlListReport(model.Schema):
    body = schema.TextLine(title=_("label_body", default="Deciding body"))
    list_date = schema.Date(title=_("label_list_date", default="Date of the list"))
    date_from = schema.Date(
        title=_("label_period_from", default="Period from"), required=False
    )
    date_to = schema.Date(title=_("label_period_to", default="Period to"))
    public_only = schema.Bool(
        title=_("label_public_only", default="Public resolutions only"),
        required=False,
    )
    list_json = schema.Text(title=_("label_list_data", default="List data"))
    html = schema.Text(title=_("label_list_html", default="List (HTML)"))
    pdf = NamedBlobFile(title=_("label_list_pdf", default="List (PDF)"))


@implementer(IControlListReport)
class ControlListReport(Item):
    @property
    def control_list(self):
        from bk.plone.council.control_list import read_control_list

        # A fresh copy each time: nobody can change the frozen data through it.
        return read_control_list(json.loads(self.list_json))
