"""A control point's own page: its state in words, due date and office when set,
the decided text and the status report, and the propose / decide forms."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from bk.plone.browser.points import point_summary
from bk.plone.browser.points import render_point_actions
from bk.plone.browser.points import render_point_notes
from bk.plone.browser.points import rich_output
from Products.Five.browser import BrowserView


class ControlPointView(BrowserView):
    def point(self) -> dict:
        return point_summary(self.context, self.request)

    def resolution(self):
        return aq_parent(aq_inner(self.context))

    def actions(self, point: dict) -> str:
        return render_point_actions(self, point, came_from=self.context.absolute_url())

    def notes(self, point: dict) -> str:
        return render_point_notes(self, point)

    def text(self, name: str) -> str:
        return rich_output(self.context, name)
