"""The one way from a `Letter` to what people read: the article shown in the site,
the standalone HTML document kept by issued reports, PDF/A and Word.

Browser views, REST, issuing, the importer and the tests all render here. The
letter arrives translated and filtered (letter/model.py), so rendering needs no
request: Chameleon templates with python expressions, escaped unless marked
`structure` (only the letter's filtered HTML texts are)."""

from bk.plone.letter.docx import render_docx
from bk.plone.letter.layout import din_form
from bk.plone.letter.layout import layout_css
from bk.plone.letter.layout import page_number_mode
from bk.plone.letter.pdf import render_pdf
from bk.plone.letter.pdf import STATIC
from bk.plone.letter.schema import Letter
from cachetools import LRUCache
from chameleon import PageTemplateFile
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path
from plone import api

import hashlib
import json
import threading


TEMPLATES = Path(__file__).resolve().parent / "templates"

_article = PageTemplateFile(str(TEMPLATES / "letter_article.pt"))
_document = PageTemplateFile(str(TEMPLATES / "letter_document.pt"))

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def portal_url() -> str:
    return api.portal.get().absolute_url()


@cache
def letter_stylesheet() -> str:
    """letter.css, read once: every frozen document carries it."""
    return (STATIC / "letter.css").read_text(encoding="utf-8")


def letter_layout_css(letter: Letter) -> str:
    return layout_css(
        din_form(letter.layout.form),
        page_number_mode(letter.layout.page_numbers),
        letter.labels.page,
        letter.labels.of,
    )


def article_html(letter: Letter, body_html: str = "") -> str:
    """The letter as an <article>, for a page of the site; it carries its print
    layout, so printing the page prints the letter as the PDF shows it.

    `body_html` is what a document other than the resolution's letter sets between
    the intro and the closing (the control list's tables): markup bk.plone wrote,
    its texts escaped."""
    return _article(
        letter=letter, layout_css=letter_layout_css(letter), body_html=body_html
    )


def document_html(letter: Letter, body_html: str = "") -> str:
    """The letter as a standalone HTML document (the PDF's source; issued reports
    keep it). Its stylesheet stands in it: a PDF rendered from it later, after a
    bulk import, looks as it would have on the day of issue."""
    return _document(
        letter=letter,
        article=article_html(letter, body_html),
        styles=letter_stylesheet(),
    )


@dataclass(frozen=True)
class Rendered:
    """A rendered letter and the fingerprint of what it was rendered from (its
    HTTP ETag)."""

    fingerprint: str
    data: bytes


# What a rendering depends on besides the letter: bk.plone's templates, stylesheet
# and layout code, and the renderers' versions. A change to any of them renders anew.
RENDERER_SOURCES = (
    *sorted(TEMPLATES.glob("*.pt")),
    *sorted(STATIC.glob("*.css")),
    *(
        Path(__file__).resolve().parent / name
        for name in ("layout.py", "pdf.py", "docx.py")
    ),
)
# Rendered documents kept in memory, by size: about 300 seed letters' PDFs.
CACHE_BYTES = 32 * 1024 * 1024
_rendered = LRUCache(maxsize=CACHE_BYTES, getsizeof=lambda item: len(item.data))
_lock = threading.Lock()


@cache
def renderer_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in RENDERER_SOURCES:
        digest.update(path.read_bytes())
    for distribution in ("weasyprint", "pydyf", "python-docx", "bk.plone"):
        digest.update(version(distribution).encode())
    return digest.hexdigest()


def letter_fingerprint(
    letter: Letter, kind: str, site_url: str, body_html: str = ""
) -> str:
    """The same for the same letter (texts, settings, layout, language, and the
    body a control list sets in it) rendered by the same code at the same site;
    anything else, a new fingerprint."""
    digest = hashlib.sha256()
    for part in (renderer_fingerprint(), kind, site_url, body_html):
        digest.update(part.encode() + b"\0")
    digest.update(json.dumps(letter.to_json(), sort_keys=True).encode())
    return digest.hexdigest()[:40]


def document_fingerprint(letter: Letter, kind: str) -> str:
    """What `pdf_rendered`/`docx_rendered` would call this letter's rendering,
    known without rendering it."""
    return letter_fingerprint(letter, kind, portal_url())


# One lock per letter being rendered: two readers of the same new letter wait for
# one rendering instead of both spending a core on it.
_rendering: dict[str, threading.Lock] = {}


def _cached(letter: Letter, kind: str, render, body_html: str = "") -> Rendered:
    site_url = portal_url()
    fingerprint = letter_fingerprint(letter, kind, site_url, body_html)
    with _lock:
        found = _rendered.get(fingerprint)
        rendering = _rendering.setdefault(fingerprint, threading.Lock())
    if found is not None:
        return found
    with rendering:
        with _lock:
            found = _rendered.get(fingerprint)
        if found is None:
            found = Rendered(fingerprint, render(letter, site_url))
            _keep(found)
    with _lock:
        _rendering.pop(fingerprint, None)
    return found


def _keep(rendered: Rendered) -> None:
    # A document larger than the whole cache is served, not kept.
    if len(rendered.data) > CACHE_BYTES:
        return
    with _lock:
        _rendered[rendered.fingerprint] = rendered


def clear_cache() -> None:
    with _lock:
        _rendered.clear()


def _pdf(letter: Letter, site_url: str) -> bytes:
    return render_pdf(document_html(letter), site_url)


def _docx(letter: Letter, site_url: str) -> bytes:
    return render_docx(letter)


def document_rendered(letter: Letter, body_html: str, kind: str, render) -> Rendered:
    """A document other than the resolution's letter (the control list): `render`
    (letter, body_html, site_url) once for the same letter and body."""
    return _cached(
        letter,
        kind,
        lambda letter, site_url: render(letter, body_html, site_url),
        body_html,
    )


def pdf_rendered(letter: Letter) -> Rendered:
    """The letter's PDF, rendered once for the same letter."""
    return _cached(letter, "pdf", _pdf)


def docx_rendered(letter: Letter) -> Rendered:
    return _cached(letter, "docx", _docx)


def frozen_pdf(html: str) -> bytes:
    """The PDF of a report's frozen HTML (`document_html`), whenever it is made."""
    return render_pdf(html, portal_url())


def pdf_bytes(letter: Letter) -> bytes:
    return pdf_rendered(letter).data


def docx_bytes(letter: Letter) -> bytes:
    return docx_rendered(letter).data
