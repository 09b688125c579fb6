"""Marker interfaces and permission ids of bk.plone."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


# The council's decision and the resolution's record (decided text, numbering, due
# dates, title, body, dates, confidentiality): granted per state by the resolution
# workflow, to creators in a draft and to the mayor's office throughout.
MODIFY_DECISION = "bk.plone.ModifyDecision"
MODIFY_DECISION_TITLE = "bk.plone: Modify decision"


class IBrowserLayer(IDefaultBrowserLayer):
    """Marker interface for the browser layer of bk.plone."""
