"""The letter as PDF/A-3a, rendered by WeasyPrint from the letter's own HTML document.

PDF/A-3a is archival *and* tagged: the structure tree (headings, paragraphs, lists in
the letter's reading order), the document language and Unicode text are part of its
"a" level, so one file serves the archive and the screen reader. WeasyPrint writes
one PDF/A declaration; the file also meets what PDF/UA-1 asks of a text document
(title shown, language, tags, page numbers and fold marks kept out of the structure
as artefacts), so its XMP declares PDF/UA-1 as well, with the extension schema
PDF/A requires for that."""

from bk.plone.letter.layout import FORMS
from bk.plone.letter.layout import marks_url
from pathlib import Path
from weasyprint import HTML
from weasyprint.pdf.metadata import DocumentMetadata
from weasyprint.urls import URLFetcher
from weasyprint.urls import URLFetcherResponse

import mimetypes


# The letter's stylesheet, and the name under which the site serves it
# (letter/configure.zcml).
STATIC = Path(__file__).resolve().parent / "static"
RESOURCE = "++resource++bk.plone.letter"
MARK_URLS = frozenset(marks_url(form) for form in FORMS.values())
PDF_VARIANT = "pdf/a-3a"

# Described inside WeasyPrint's one rdf:RDF, where every XMP reader looks.
PDF_UA_DESCRIPTION = b"""<rdf:Description rdf:about=""
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
"""


class LetterMetadata(DocumentMetadata):
    """WeasyPrint's PDF/A metadata, declaring PDF/UA-1 too."""

    def generate_rdf_metadata(self, variant, version, conformance):
        rdf = super().generate_rdf_metadata(variant, version, conformance)
        closing = rdf.rindex(b"</rdf:RDF>")
        return rdf[:closing] + PDF_UA_DESCRIPTION + rdf[closing:]


class SiteResourceFetcher(URLFetcher):
    """Serves the letter's own static resources in-process and refuses every other URL,
    so rendering a letter never reaches the network, not even the site itself.
    Of `data:` URIs only the fold marks bk.plone draws: one a text smuggled in could
    embed any file in the letter."""

    def __init__(self, portal_url: str):
        super().__init__(allowed_protocols=("data",))
        self.prefix = f"{portal_url.rstrip('/')}/{RESOURCE}/"
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url in MARK_URLS:
            return super().fetch(url, headers)
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
    document = HTML(
        string=document_html, base_url=portal_url, url_fetcher=fetcher
    ).render(pdf_variant=PDF_VARIANT)
    document.metadata = LetterMetadata(**vars(document.metadata))
    return document.write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
