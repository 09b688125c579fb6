"""@@issue-letter (mayor's office): choose the letter date, GZ and next control date,
see what changed since the last issued report, and freeze the letter."""

from bk.plone import _
from bk.plone.browser.letter import LetterRendering
from bk.plone.browser.letter import parse_date
from bk.plone.letter.changes import letter_changes
from bk.plone.letter.issue import issue
from bk.plone.letter.issue import issued_reports
from bk.plone.letter.issue import IssueError
from bk.plone.letter.issue import latest_letter
from bk.plone.letter.model import build_letter
from datetime import date
from lxml import html as lxml_html
from plone import api
from plone.protect import CheckAuthenticator


class IssueLetterView(LetterRendering):
    error = None

    def __call__(self):
        form = self.request.form
        if self.request.method == "POST" and form.get("form.buttons.issue"):
            CheckAuthenticator(self.request)
            report = self.issue()
            if report is not None:
                api.portal.show_message(
                    _("msg_letter_issued", default="The letter has been issued."),
                    request=self.request,
                )
                return self.request.response.redirect(report.absolute_url())
        return self.index()

    def values(self) -> dict:
        form = self.request.form
        context = self.context
        return {
            "date": parse_date(form.get("date")) or date.today(),
            "file_reference": form.get("file_reference", context.file_reference or ""),
            "next_control_date": parse_date(form.get("next_control_date"))
            if form.get("next_control_date")
            else context.next_control_date,
        }

    def letter(self):
        values = self.values()
        return build_letter(
            self.context,
            letter_date=values["date"],
            file_reference=values["file_reference"].strip(),
            next_control_date=values["next_control_date"],
        )

    def changes(self):
        return letter_changes(latest_letter(self.context), self.letter())

    def reports(self):
        return issued_reports(self.context)

    def issue(self):
        form = self.request.form
        if (
            form.get("next_control_date")
            and parse_date(form["next_control_date"]) is None
        ):
            self.error = _("error_invalid_date", default="Please enter a valid date.")
            return None
        letter = self.letter()
        try:
            return issue(
                self.context,
                letter,
                self.render_document(letter),
                self.render_pdf(letter),
            )
        except IssueError as error:
            self.error = error.message
            return None


class ControlReportView(LetterRendering):
    """The frozen letter exactly as it was issued: the stored HTML, not a re-rendering."""

    def frozen_article(self) -> str:
        document = lxml_html.document_fromstring(self.context.html)
        return "".join(
            lxml_html.tostring(node, encoding="unicode")
            for node in document.body.iterchildren()
        )
