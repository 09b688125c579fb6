"""@@approvals: the mayor's office worklist of proposed transitions, and the form
target for proposing, approving and declining."""

from bk.plone import _
from bk.plone.browser import form_text
from bk.plone.browser.points import proposal_entry
from bk.plone.browser.points import rich_output
from bk.plone.browser.points import state_title
from bk.plone.browser.points import transition_title
from bk.plone.content import approvals
from bk.plone.content.control_point import IControlPoint
from bk.plone.interfaces import ApprovalError
from bk.plone.interfaces import APPROVE_PERMISSION
from bk.plone.interfaces import PROPOSE_PERMISSION
from bk.plone.notifications.mail import can_send
from bk.plone.notifications.mail import group_emails
from bk.plone.overview.worklist import worklist
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView


def proposed_message():
    """What really happened to a proposal: in the worklist always, by mail only
    when the site can send one to the mayor's office."""
    if can_send() and group_emails("mayors-office"):
        return _(
            "msg_proposed_mailed",
            default="Your proposal is in the mayor's office's worklist; the office "
            "has been told by e-mail.",
        )
    return _(
        "msg_proposed_listed",
        default="Your proposal is in the mayor's office's worklist (no e-mail was "
        "sent: the site has no mail server or the office no address).",
    )


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
                superseded_by=form_text(form, "superseded_by"),
            )
        except ApprovalError as error:
            api.portal.show_message(error.message, request=self.request, type="error")
            return
        api.portal.show_message(
            {
                "propose": proposed_message(),
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
        """The worklist with what the mayor's office decides on: the point's
        decided text and current report beside the proposal."""
        rows = []
        for row in worklist(self.context):
            point = approvals.find_point(row["uid"])
            if point is None:
                continue
            rows.append(
                {
                    **row,
                    "proposal": proposal_entry(row["proposal"], self.request),
                    "state_title": state_title(row["state"], self.request),
                    "resolution_text": rich_output(point, "resolution_text"),
                    "status_report": rich_output(point, "status_report"),
                    "may_decide": api.user.has_permission(
                        APPROVE_PERMISSION, obj=point
                    ),
                }
            )
        return rows

    def is_point(self):
        return IControlPoint.providedBy(self.context)

    def point_history(self):
        if not self.is_point():
            return []
        return [
            proposal_entry(proposal, self.request)
            for proposal in approvals.proposals(self.context)
        ]

    def point_transitions(self):
        if not self.is_point() or not api.user.has_permission(
            PROPOSE_PERMISSION, obj=self.context
        ):
            return []
        return [
            {"id": t, "title": transition_title(t, self.request)}
            for t in approvals.exit_transitions(self.context)
        ]

    def changed_texts(self) -> list[dict]:
        """Resolutions whose decided text the council system has changed, for the
        mayor's office to apply or dismiss on their pages."""
        if self.is_point():
            return []
        return [
            {
                "url": brain.getURL(),
                "paper_reference": brain.paper_reference,
                "title": brain.Title,
            }
            for brain in api.content.find(
                portal_type="Resolution", bk_oparl_pending=True, sort_on="bk_paper_key"
            )
            if api.user.has_permission(
                "bk.plone: Modify decision", obj=brain.getObject()
            )
        ]
