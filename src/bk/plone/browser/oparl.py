"""@@oparl-import on a folder (the mayor's office): see what a sync with the council
information system would do, then sync. @@oparl-text on a resolution: apply or
dismiss the council system's changed decided text."""

from bk.plone import _
from bk.plone.browser import form_text
from bk.plone.browser.points import local_time
from bk.plone.interfaces import RefusedInput
from bk.plone.oparl.filters import PaperFilter
from bk.plone.oparl.results import day_value
from bk.plone.oparl.results import endpoint
from bk.plone.oparl.results import LAST
from bk.plone.oparl.results import may_choose_address
from bk.plone.oparl.results import run_data
from bk.plone.oparl.results import since_value
from bk.plone.oparl.results import summary_message
from bk.plone.oparl.sync import apply_pending
from bk.plone.oparl.sync import CLOCK_MARGIN
from bk.plone.oparl.sync import dismiss_pending
from bk.plone.oparl.sync import last_sync
from bk.plone.oparl.sync import sync
from collections import Counter
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate

import transaction


def shared_notes(items: list[dict]) -> list[str]:
    """Notes that several papers share (an office not mapped, say), to be said once
    above the table rather than in every row."""
    counts = Counter(note for item in items for note in dict.fromkeys(item["notes"]))
    return [note for note, count in counts.items() if count > 1]


class OParlImportView(BrowserView):
    error = None
    run = None
    results = None
    shared_notes: tuple[str, ...] = ()

    def __call__(self):
        form = self.request.form
        if self.request.method == "POST" and (
            form.get("form.buttons.preview") or form.get("form.buttons.sync")
        ):
            CheckAuthenticator(self.request)
            try:
                options = self.options()
            except RefusedInput as error:
                self.error = error.message
                self.request.response.setStatus(400)
                return self.index()
            self.run = sync(
                self.context, dry_run=not form.get("form.buttons.sync"), **options
            )
            if self.run.error is not None:
                # all or nothing of what was read: nothing, as the list broke off
                transaction.doom()
            self.results = run_data(self.run, self.translate)
            self.shared_notes = tuple(shared_notes(self.results["items"]))
        return self.index()

    def own_notes(self, item: dict) -> list[str]:
        return [note for note in item["notes"] if note not in self.shared_notes]

    def options(self) -> dict:
        url = endpoint(self.url(), may_choose_address(self.context))
        return {
            "url": url,
            "since": since_value(self.since(), self.context, url),
            "paper_filter": PaperFilter.from_settings(
                date_from=day_value(self.field("date_from"), "date_from"),
                date_to=day_value(self.field("date_to"), "date_to"),
            ),
        }

    def field(self, name: str) -> str:
        return form_text(self.request.form, name).strip()

    def url(self) -> str:
        if "url" in self.request.form:
            return self.field("url")
        return api.portal.get_registry_record("bk.plone.oparl_endpoint", default="")

    def since(self) -> str:
        """ "" (every paper), "last" or the date typed in."""
        choice = self.field("since_choice")
        if choice == "date":
            return self.field("since_date") or "-"
        return LAST if choice == LAST else ""

    def last_sync_text(self) -> str | None:
        """When the last complete sync ran (it is remembered a margin earlier, for
        clocks that differ): several a day are told apart by their time."""
        url = self.url()
        moment = last_sync(self.context, url) if url else None
        return local_time((moment + CLOCK_MARGIN).isoformat()) if moment else None

    def summary(self) -> str:
        return self.translate(summary_message(self.run))

    def translate(self, message):
        return translate(message, context=self.request)


class OParlTextView(BrowserView):
    """POST only: apply or dismiss, then back to the resolution."""

    def __call__(self):
        url = self.context.absolute_url()
        if self.request.method != "POST":
            return self.request.response.redirect(url)
        CheckAuthenticator(self.request)
        form = self.request.form
        if not (form.get("form.buttons.apply") or form.get("form.buttons.dismiss")):
            return self.request.response.redirect(url)
        if form.get("form.buttons.apply"):
            done = apply_pending(self.context) is not None
            message = _(
                "msg_oparl_text_applied",
                default="The points now have the resolution text of the council "
                "information system; their reports and states are unchanged.",
            )
        else:
            done = dismiss_pending(self.context)
            message = _(
                "msg_oparl_text_dismissed",
                default="The changed resolution text was dismissed; the points keep "
                "their text. A later change in the council system is shown again.",
            )
        if not done:
            message = _(
                "error_oparl_nothing_pending",
                default="The council information system gives no changed "
                "resolution text for this resolution.",
            )
        api.portal.show_message(
            message, request=self.request, type="info" if done else "warning"
        )
        return self.request.response.redirect(url)


class OParlConfigured(BrowserView):
    """Whether the council information system's address is set (for the tab)."""

    def __call__(self) -> bool:
        return bool(
            api.portal.get_registry_record("bk.plone.oparl_endpoint", default=None)
        )
