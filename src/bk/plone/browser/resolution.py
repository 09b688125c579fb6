"""The resolution's page: its fields, its points in natural order with their states,
the issued letters (newest first) and the ways to the letter."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from bk.plone.browser.points import point_summary
from bk.plone.browser.points import render_point_actions
from bk.plone.browser.points import render_point_notes
from bk.plone.content.resolution import is_web_address
from bk.plone.content.status import ACTIVE_STATES
from bk.plone.content.status import point_states
from bk.plone.importer.importer import rich_html
from bk.plone.importer.parser import html_words
from bk.plone.interfaces import APPROVE_PERMISSION
from bk.plone.interfaces import MODIFY_DECISION_TITLE
from bk.plone.interfaces import PROPOSE_PERMISSION
from bk.plone.letter.issue import all_reports
from bk.plone.letter.issue import is_withdrawn
from bk.plone.letter.model import german_date
from bk.plone.letter.model import site_language
from bk.plone.letter.text import safe_html
from bk.plone.oparl import decided
from datetime import datetime
from plone import api
from Products.Five.browser import BrowserView


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
            if is_web_address(url):
                return url
        return None

    def may_supersede(self):
        """The mayor's office, while a point is left to supersede."""
        return api.user.has_permission(APPROVE_PERMISSION, obj=self.context) and any(
            point["state"] in ACTIVE_STATES for point in self.points()
        )

    def pending_text(self) -> dict | None:
        """The council system's changed decided text beside the points' texts, to
        those who keep the resolution; `may_decide`: the mayor's office applies or
        dismisses it."""
        may_decide = api.user.has_permission(MODIFY_DECISION_TITLE, obj=self.context)
        # the department proposes, the mayor's office decides
        may_follow = api.user.has_permission(PROPOSE_PERMISSION, obj=self.context)
        pending = (
            decided.pending_text(self.context) if may_decide or may_follow else None
        )
        if not pending:
            return None
        now = {p.number: safe_html(p.resolution_text) for p in self.context.points()}
        rows = [
            {
                "number": number,
                "now": now.get(number, ""),
                "new": safe_html(rich_html(html)),
                "added": number not in now,
                "same": number in now and html_words(now[number]) == html_words(html),
            }
            for number, html in pending["points"]
        ]
        kept = [number for number in now if number not in dict(pending["points"])]
        found = datetime.fromisoformat(pending["found"]).date()
        return {
            "rows": rows,
            "kept": kept,
            "found": self.date_text(found),
            "may_decide": may_decide,
        }
