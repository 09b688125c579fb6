"""@@control-dates.ics and @@reports.atom on a folder, read with the reader's
login or a personal secret token (calendar and feed readers cannot log in through
Plone's form); @@feed-token creates or revokes the token (POST)."""

from bk.plone import _
from bk.plone.browser import form_text
from bk.plone.content.safe_text import clean_text
from bk.plone.council.atom import atom_bytes
from bk.plone.council.atom import issued_records
from bk.plone.council.calendar import calendar_bytes
from bk.plone.council.calendar import control_dates
from bk.plone.council.feeds import InvalidFeedToken
from bk.plone.council.feeds import new_token
from bk.plone.council.feeds import reading_as
from bk.plone.council.feeds import revoke
from bk.plone.council.feeds import token_of
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.i18n import translate


class FeedBase(BrowserView):
    content_type = ""

    def __call__(self):
        response = self.request.response
        try:
            with reading_as(self.request):
                data = self.render(public_only=api.user.is_anonymous())
        except InvalidFeedToken:
            response.setStatus(403)
            response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return translate(
                _(
                    "error_feed_token",
                    default="This feed address is no longer valid. Please take the "
                    "current one from the control overview.",
                ),
                context=self.request,
            )
        response.setHeader("Content-Type", self.content_type)
        # each reader's own view of the data, never in a shared cache
        response.setHeader("Cache-Control", "private, no-cache")
        response.setHeader("X-Robots-Tag", "noindex")
        return data

    def translate(self, message) -> str:
        return translate(message, context=self.request)


class ControlDatesICS(FeedBase):
    content_type = "text/calendar; charset=utf-8"

    def render(self, public_only: bool) -> bytes:
        office = clean_text(form_text(self.request.form, "office")).strip()
        name = self.translate(
            _(
                "ics_name",
                default="Control dates: ${folder}",
                mapping={"folder": clean_text(self.context.Title())},
            )
        )
        return calendar_bytes(
            control_dates(self.context, office=office, public_only=public_only), name
        )


class ReportsAtom(FeedBase):
    content_type = "application/atom+xml; charset=utf-8"

    def render(self, public_only: bool) -> bytes:
        title = self.translate(
            _(
                "atom_title",
                default="Issued letters and control lists: ${folder}",
                mapping={"folder": clean_text(self.context.Title())},
            )
        )
        return atom_bytes(
            self.context,
            issued_records(self.context, public_only=public_only),
            title,
            self.request.getURL(),
        )


def feed_addresses(context) -> dict:
    """The calendar and feed addresses of `context` for the current user: with
    the personal token when there is one."""
    base = context.absolute_url()
    token = (
        None if api.user.is_anonymous() else token_of(api.user.get_current().getId())
    )
    query = f"?{urlencode({'token': token})}" if token else ""
    return {
        "personal": bool(token),
        "calendar": f"{base}/@@control-dates.ics{query}",
        "feed": f"{base}/@@reports.atom{query}",
        "anonymous": api.user.is_anonymous(),
    }


class FeedTokenView(BrowserView):
    """@@feed-token (POST, any logged-in user): a new personal token (the old one
    stops working) or none at all."""

    def __call__(self):
        back = f"{self.context.absolute_url()}/@@control-overview#bk-feeds"
        if self.request.method != "POST" or api.user.is_anonymous():
            return self.request.response.redirect(back)
        CheckAuthenticator(self.request)
        user_id = api.user.get_current().getId()
        if self.request.form.get("action") == "revoke":
            revoke(user_id)
            message = _("msg_feed_revoked", default="Your feed addresses are revoked.")
        else:
            new_token(user_id)
            message = _(
                "msg_feed_created",
                default="Your new feed addresses are below; earlier ones no longer "
                "work.",
            )
        api.portal.show_message(message, request=self.request)
        return self.request.response.redirect(back)
