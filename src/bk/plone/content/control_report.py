"""An issued letter, frozen: created by issuing (@@issue-letter), never by hand, and
never changed afterwards. It keeps the letter data (with each point's number, state
and texts as they were), the rendered HTML and the PDF."""

from bk.plone import _
from bk.plone.letter.schema import Letter
from bk.plone.letter.schema import read_letter
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from zope import schema
from zope.interface import implementer

import json


class IControlReport(model.Schema):
    letter_date = schema.Date(title=_("label_letter_date", default="Letter date"))
    file_reference = schema.TextLine(
        title=_("label_file_reference", default="File reference (GZ)"), required=False
    )
    next_control_date = schema.Date(
        title=_("label_next_control_date", default="Next control date"), required=False
    )
    letter_json = schema.Text(title=_("label_letter_data", default="Letter data"))
    html = schema.Text(title=_("label_letter_html", default="Letter (HTML)"))
    pdf = NamedBlobFile(title=_("label_letter_pdf", default="Letter (PDF)"))
    # Set when the report was imported from a letter file rather than issued here.
    source_filename = schema.TextLine(
        title=_("label_source_filename", default="Imported from"), required=False
    )
    source_checksum = schema.ASCIILine(
        title=_("label_source_checksum", default="Checksum of the imported letter"),
        required=False,
    )


@implementer(IControlReport)
class ControlReport(Item):
    @property
    def letter(self) -> Letter:
        # A fresh copy each time: nobody can change the frozen data through it.
        return read_letter(json.loads(self.letter_json))
