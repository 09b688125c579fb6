"""One numbered point of a resolution, with its status report."""

from bk.plone import _
from bk.plone.content.numbering import InvalidNumber
from bk.plone.content.numbering import normalize_number
from plone.app.textfield import RichText
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class InvalidPointNumber(schema.ValidationError):
    __doc__ = _(
        "error_point_number_format",
        default='A point number looks like "1", "1a" or "2.1".',
    )


def valid_number(value: str) -> bool:
    try:
        normalize_number(value)
    except InvalidNumber:
        raise InvalidPointNumber(value) from None
    return True


class IControlPoint(model.Schema):
    number = schema.TextLine(
        title=_("label_number", default="Number"),
        description=_(
            "help_number",
            default='As in the resolution: "1", "1a", "2.1". Unique within the resolution.',
        ),
        required=True,
        constraint=valid_number,
    )
    resolution_text = RichText(
        title=_("label_resolution_text", default="Text of the resolution"),
        description=_(
            "help_resolution_text",
            default="The point as the council decided it, quoted in the letter.",
        ),
        required=False,
    )
    status_report = RichText(
        title=_("label_status_report", default="Status report"),
        description=_(
            "help_status_report",
            default="How far the point has been carried out, for the next letter.",
        ),
        required=False,
    )
    due_date = schema.Date(
        title=_("label_due_date", default="Due date"),
        required=False,
    )


@implementer(IControlPoint)
class ControlPoint(Item):
    @property
    def number(self):
        return self.__dict__.get("_number")

    @number.setter
    def number(self, value):
        # Every way in (form, REST, importer, plone.api) stores the normalised form.
        self._number = normalize_number(value) if value else value

    @property
    def title(self):
        # A point is named by its number; the letter shows "1a." and the quoted text.
        return self.number or ""

    @title.setter
    def title(self, value):
        pass

    def effective_responsible_office(self):
        return self.responsible_office or getattr(
            self.__parent__, "responsible_office", None
        )
