"""The resolution's page: its fields, its points in natural order with their states,
the issued letters (newest first) and the ways to the letter."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from bk.plone.browser.points import point_summary
from bk.plone.browser.points import render_point_actions
from bk.plone.browser.points import render_point_notes
from bk.plone.content.status import ACTIVE_STATES
from bk.plone.content.status import point_states
from bk.plone.interfaces import APPROVE_PERMISSION
from bk.plone.letter.issue import all_reports
from bk.plone.letter.issue import is_withdrawn
from bk.plone.letter.model import german_date
from bk.plone.letter.model import site_language
from plone import api
from Products.Five.browser import BrowserView
from urllib.parse import urlsplit


class ResolutionView(BrowserView):
    def points(self):
        points = self.context.points()
        return [
            point_summary(point, self.request, state)
            for point, state in zip(points, point_states(points), strict=True)
        ]

    def actions(self, point: dict) -> str:
        return render_point_actions(self, point, came_from=self.context.absolute_url())

    def notes(self, point: dict) -> str:
        return render_point_notes(self, point)

    def date_text(self, value) -> str:
        return german_date(value, site_language())

    def overview_url(self) -> str:
        return f"{aq_parent(aq_inner(self.context)).absolute_url()}/@@control-overview"

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

    def council_link(self) -> str | None:
        """The paper's page in the council information system (OParl `web`; the
        API address when there is no page), only as an http(s) link."""
        for url in (getattr(self.context, "oparl_web", None), self.context.oparl_paper):
            if url and urlsplit(url).scheme.lower() in ("http", "https"):
                return url
        return None

    def may_supersede(self):
        """The mayor's office, while a point is left to supersede."""
        return api.user.has_permission(APPROVE_PERMISSION, obj=self.context) and any(
            point["state"] in ACTIVE_STATES for point in self.points()
        )
