"""@@approvals: the mayor's office worklist of proposed transitions, and the form
target for proposing, approving and declining."""

from bk.plone import _
from bk.plone.browser import form_text
from bk.plone.content import approvals
from bk.plone.content.control_point import IControlPoint
from bk.plone.interfaces import ApprovalError
from bk.plone.interfaces import APPROVE_PERMISSION
from bk.plone.interfaces import PROPOSE_PERMISSION
from bk.plone.overview.worklist import worklist
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView


class ApprovalsView(BrowserView):
    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.handle_post()
            return self.request.response.redirect(self.next_url())
        return self.index()

    def handle_post(self):
        form = self.request.form
        point = (
            self.context
            if IControlPoint.providedBy(self.context)
            else approvals.find_point(form_text(form, "uid"))
        )
        if point is None:
            api.portal.show_message(
                _("error_no_point", default="No control point with this UID."),
                request=self.request,
                type="error",
            )
            return
        try:
            approvals.perform(
                point,
                action=form_text(form, "action"),
                transition=form_text(form, "transition"),
                comment=form_text(form, "comment"),
                proposal_id=form_text(form, "proposal") or None,
            )
        except ApprovalError as error:
            api.portal.show_message(error.message, request=self.request, type="error")
            return
        api.portal.show_message(
            {
                "propose": _(
                    "msg_proposed",
                    default="Your proposal has been sent to the mayor's office.",
                ),
                "approve": _(
                    "msg_approved", default="Approved: the point's state has changed."
                ),
                "decline": _("msg_declined", default="The proposal has been declined."),
            }[form["action"]],
            request=self.request,
        )

    def next_url(self):
        came_from = form_text(self.request.form, "came_from")
        portal_url = api.portal.get().absolute_url()
        if came_from.startswith(portal_url):
            return came_from
        return f"{self.context.absolute_url()}/@@approvals"

    def rows(self):
        return worklist(self.context)

    def may_decide(self, row):
        point = approvals.find_point(row["uid"])
        return point is not None and api.user.has_permission(
            APPROVE_PERMISSION, obj=point
        )

    def is_point(self):
        return IControlPoint.providedBy(self.context)

    def point_history(self):
        return approvals.proposals(self.context) if self.is_point() else []

    def point_transitions(self):
        if not self.is_point() or not api.user.has_permission(
            PROPOSE_PERMISSION, obj=self.context
        ):
            return []
        return list(approvals.exit_transitions(self.context))
