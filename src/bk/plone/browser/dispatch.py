"""Sending an issued letter or control list to the council: the choice on the
issue forms, the record's "send to the council" form, and what was sent."""

from bk.plone import _
from bk.plone.browser.points import full_name
from bk.plone.browser.points import local_time
from bk.plone.council.dispatch import body_dispatch_error
from bk.plone.council.dispatch import dispatch
from bk.plone.council.dispatch import dispatch_error
from bk.plone.council.dispatch import DispatchError
from bk.plone.council.dispatch import dispatches
from bk.plone.council.dispatch import recipients
from bk.plone.notifications.mail import can_send
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


class DispatchChoice:
    """For an issue form: may the new record be sent to `body`'s members, and to
    how many addresses."""

    def dispatch_choice(self, body: str) -> dict:
        addresses = recipients(body) if can_send() else []
        reason = body_dispatch_error(body, addresses)
        return {
            "possible": reason is None,
            "count": len(addresses),
            "body": body,
            "reason": translate(reason, context=self.request) if reason else "",
        }

    def dispatch_after_issue(self, report) -> None:
        if not self.request.form.get("dispatch"):
            return
        try:
            record = dispatch(report)
        except DispatchError as error:
            api.portal.show_message(error.message, request=self.request, type="warning")
            return
        api.portal.show_message(sent_message(record), request=self.request)


def sent_message(record: dict):
    return _(
        "msg_dispatched",
        default="Sent by e-mail to ${count} members (group ${group}).",
        mapping={"count": record["recipients"], "group": record["group"]},
    )


class DispatchReportView(BrowserView):
    """@@dispatch-report (POST, mayor's office): send an issued record now."""

    def __call__(self):
        if self.request.method != "POST":
            return self.request.response.redirect(self.context.absolute_url())
        CheckAuthenticator(self.request)
        try:
            record = dispatch(self.context)
        except DispatchError as error:
            api.portal.show_message(error.message, request=self.request, type="error")
        else:
            api.portal.show_message(sent_message(record), request=self.request)
        return self.request.response.redirect(self.context.absolute_url())


def dispatch_entries(report, request) -> list[dict]:
    """Who sent the record, when, to how many: for its page."""
    return [
        {
            **record,
            "by_name": full_name(record.get("by") or ""),
            "at_text": local_time(record.get("at")),
        }
        for record in dispatches(report)
    ]


def may_dispatch(report) -> bool:
    return (
        api.user.has_permission("bk.plone: Issue letter", obj=report)
        and dispatch_error(report) is None
    )
