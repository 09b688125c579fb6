"""@@letter (HTML in the site), @@letter.pdf and @@letter.docx: the letter model
rendered by letter/render.py into the page, a PDF/A or a Word document."""

from bk.plone.letter.model import build_letter
from bk.plone.letter.model import parse_date
from bk.plone.letter.render import article_html
from bk.plone.letter.render import docx_bytes
from bk.plone.letter.render import DOCX_TYPE
from bk.plone.letter.render import pdf_bytes
from bk.plone.letter.render import PDF_TYPE
from bk.plone.letter.schema import Letter
from Products.Five.browser import BrowserView


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


class LetterRendering(BrowserView):
    """A page about a resolution's letter, rendered through letter/render.py."""

    def letter(self) -> Letter:
        form = self.request.form
        return build_letter(
            self.context,
            letter_date=parse_date(form.get("date")),
            next_control_date=parse_date(form.get("next_control_date")),
        )

    def render_article(self, letter: Letter) -> str:
        return article_html(letter)

    def send(self, data: bytes, content_type: str, disposition: str, filename: str):
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        response.setHeader(
            "Content-Disposition", f'{disposition}; filename="{filename}"'
        )
        response.setHeader("Content-Length", str(len(data)))
        return data


class LetterView(LetterRendering):
    """@@letter"""

    def __call__(self):
        protect_page(self.request.response)
        return super().__call__()


class LetterPDF(LetterRendering):
    """@@letter.pdf"""

    def __call__(self):
        letter = self.letter()
        return self.send(pdf_bytes(letter), PDF_TYPE, "inline", letter.filename("pdf"))


class LetterDOCX(LetterRendering):
    """@@letter.docx"""

    def __call__(self):
        letter = self.letter()
        return self.send(
            docx_bytes(letter), DOCX_TYPE, "attachment", letter.filename("docx")
        )
