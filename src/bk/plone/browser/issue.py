"""@@issue-letter (mayor's office): choose the letter date, GZ and next control date,
see what changed since the last issued report, and freeze the letter."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from bk.plone import _
from bk.plone.browser import form_text
from bk.plone.browser.dispatch import dispatch_entries
from bk.plone.browser.dispatch import DispatchChoice
from bk.plone.browser.dispatch import may_dispatch
from bk.plone.browser.letter import LetterRendering
from bk.plone.browser.letter import protect_page
from bk.plone.browser.points import state_title
from bk.plone.content.safe_text import clean_text
from bk.plone.letter.changes import letter_changes
from bk.plone.letter.issue import is_withdrawn
from bk.plone.letter.issue import issue
from bk.plone.letter.issue import issued_reports
from bk.plone.letter.issue import IssueError
from bk.plone.letter.issue import latest_letter
from bk.plone.letter.issue import letter_values_error
from bk.plone.letter.issue import withdraw
from bk.plone.letter.issue import withdraw_reason_error
from bk.plone.letter.model import build_letter
from bk.plone.letter.model import german_date
from bk.plone.letter.model import parse_date
from bk.plone.letter.render import document_html
from bk.plone.letter.render import letter_layout_css
from bk.plone.letter.render import pdf_bytes
from bk.plone.letter.schema import LAYOUT_SCHEMA_VERSION
from bk.plone.letter.schema import LetterSchemaError
from bk.plone.letter.text import filtered_html
from datetime import date
from html import escape
from lxml import html as lxml_html
from plone import api
from plone.app.content.browser.content_status_modify import ContentStatusModifyView
from plone.memoize.view import memoize
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate

import json


CHANGE_MESSAGES = {
    "added": lambda points: _(
        "changes_points_added",
        default="New points: ${points}",
        mapping={"points": points},
    ),
    "removed": lambda points: _(
        "changes_points_removed",
        default="Points no longer in the letter: ${points}",
        mapping={"points": points},
    ),
    "report_changes": lambda points: _(
        "changes_points_reports",
        default="Status report changed for points: ${points}",
        mapping={"points": points},
    ),
}


class IssueLetterView(DispatchChoice, LetterRendering):
    error = None

    def __call__(self):
        protect_page(self.request.response)
        form = self.request.form
        if self.request.method == "POST" and form.get("form.buttons.issue"):
            CheckAuthenticator(self.request)
            report = self.issue()
            if report is not None:
                api.portal.show_message(
                    _("msg_letter_issued", default="The letter has been issued."),
                    request=self.request,
                )
                self.dispatch_after_issue(report)
                return self.request.response.redirect(report.absolute_url())
        return self.index()

    def values(self) -> dict:
        form = self.request.form
        context = self.context
        return {
            "date": parse_date(form.get("date")) or date.today(),
            "file_reference": form_text(
                form, "file_reference", context.file_reference or ""
            ),
            "next_control_date": parse_date(form.get("next_control_date"))
            if form.get("next_control_date")
            else context.next_control_date,
        }

    @memoize
    def letter(self):
        values = self.values()
        return build_letter(
            self.context,
            letter_date=values["date"],
            file_reference=values["file_reference"].strip(),
            next_control_date=values["next_control_date"],
        )

    @memoize
    def changes(self):
        return letter_changes(latest_letter(self.context), self.letter())

    def change_lines(self) -> list[str]:
        """What changed since the last issued letter, in words."""
        changes = self.changes()
        lines = []
        for key, message in CHANGE_MESSAGES.items():
            if changes[key]:
                points = ", ".join(changes[key])
                lines.append(message(points))
        for change in changes["state_changes"]:
            lines.append(
                _(
                    "changes_point_state",
                    default="Point ${number}: ${before} → ${after}",
                    mapping={
                        "number": change["number"],
                        "before": state_title(change["from"], self.request),
                        "after": state_title(change["to"], self.request),
                    },
                )
            )
        if not lines:
            lines.append(
                _(
                    "changes_none",
                    default="Nothing has changed since the letter of ${date}.",
                    mapping={"date": german_date(parse_date(changes["previous_date"]))},
                )
            )
        return [translate(line, context=self.request) for line in lines]

    def next_control_warning(self):
        """A next control date that is not after the letter's date (the
        resolution's own, from an earlier letter, often is): said before issuing."""
        values = self.values()
        next_control = values["next_control_date"]
        if next_control is None or next_control > values["date"]:
            return None
        return _(
            "warning_next_control_past",
            default="The next control date (${date}) does not lie after the letter "
            "date. Please choose a later one before issuing.",
            mapping={"date": german_date(next_control)},
        )

    def reports(self):
        return issued_reports(self.context)

    def issue(self):
        self.error = self.values_error()
        if self.error is not None:
            return None
        letter = self.letter()
        try:
            return issue(
                self.context,
                letter,
                document_html(letter),
                pdf_bytes(letter),
            )
        except IssueError as error:
            self.error = error.message
            return None

    def values_error(self):
        form = self.request.form
        texts = {
            name: form.get(name, "")
            for name in ("date", "next_control_date", "file_reference")
        }
        if not all(isinstance(value, str) for value in texts.values()):
            return _("error_invalid_date", default="Please enter a valid date.")
        letter_date = parse_date(texts["date"]) or texts["date"]
        next_control = (
            parse_date(texts["next_control_date"]) or texts["next_control_date"]
            if texts["next_control_date"]
            else None
        )
        return letter_values_error(
            self.context, letter_date, texts["file_reference"].strip(), next_control
        )


