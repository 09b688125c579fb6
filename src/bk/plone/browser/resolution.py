"""The resolution's page: its fields, its points in natural order with their states,
the issued letters (newest first) and the ways to the letter."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from bk.plone.content import approvals
from bk.plone.content.status import status_label
from bk.plone.content.status import transition_label
from bk.plone.interfaces import APPROVE_PERMISSION
from bk.plone.interfaces import PROPOSE_PERMISSION
from bk.plone.letter.issue import all_reports
from bk.plone.letter.issue import is_withdrawn
from bk.plone.letter.model import german_date
from plone import api
from Products.Five.browser import BrowserView
from zope.i18n import translate


class ResolutionView(BrowserView):
    def points(self):
        return [
            {
                "number": point.number,
                "url": point.absolute_url(),
                "state": api.content.get_state(point),
                "state_title": self.state_title(point),
                **self.point_actions(point),
            }
            for point in self.context.points()
        ]

    def point_actions(self, point) -> dict:
        """What the reader may do with the point right here: decide on its open
        proposal (mayor's office) or propose a change of state (editors)."""
        proposal = approvals.open_proposal(point)
        may_propose = api.user.has_permission(PROPOSE_PERMISSION, obj=point)
        may_decide = api.user.has_permission(APPROVE_PERMISSION, obj=point)
        transitions = []
        if proposal is None and may_propose:
            transitions = [
                {"id": t, "title": self.transition_title(t)}
                for t in approvals.exit_transitions(point)
            ]
        return {
            "proposal": (
                {
                    "id": proposal["id"],
                    "transition_title": self.transition_title(proposal["transition"]),
                    "comment": proposal["comment"],
                    "proposer": proposal["proposer"],
                }
                if proposal is not None
                else None
            ),
            "may_decide": proposal is not None and may_decide,
            "transitions": transitions,
        }

    def transition_title(self, transition: str) -> str:
        return translate(transition_label(transition), context=self.request)

    def date_text(self, value) -> str:
        return german_date(value, api.portal.get_default_language() or "de")

    def overview_url(self) -> str:
        return f"{aq_parent(aq_inner(self.context)).absolute_url()}/@@control-overview"

    def state_title(self, obj):
        return translate(status_label(api.content.get_state(obj)), context=self.request)

    def reports(self):
        """The issued reports, and the withdrawn ones to whoever may still see
        them (the mayor's office), marked."""
        return [
            {
                "title": report.title,
                "url": report.absolute_url(),
                "pdf": f"{report.absolute_url()}/@@download/pdf",
                "date": report.letter_date.isoformat(),
                "withdrawn": is_withdrawn(report),
            }
            for report in all_reports(self.context)
            if api.user.has_permission("View", obj=report)
        ]

    def may_issue(self):
        return api.user.has_permission("bk.plone: Issue letter", obj=self.context)
