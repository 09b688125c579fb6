"""The letter as PDF/A, rendered by WeasyPrint from the letter's own HTML document."""

from pathlib import Path
from weasyprint import HTML
from weasyprint.urls import URLFetcher
from weasyprint.urls import URLFetcherResponse

import mimetypes


# The letter's stylesheet, and the name under which the site serves it
# (letter/configure.zcml).
STATIC = Path(__file__).resolve().parent / "static"
RESOURCE = "++resource++bk.plone.letter"
PDF_VARIANT = "pdf/a-3b"


class SiteResourceFetcher(URLFetcher):
    """Serves the letter's own static resources in-process and refuses every other URL,
    so rendering a letter never reaches the network, not even the site itself."""

    def __init__(self, portal_url: str):
        super().__init__(allowed_protocols=())
        self.prefix = f"{portal_url.rstrip('/')}/{RESOURCE}/"
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith(self.prefix):
            name = url[len(self.prefix) :].split("?", 1)[0]
            path = (STATIC / name).resolve()
            if path.parent == STATIC and path.is_file():
                mime_type = (
                    mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                )
                return URLFetcherResponse(
                    url, body=path.read_bytes(), headers={"Content-Type": mime_type}
                )
        self.refused.append(url)
        raise ValueError(f"bk.plone letters load no outside resources: {url}")


def render_pdf(document_html: str, portal_url: str) -> bytes:
    fetcher = SiteResourceFetcher(portal_url)
    return HTML(
        string=document_html, base_url=portal_url, url_fetcher=fetcher
    ).write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
