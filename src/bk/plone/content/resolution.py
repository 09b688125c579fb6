"""A council resolution (Beschluss) whose points are followed up."""

from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
from bk.plone import _
from bk.plone.content.numbering import natural_key
from bk.plone.content.safe_text import LINE_MAX
from bk.plone.content.safe_text import printable
from bk.plone.content.safe_text import printable_line
from bk.plone.content.safe_text import SHORT_MAX
from bk.plone.content.safe_text import TEXT_MAX
from bk.plone.interfaces import MODIFY_DECISION
from plone import api
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.folder.interfaces import IOrdering
from plone.supermodel import model
from urllib.parse import SplitResult
from urllib.parse import urlsplit
from zope import schema
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant

import re


# "V0220/14", "A0115/15", "RBV-1441/12", "2021/BV/2114", "DS/1246/V"
# "V0220/14", "VI-DS-01234", "101.19.1234", and with one space between a word or
# abbreviation and a number as some councils write them: "DS 1234/22",
# "DS-Nr. 31415-24" (not "V 0220/14" nor "V0220 / 14": the same paper as V0220/14).
PAPER_REFERENCE = re.compile(
    r"^[A-Za-z0-9](?:[A-Za-z0-9./-]|(?:(?<=[A-Za-z]{2})|(?<=\.)) (?=\d)){1,38}"
    r"[A-Za-z0-9]$"
)


class InvalidPaperReference(schema.ValidationError):
    __doc__ = _(
        "error_paper_reference_format",
        default="A paper reference consists of letters, digits, '/', '-' and '.', "
        'like "V0220/14".',
    )


def valid_paper_reference(value: str) -> bool:
    printable_line(value)
    if not PAPER_REFERENCE.match(value.strip()):
        raise InvalidPaperReference(value)
    return True


class InvalidWebAddress(schema.ValidationError):
    __doc__ = _(
        "error_web_address",
        default="Please enter a web address starting with https:// or http://.",
    )


def web_parts(value) -> SplitResult | None:
    """The parts of an http(s) address with a host (and a port, if any, that is a
    number); None for anything else, however broken ("http://[::1/")."""
    if not isinstance(value, str):
        return None
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return parts


def is_web_address(value) -> bool:
    """An http(s) address with a host: only such an address becomes a link (a
    javascript: link runs)."""
    return web_parts(value) is not None


def web_address(value: str) -> bool:
    """The fields' constraint: a printable http(s) address."""
    printable_line(value)
    if not is_web_address(value):
        raise InvalidWebAddress(value)
    return True