def frozen_body(html: str) -> str:
    """The body of a frozen document (an issued letter's or list's), as it may be
    served: through Plone's safe HTML filter."""
    document = lxml_html.document_fromstring(clean_text(html))
    body = escape(document.body.text or "", quote=False) + "".join(
        lxml_html.tostring(node, encoding="unicode")
        for node in document.body.iterchildren()
    )
    return filtered_html(body)


class ControlReportView(LetterRendering):
    """The frozen letter exactly as it was issued: the stored HTML, not a
    re-rendering; served through Plone's safe HTML filter (the stored bytes are
    never rewritten, whatever they hold)."""

    def __call__(self):
        protect_page(self.request.response)
        return super().__call__()

    def frozen_article(self) -> str:
        return self.print_layout() + frozen_body(self.context.html)

    def print_layout(self) -> str:
        """The DIN layout the report was issued in, for printing the page: made by
        our code from the stored letter's form and labels (the filter drops styles).
        Reports issued before the layout existed print as they always did."""
        try:
            stored = json.loads(self.context.letter_json or "{}")
            letter = self.context.letter
        except (ValueError, LetterSchemaError):
            return ""
        if stored.get("schema_version", 1) < LAYOUT_SCHEMA_VERSION:
            return ""
        return f'<style media="print">{letter_layout_css(letter)}</style>'

    def withdrawn(self) -> bool:
        return is_withdrawn(self.context)

    def withdrawal(self) -> dict | None:
        """Who withdrew the report, when and why (from its workflow history)."""
        if not self.withdrawn():
            return None
        entries = [
            entry for entry in self._history() if entry.get("action") == "withdraw"
        ]
        return entries[-1] if entries else None

    def _history(self):
        history = getattr(self.context, "workflow_history", {}) or {}
        return [entry for entries in history.values() for entry in entries]

    def may_withdraw(self) -> bool:
        return not self.withdrawn() and api.user.has_permission(
            "bk.plone: Issue letter", obj=self.context
        )

    def dispatches(self) -> list[dict]:
        if not api.user.has_permission("bk.plone: Issue letter", obj=self.context):
            return []
        return dispatch_entries(self.context, self.request)

    def may_dispatch(self) -> bool:
        return may_dispatch(self.context)


class WithdrawReportView(BrowserView):
    """@@withdraw-report (mayor's office): withdraw a report issued by mistake."""

    error = None

    def __call__(self):
        protect_page(self.request.response)
        if self.request.method == "POST" and self.request.form.get(
            "form.buttons.withdraw"
        ):
            CheckAuthenticator(self.request)
            if self.withdraw():
                api.portal.show_message(
                    _("msg_report_withdrawn", default="The report has been withdrawn."),
                    request=self.request,
                )
                resolution = aq_parent(aq_inner(self.context))
                return self.request.response.redirect(resolution.absolute_url())
        return self.index()

    def reason(self) -> str:
        return form_text(self.request.form, "reason")

    def withdraw(self) -> bool:
        if is_withdrawn(self.context):
            self.error = _(
                "error_already_withdrawn", default="The report is already withdrawn."
            )
            return False
        try:
            withdraw(self.context, self.reason())
        except IssueError as error:
            self.error = error.message
            return False
        return True


class ReportStatusModify(ContentStatusModifyView):
    """Plone's state menu and content_status_modify for reports: a withdrawal needs
    its reason, so it goes through the withdraw form."""

    def __call__(self, workflow_action=None, comment="", **kwargs):
        if workflow_action == "withdraw" and withdraw_reason_error(comment):
            return self.request.response.redirect(
                f"{self.context.absolute_url()}/@@withdraw-report"
            )
        return super().__call__(
            workflow_action=workflow_action, comment=comment, **kwargs
        )
