"""The resolution's page: its fields, its points in natural order with their states,
the issued letters (newest first) and the ways to the letter."""

from bk.plone.letter.issue import issued_reports
from plone import api
from Products.Five.browser import BrowserView


class ResolutionView(BrowserView):
    def points(self):
        return [
            {
                "number": point.number,
                "url": point.absolute_url(),
                "state": api.content.get_state(point),
                "state_title": self.state_title(point),
            }
            for point in self.context.objectValues()
            if point.portal_type == "ControlPoint"
        ]

    def state_title(self, obj):
        workflow_tool = api.portal.get_tool("portal_workflow")
        title = workflow_tool.getTitleForStateOnType(
            api.content.get_state(obj), obj.portal_type
        )
        return self.context.translate(title, domain="plone")

    def reports(self):
        return [
            {
                "title": report.title,
                "url": report.absolute_url(),
                "pdf": f"{report.absolute_url()}/@@download/pdf",
                "date": report.letter_date.isoformat(),
            }
            for report in issued_reports(self.context)
        ]

    def may_issue(self):
        return api.user.has_permission("bk.plone: Issue letter", obj=self.context)
