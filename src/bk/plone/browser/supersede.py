"""@@supersede-resolution (mayor's office): a later paper repealed or replaced the
whole resolution; every open and in-progress point is marked superseded at once."""

from bk.plone import _
from bk.plone.browser import form_text
from bk.plone.browser.letter import protect_page
from bk.plone.content.approvals import supersede_resolution
from bk.plone.interfaces import ApprovalError
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView


class SupersedeResolutionView(BrowserView):
    error = None

    def __call__(self):
        protect_page(self.request.response)
        if self.request.method == "POST" and self.request.form.get(
            "form.buttons.supersede"
        ):
            CheckAuthenticator(self.request)
            try:
                points = supersede_resolution(
                    self.context, self.superseded_by(), self.comment()
                )
            except ApprovalError as error:
                self.error = error.message
                self.request.response.setStatus(400)
                return self.index()
            api.portal.show_message(
                _(
                    "msg_resolution_superseded",
                    default="${count} points are marked as repealed or replaced by "
                    "${paper}.",
                    mapping={"count": len(points), "paper": self.superseded_by()},
                ),
                request=self.request,
            )
            return self.request.response.redirect(self.context.absolute_url())
        return self.index()

    def superseded_by(self) -> str:
        return form_text(self.request.form, "superseded_by")

    def comment(self) -> str:
        return form_text(self.request.form, "comment")
