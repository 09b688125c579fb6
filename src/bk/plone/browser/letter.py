"""@@letter (HTML in the site), @@letter.pdf and @@letter.docx: the letter model
rendered by letter/render.py into the page, a PDF/A or a Word document."""

from bk.plone.letter.model import build_letter
from bk.plone.letter.model import parse_date
from bk.plone.letter.render import article_html
from bk.plone.letter.render import document_fingerprint
from bk.plone.letter.render import docx_rendered
from bk.plone.letter.render import DOCX_TYPE
from bk.plone.letter.render import pdf_rendered
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

    def send_document(self, kind: str, content_type: str, disposition: str):
        """The document, or 304 without rendering when the client holds this very
        rendering.

        Only the ETag decides: the letter's date, the settings and the texts all
        enter it, while no single modification time covers them."""
        letter = self.letter()
        etag = f'"{document_fingerprint(letter, kind)}"'
        response = self.request.response
        response.setHeader("ETag", etag)
        # Confidential letters stay out of shared caches; clients ask again each
        # time, and an unchanged letter costs them a 304.
        response.setHeader("Cache-Control", "private, no-cache")
        if etag_matches(self.request.getHeader("If-None-Match", ""), etag):
            response.setStatus(304)
            return b""
        render = RENDERINGS[kind]
        return self.send(
            render(letter).data, content_type, disposition, letter.filename(kind)
        )


class LetterView(LetterRendering):
    """@@letter"""

    def __call__(self):
        protect_page(self.request.response)
        return super().__call__()


RENDERINGS = {"pdf": pdf_rendered, "docx": docx_rendered}


def etag_matches(header: str, etag: str) -> bool:
    tags = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return "*" in tags or etag in tags


class LetterPDF(LetterRendering):
    """@@letter.pdf"""

    def __call__(self):
        return self.send_document("pdf", PDF_TYPE, "inline")


class LetterDOCX(LetterRendering):
    """@@letter.docx"""

    def __call__(self):
        return self.send_document("docx", DOCX_TYPE, "attachment")
