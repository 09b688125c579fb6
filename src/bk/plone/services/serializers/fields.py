"""An issued report's HTML and letter data over REST as on its page: their HTML
through Plone's safe HTML filter when served (the stored, frozen bytes are never
rewritten)."""

from bk.plone import logger
from bk.plone.content.control_list_report import IControlListReport
from bk.plone.content.control_report import IControlReport
from bk.plone.interfaces import IBrowserLayer
from bk.plone.letter.schema import LetterSchemaError
from bk.plone.letter.text import filtered_html
from bk.plone.letter.text import filtered_letter
from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.serializer.dxfields import DefaultFieldSerializer
from zope.component import adapter
from zope.interface import implementer
from zope.schema.interfaces import IText

import json


@implementer(IFieldSerializer)
@adapter(IText, IControlReport, IBrowserLayer)
class ReportTextSerializer(DefaultFieldSerializer):
    def __call__(self):
        name = self.field.__name__
        if name == "html":
            return filtered_html(self.get_value() or "")
        if name == "letter_json":
            try:
                letter = self.context.letter
            except LetterSchemaError:
                logger.exception("Report %s holds unreadable letter data", self.context)
                return None
            return json.dumps(
                filtered_letter(letter).to_json(), ensure_ascii=False, sort_keys=True
            )
        return super().__call__()


@implementer(IFieldSerializer)
@adapter(IText, IControlListReport, IBrowserLayer)
class ControlListTextSerializer(DefaultFieldSerializer):
    """An issued list's frozen HTML through the safe HTML filter, like a report's."""

    def __call__(self):
        if self.field.__name__ == "html":
            return filtered_html(self.get_value() or "")
        return super().__call__()
