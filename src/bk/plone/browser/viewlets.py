"""The mayor's office sees on every page how many proposals wait for it."""

from bk.plone import _
from bk.plone.interfaces import APPROVE_PERMISSION
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class OpenProposalsViewlet(ViewletBase):
    index = ViewPageTemplateFile("templates/open_proposals.pt")

    def update(self):
        super().update()
        self.count = 0
        portal = api.portal.get()
        if api.user.is_anonymous() or not api.user.has_permission(
            APPROVE_PERMISSION, obj=portal
        ):
            return
        if "approvals" in self.request.get("ACTUAL_URL", "").rsplit("/", 1)[-1]:
            return  # the worklist itself
        self.count = len(
            api.content.find(portal_type="ControlPoint", bk_has_open_proposal=True)
        )
        self.worklist_url = f"{portal.absolute_url()}/@@approvals"
        if self.count == 1:
            self.message = _(
                "notice_one_open_proposal",
                default="One proposal waits for your decision",
            )
        else:
            self.message = _(
                "notice_open_proposals",
                default="${count} proposals wait for your decision",
                mapping={"count": self.count},
            )

    def render(self):
        return self.index() if self.count else ""