class IResolution(model.Schema):
    """Fields of a resolution. Title and description are its own (not plone.basic's)
    so that they carry the same write permission as the rest of the record."""

    # The resolution's record: from release on, the mayor's office's to change.
    directives.write_permission(
        title=MODIFY_DECISION,
        description=MODIFY_DECISION,
        paper_reference=MODIFY_DECISION,
        session_reference=MODIFY_DECISION,
        decision_date=MODIFY_DECISION,
        body=MODIFY_DECISION,
        file_reference=MODIFY_DECISION,
        confidential=MODIFY_DECISION,
        next_control_date=MODIFY_DECISION,
        recipients=MODIFY_DECISION,
        oparl_paper=MODIFY_DECISION,
        oparl_web=MODIFY_DECISION,
    )

    title = schema.TextLine(
        title=_("label_title", default="Title"),
        description=_(
            "help_title",
            default="The subject of the resolution, as the council named it.",
        ),
        required=True,
        max_length=LINE_MAX * 2,
        constraint=printable_line,
    )
    description = schema.Text(
        title=_("label_description", default="Summary"),
        required=False,
        missing_value="",
        max_length=TEXT_MAX,
        constraint=printable,
    )
    paper_reference = schema.TextLine(
        title=_("label_paper_reference", default="Paper reference"),
        description=_(
            "help_paper_reference",
            default='The reference of the council paper, e.g. "V0220/14". Unique in the site.',
        ),
        required=True,
        max_length=SHORT_MAX,
        constraint=valid_paper_reference,
    )
    session_reference = schema.TextLine(
        title=_("label_session_reference", default="Session number"),
        description=_("help_session_reference", default='e.g. "SR/011/2015"'),
        required=False,
        max_length=SHORT_MAX,
        constraint=printable_line,
    )
    decision_date = schema.Date(
        title=_("label_decision_date", default="Decision date"),
        required=False,
    )
    body = schema.Choice(
        title=_("label_body", default="Deciding body"),
        vocabulary="bk.plone.vocabularies.bodies",
        default="Stadtrat",
        required=False,
    )
    file_reference = schema.TextLine(
        title=_("label_file_reference", default="File reference (GZ)"),
        description=_("help_file_reference", default='e.g. "(OB) INAUSLB"'),
        required=False,
        max_length=SHORT_MAX,
        constraint=printable_line,
    )
    confidential = schema.Bool(
        title=_("label_confidential", default="Confidential"),
        description=_(
            "help_confidential",
            default="A confidential resolution is never published to the public.",
        ),
        default=True,
        required=False,
    )
    next_control_date = schema.Date(
        title=_("label_next_control_date", default="Next control date"),
        required=False,
    )
    recipients = schema.Text(
        title=_("label_recipients", default="Recipients"),
        description=_(
            "help_recipients",
            default="Address field of the letter; empty means the default recipients "
            "of the settings.",
        ),
        required=False,
        max_length=TEXT_MAX,
        constraint=printable,
    )
    oparl_paper = schema.URI(
        title=_("label_oparl_paper", default="OParl paper"),
        description=_(
            "help_oparl_paper",
            default="URL of the paper in the council information system (optional).",
        ),
        required=False,
        max_length=LINE_MAX * 5,
        constraint=web_address,
    )
    oparl_web = schema.URI(
        title=_("label_oparl_web", default="Page in the council information system"),
        description=_(
            "help_oparl_web",
            default="The paper's page that people open in the council information "
            "system (OParl web), linked from the resolution (optional).",
        ),
        required=False,
        max_length=LINE_MAX * 5,
        constraint=web_address,
    )

    @invariant
    def control_after_decision(data):
        decided = getattr(data, "decision_date", None)
        control = getattr(data, "next_control_date", None)
        if decided and control and control < decided:
            raise Invalid(
                _(
                    "error_control_before_decision",
                    default="The next control date may not lie before the decision date.",
                )
            )


@implementer(IResolution)
class Resolution(Container):
    """Points are kept in natural order by the "bk-natural" ordering."""

    _ordering = "bk-natural"
    security = ClassSecurityInfo()

    # For code, not for URLs or restricted Python (it has a docstring, which
    # would make it publishable).
    security.declarePrivate("points")

    def points(self) -> list:
        """The resolution's control points, in the natural order of their numbers."""
        return [
            item
            for item in self.objectValues()
            if getattr(item, "portal_type", None) == "ControlPoint"
        ]


InitializeClass(Resolution)


def paper_reference_taken(reference: str, exclude_uid: str | None = None) -> bool:
    """True when another resolution in the site has this reference (case-insensitive)."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Resolution", bk_paper_key=paper_key(reference)
    )
    return any(exclude_uid != brain.UID for brain in brains)


def paper_key(reference: str) -> str:
    """One key for one paper however it is spaced: "DS 1234/22" is "DS1234/22"."""
    return reference.strip().lower().replace(" ", "")


@implementer(IOrdering)
@adapter(IResolution)
class NaturalPointOrdering:
    """Control points in the natural order of their numbers (1, 1a, 1b, 2, 10),
    whatever the order they were created in; other content (issued reports) after them."""

    def __init__(self, context):
        self.context = context

    def _sort_key(self, item_id):
        number = getattr(self.context._tree[item_id], "number", None)
        if number:
            return (0, natural_key(number), item_id)
        return (1, (), item_id)

    def idsInOrder(self):
        return sorted(self.context._tree.keys(), key=self._sort_key)

    def getObjectPosition(self, obj_id):
        try:
            return self.idsInOrder().index(obj_id)
        except ValueError:
            raise ValueError(f'No object with id "{obj_id}" exists.') from None

    def notifyAdded(self, obj_id):
        pass

    def notifyRemoved(self, obj_id):
        pass

    def moveObjectsByDelta(self, ids, delta, subset_ids=None, suppress_events=False):
        return 0

    def moveObjectsUp(self, ids, delta=1, subset_ids=None):
        return 0

    def moveObjectsDown(self, ids, delta=1, subset_ids=None):
        return 0

    def moveObjectsToTop(self, ids, subset_ids=None):
        return 0

    def moveObjectsToBottom(self, ids, subset_ids=None):
        return 0

    def moveObjectToPosition(self, obj_id, position, suppress_events=False):
        return 0

    def orderObjects(self, key=None, reverse=None):
        return -1
