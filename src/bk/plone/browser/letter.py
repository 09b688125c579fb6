"""@@letter (HTML in the site) and @@letter.pdf: one letter model, one article
template, rendered into the page or into a PDF/A document."""

from bk.plone.letter.docx import render_docx
from bk.plone.letter.model import build_letter
from bk.plone.letter.pdf import render_pdf
from datetime import date
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


# The letter and its reports need no inline script: whatever a text might smuggle
# past the filters cannot run. Styles stay allowed inline (Plone's pages use them).
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    )
)


def protect_page(response) -> None:
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)


def parse_date(value) -> date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


class LetterRendering(BrowserView):
    article_template = ViewPageTemplateFile("templates/letter_article.pt")
    document_template = ViewPageTemplateFile("templates/letter_document.pt")

    def letter(self):
        form = self.request.form
        return build_letter(
            self.context,
            letter_date=parse_date(form.get("date")),
            next_control_date=parse_date(form.get("next_control_date")),
        )

    def render_article(self, letter: dict) -> str:
        return self.article_template(letter=letter)

    def render_document(self, letter: dict) -> str:
        """The letter as a standalone HTML document (for the PDF and issued reports)."""
        portal_url = api.portal.get().absolute_url()
        return self.document_template(
            letter=letter,
            article=self.render_article(letter),
            stylesheet=f"{portal_url}/++resource++bk.plone/letter.css",
        )

    def render_pdf(self, letter: dict) -> bytes:
        return render_pdf(self.render_document(letter), api.portal.get().absolute_url())

    def filename(self, letter: dict, extension: str) -> str:
        reference = letter["paper_reference"].replace("/", "-")
        return f"Beschlusskontrolle_{reference}_{letter['date']}.{extension}"


class LetterView(LetterRendering):
    """@@letter"""

    def __call__(self):
        protect_page(self.request.response)
        return super().__call__()


class LetterPDF(LetterRendering):
    """@@letter.pdf"""

    def __call__(self):
        letter = self.letter()
        pdf = self.render_pdf(letter)
        response = self.request.response
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader(
            "Content-Disposition", f'inline; filename="{self.filename(letter, "pdf")}"'
        )
        response.setHeader("Content-Length", str(len(pdf)))
        return pdf


class LetterDOCX(LetterRendering):
    """@@letter.docx"""

    def __call__(self):
        letter = self.letter()
        data = render_docx(letter)
        response = self.request.response
        response.setHeader(
            "Content-Type",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response.setHeader(
            "Content-Disposition",
            f'attachment; filename="{self.filename(letter, "docx")}"',
        )
        response.setHeader("Content-Length", str(len(data)))
        return data
