"""One numbered point of a resolution, with its status report."""

from bk.plone import _
from bk.plone.content.numbering import InvalidNumber
from bk.plone.content.numbering import normalize_number
from bk.plone.content.resolution import valid_paper_reference
from bk.plone.content.safe_text import HtmlRichText
from bk.plone.content.safe_text import printable
from bk.plone.content.safe_text import printable_line
from bk.plone.content.safe_text import safe_rich_value
from bk.plone.content.safe_text import SHORT_MAX
from bk.plone.content.safe_text import TEXT_MAX
from bk.plone.interfaces import MODIFY_DECISION
from plone.autoform import directives
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
    printable_line(value)
    try:
        normalize_number(value)
    except InvalidNumber:
        raise InvalidPointNumber(value) from None
    return True


class IControlPoint(model.Schema):
    # The council's decision: from release on, the mayor's office's to change.
    directives.write_permission(
        number=MODIFY_DECISION,
        resolution_text=MODIFY_DECISION,
        due_date=MODIFY_DECISION,
        superseded_by=MODIFY_DECISION,
    )

    number = schema.TextLine(
        title=_("label_number", default="Number"),
        description=_(
            "help_number",
            default='As in the resolution: "1", "1a", "2.1". Unique within the resolution.',
        ),
        required=True,
        max_length=SHORT_MAX,
        constraint=valid_number,
    )
    resolution_text = HtmlRichText(
        title=_("label_resolution_text", default="Text of the resolution"),
        description=_(
            "help_resolution_text",
            default="The point as the council decided it, quoted in the letter.",
        ),
        required=False,
    )
    status_report = HtmlRichText(
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
    # The department's, like the status report: written after release too.
    target_date = schema.Date(
        title=_("label_target_date", default="Target date"),
        description=_(
            "help_target_date",
            default="When the department now expects the point to be carried out, "
            "if not by its due date.",
        ),
        required=False,
    )
    delay_reason = schema.Text(
        title=_("label_delay_reason", default="Reason for delay"),
        description=_(
            "help_delay_reason",
            default="Why the point is not carried out by its due date. The council "
            "reads it in the control list.",
        ),
        required=False,
        default="",
        missing_value="",
        max_length=TEXT_MAX,
        constraint=printable,
    )
    superseded_by = schema.TextLine(
        title=_("label_superseded_by", default="Repealed or replaced by"),
        description=_(
            "help_superseded_by",
            default="The later paper that repealed or replaced this point, e.g. "
            '"V0815/22". Set when the point is marked superseded.',
        ),
        required=False,
        max_length=SHORT_MAX,
        constraint=valid_paper_reference,
    )


def _safe_rich_text(name: str) -> property:
    """The stored rich text, read as one whose output is Plone's safe HTML (see
    `safe_rich_value`): every reader of the field, Plone's included, gets it so."""

    def get(self):
        return safe_rich_value(self.__dict__.get(name))

    def set(self, value):
        self.__dict__[name] = value
        self._p_changed = True

    return property(get, set)


@implementer(IControlPoint)
class ControlPoint(Item):
    resolution_text = _safe_rich_text("resolution_text")
    status_report = _safe_rich_text("status_report")

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
