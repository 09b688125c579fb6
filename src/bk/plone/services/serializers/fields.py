"""An issued report's HTML over REST as on its page: through Plone's safe HTML
filter when served (the stored, frozen bytes are never rewritten)."""

from bk.plone.content.control_report import IControlReport
from bk.plone.interfaces import IBrowserLayer
from bk.plone.letter.model import filtered_html
from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.serializer.dxfields import DefaultFieldSerializer
from zope.component import adapter
from zope.interface import implementer
from zope.schema.interfaces import IText


@implementer(IFieldSerializer)
@adapter(IText, IControlReport, IBrowserLayer)
class ReportTextSerializer(DefaultFieldSerializer):
    def __call__(self):
        if self.field.__name__ == "html":
            return filtered_html(self.get_value() or "")
        return super().__call__()
