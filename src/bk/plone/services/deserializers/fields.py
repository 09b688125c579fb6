"""Stricter field deserializers for bk.plone's content over REST."""

from bk.plone import _
from bk.plone.content.resolution import IResolution
from bk.plone.interfaces import IBrowserLayer
from plone.restapi.deserializer.dxfields import DefaultFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.schema.interfaces import IBool


@implementer(IFieldDeserializer)
@adapter(IBool, IResolution, IBrowserLayer)
class StrictBoolDeserializer(DefaultFieldDeserializer):
    """JSON true or false only. zope.schema reads every word but "true"/"on" as
    false, so a typo in "confidential" would quietly make a resolution publishable."""

    def __call__(self, value):
        if not isinstance(value, bool):
            raise ValueError(
                translate(
                    _("error_true_or_false", default="Expected true or false."),
                    context=self.request,
                )
            )
        return super().__call__(value)
