"""@@control-list on a folder: the committee's control list as a page, PDF, Word,
CSV and XLSX; @@issue-control-list (mayor's office) freezes it; an issued list's
own page."""

from bk.plone import _
from bk.plone.browser.dispatch import DispatchChoice
from bk.plone.browser.issue import ControlReportView
from bk.plone.browser.letter import protect_page
from bk.plone.council.control_list import bodies
from bk.plone.council.control_list import build_control_list
from bk.plone.council.control_list import InvalidControlList
from bk.plone.council.control_list import period_from_params
from bk.plone.council.document import body_html
from bk.plone.council.document import list_article
from bk.plone.council.document import list_document
from bk.plone.council.document import list_docx
from bk.plone.council.document import list_filename
from bk.plone.council.document import list_letter
from bk.plone.council.document import list_pdf
from bk.plone.council.document import list_title
from bk.plone.council.export import DATE_COLUMNS
from bk.plone.council.export import list_table
from bk.plone.council.issue import ControlListError
from bk.plone.council.issue import issue_control_list
from bk.plone.council.issue import issued_lists
from bk.plone.letter.render import DOCX_TYPE
from bk.plone.letter.render import letter_layout_css
from bk.plone.letter.render import PDF_TYPE
from bk.plone.overview.export import to_csv
from bk.plone.overview.export import to_xlsx
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.i18n import translate


class ControlListBase(BrowserView):
    error = None

    def translate(self, message) -> str:
        return translate(message, context=self.request)

    def control_list(self):
        """The list the request asks for; None (and a 400 with `error`) when its
        parameters make no sense."""
        try:
            self.period = period_from_params(self.context, self.request.form)
        except InvalidControlList as invalid:
            self.error = invalid.message
            self.request.response.setStatus(400)
            return None
        return build_control_list(self.context, self.period)

    def send(self, data: bytes, content_type: str, filename: str):
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
        response.setHeader("Content-Length", str(len(data)))
        # what a reader may see differs by reader: never in a shared cache
        response.setHeader("Cache-Control", "private, no-cache")
        return data


class ControlListView(ControlListBase):
    def __call__(self):
        protect_page(self.request.response)
        self.list = self.control_list()
        return self.index()

    def bodies(self):
        return bodies()

    def params(self) -> dict:
        period = getattr(self, "period", None)
        return period.params() if period is not None else {}

    def export_url(self, extension: str) -> str:
        return (
            f"{self.context.absolute_url()}/@@control-list.{extension}?"
            f"{urlencode(self.params())}"
        )

    def issue_url(self) -> str:
        return (
            f"{self.context.absolute_url()}/@@issue-control-list?"
            f"{urlencode(self.params())}"
        )

    def may_issue(self) -> bool:
        return api.user.has_permission("bk.plone: Issue letter", obj=self.context)

    def title(self) -> str:
        return list_title(self.list) if self.list is not None else ""

    def tables(self) -> str:
        return body_html(self.list)

    def totals(self) -> dict:
        return self.list.totals()

    def issued(self):
        """The lists of this body issued here that the reader may see."""
        return [
            {
                "title": report.title,
                "url": report.absolute_url(),
                "pdf": f"{report.absolute_url()}/@@download/pdf",
            }
            for report in issued_lists(self.context, self.period.body)
            if api.user.has_permission("View", obj=report)
        ]


class ControlListPDF(ControlListBase):
    def __call__(self):
        control_list = self.control_list()
        if control_list is None:
            return self.translate(self.error)
        return self.send(
            list_pdf(control_list), PDF_TYPE, list_filename(control_list, "pdf")
        )


class ControlListDOCX(ControlListBase):
    def __call__(self):
        control_list = self.control_list()
        if control_list is None:
            return self.translate(self.error)
        return self.send(
            list_docx(control_list), DOCX_TYPE, list_filename(control_list, "docx")
        )


class ControlListCSV(ControlListBase):
    def __call__(self):
        control_list = self.control_list()
        if control_list is None:
            return self.translate(self.error)
        return self.send(
            to_csv(list_table(control_list, self.translate)),
            "text/csv; charset=utf-8",
            list_filename(control_list, "csv"),
        )


class ControlListXLSX(ControlListBase):
    def __call__(self):
        control_list = self.control_list()
        if control_list is None:
            return self.translate(self.error)
        title = self.translate(_("list_sheet", default="Control list"))
        return self.send(
            to_xlsx(list_table(control_list, self.translate), title, DATE_COLUMNS),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            list_filename(control_list, "xlsx"),
        )


class IssueControlListView(DispatchChoice, ControlListBase):
    """@@issue-control-list (mayor's office): the list as it will be frozen, and
    the button that freezes it."""

    def __call__(self):
        protect_page(self.request.response)
        self.list = self.control_list()
        if (
            self.list is not None
            and self.request.method == "POST"
            and self.request.form.get("form.buttons.issue")
        ):
            CheckAuthenticator(self.request)
            report = self.issue()
            if report is not None:
                api.portal.show_message(
                    _("msg_list_issued", default="The control list has been issued."),
                    request=self.request,
                )
                self.dispatch_after_issue(report)
                return self.request.response.redirect(report.absolute_url())
        return self.index()

    def issue(self):
        html = list_document(self.list)
        try:
            return issue_control_list(
                self.context,
                self.list,
                title=list_title(self.list),
                html=html,
                pdf=list_pdf(self.list),
                filename=list_filename(self.list, "pdf"),
            )
        except ControlListError as error:
            self.error = error.message
            self.request.response.setStatus(400)
            return None

    def article(self) -> str:
        return list_article(self.list)

    def hidden_params(self) -> dict:
        return self.period.params()


class ControlListReportView(ControlReportView):
    """An issued list: its frozen document as it was issued, through the safe
    HTML filter; printed in the DIN layout it was issued in."""

    def print_layout(self) -> str:
        try:
            letter = list_letter(self.context.control_list, self.context.list_date)
        except (ValueError, TypeError, KeyError):
            return ""
        return f'<style media="print">{letter_layout_css(letter)}</style>'
