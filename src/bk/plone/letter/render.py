"""The one way from a `Letter` to what people read: the article shown in the site,
the standalone HTML document kept by issued reports, PDF/A and Word.

Browser views, REST, issuing, the importer and the tests all render here. The
letter arrives translated and filtered (letter/model.py), so rendering needs no
request: Chameleon templates with python expressions, escaped unless marked
`structure` (only the letter's filtered HTML texts are)."""

from bk.plone.letter.docx import render_docx
from bk.plone.letter.pdf import render_pdf
from bk.plone.letter.pdf import RESOURCE
from bk.plone.letter.schema import Letter
from chameleon import PageTemplateFile
from pathlib import Path
from plone import api


TEMPLATES = Path(__file__).resolve().parent / "templates"

_article = PageTemplateFile(str(TEMPLATES / "letter_article.pt"))
_document = PageTemplateFile(str(TEMPLATES / "letter_document.pt"))

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def portal_url() -> str:
    return api.portal.get().absolute_url()


def stylesheet_url(site_url: str | None = None) -> str:
    return f"{site_url or portal_url()}/{RESOURCE}/letter.css"


def article_html(letter: Letter) -> str:
    """The letter as an <article>, for a page of the site."""
    return _article(letter=letter)


def document_html(letter: Letter, site_url: str | None = None) -> str:
    """The letter as a standalone HTML document (the PDF's source; issued reports
    keep it)."""
    return _document(
        letter=letter,
        article=article_html(letter),
        stylesheet=stylesheet_url(site_url),
    )


def pdf_bytes(letter: Letter) -> bytes:
    site_url = portal_url()
    return render_pdf(document_html(letter, site_url), site_url)


def docx_bytes(letter: Letter) -> bytes:
    return render_docx(letter)
