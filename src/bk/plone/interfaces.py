"""Interfaces, events, exceptions and permission ids of bk.plone."""

from zope.interface import Attribute
from zope.interface import implementer
from zope.interface import Interface
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


# The council's decision and the resolution's record (decided text, numbering, due
# dates, title, body, dates, confidentiality): granted per state by the resolution
# workflow, to creators in a draft and to the mayor's office throughout.
MODIFY_DECISION = "bk.plone.ModifyDecision"
MODIFY_DECISION_TITLE = "bk.plone: Modify decision"


class IBrowserLayer(IDefaultBrowserLayer):
    """Marker interface for the browser layer of bk.plone."""


# Approvals: editors propose a transition of a control point, the mayor's office
# approves or declines it (content/approvals.py).
PROPOSE_PERMISSION = "bk.plone: Propose transition"
APPROVE_PERMISSION = "bk.plone: Approve control point"


class IProposals(Interface):
    """The proposals of one control point, oldest first (an adapter of the point)."""

    def __iter__():
        """The stored proposals (mutable mappings), oldest first."""

    def add(proposal):
        """Store a new proposal (a mapping) after the others."""

    def open():
        """The proposal waiting for a decision, or None."""


class IProposalMade(IObjectEvent):
    """An editor proposed a transition of the point (the event's object)."""

    proposal = Attribute("The proposal, as a plain dict")


class IProposalDecided(IObjectEvent):
    """The mayor's office approved or declined a proposal (see its status)."""

    proposal = Attribute("The proposal, as a plain dict")


@implementer(IProposalMade)
class ProposalMade(ObjectEvent):
    def __init__(self, point, proposal: dict):
        super().__init__(point)
        self.proposal = proposal


@implementer(IProposalDecided)
class ProposalDecided(ObjectEvent):
    def __init__(self, point, proposal: dict):
        super().__init__(point)
        self.proposal = proposal


class RefusedInput(ValueError):
    """Input bk.plone refuses; `message` is a translatable message for the person
    who gave it, `line` (when known) where in a file it stopped."""

    def __init__(self, message, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


class ApprovalError(RefusedInput):
    """A proposal, approval or decline that cannot be made."""
