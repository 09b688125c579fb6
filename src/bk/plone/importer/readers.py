"""Readers turn a letter file into lines of text with light inline markup:
`**bold**`, `__italic__`, and a leading "- " for list items. The parser reads only
this form, whatever the file was; each line keeps where it came from."""

from bk.plone.content.safe_text import normalize_extracted
from dataclasses import dataclass
from dataclasses import replace
from io import BytesIO

import re


@dataclass(frozen=True)
class SourceLine:
    text: str
    # Line number in a text file, paragraph number in a Word file, line number of
    # the extracted text in a PDF: what a person finds when they open the file.
    number: int
    # A Word paragraph ends here even without an empty line after it.
    paragraph_end: bool = False


class UnreadableFile(ValueError):
    """The file is not a letter this importer can read at all."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


DOCX_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"


def read_lines(filename: str, data: bytes) -> list[SourceLine]:
    """The lines of a letter, by the file's content (its name only breaks ties), as
    a person reads them: without the form feeds, soft hyphens and NULs that PDF and
    Word extraction leave (see `normalize_extracted`)."""
    return [
        replace(line, text=normalize_extracted(line.text).replace("\n", " "))
        for line in _read(filename, data)
    ]


def _read(filename: str, data: bytes) -> list[SourceLine]:
    if data.startswith(PDF_MAGIC):
        return read_pdf(data)
    if data.startswith(DOCX_MAGIC):
        return read_docx(data)
    if filename.lower().endswith((".pdf", ".docx")):
        raise UnreadableFile("damaged")
    return read_text(data)


def decode_text(data: bytes) -> str:
    if b"\x00" in data:
        raise UnreadableFile("binary")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile("encoding")


def read_text(data: bytes) -> list[SourceLine]:
    text = decode_text(data)
    # A form feed is a page break: it separates like a blank line.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    return [SourceLine(line, number) for number, line in enumerate(text.split("\n"), 1)]


def read_docx(data: bytes) -> list[SourceLine]:
    from docx import Document

    try:
        document = Document(BytesIO(data))
    except Exception as error:  # python-docx, zipfile and lxml each raise their own
        raise UnreadableFile("damaged") from error
    lines = []
    for number, paragraph in enumerate(document.paragraphs, 1):
        markup = "".join(_run_markup(run) for run in paragraph.runs)
        if _is_list_paragraph(paragraph) and markup.strip():
            markup = "- " + markup.lstrip()
        # A manual line break inside a paragraph starts a new line of the letter.
        parts = markup.split("\n")
        for index, part in enumerate(parts):
            lines.append(SourceLine(part, number, index == len(parts) - 1))
    return lines


def _run_markup(run) -> str:
    text = run.text.replace("\t", " ")
    if not text.strip():
        return text
    stripped = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    if run.bold:
        stripped = f"**{stripped}**"
    if run.italic:
        stripped = f"__{stripped}__"
    return lead + stripped + trail


def _is_list_paragraph(paragraph) -> bool:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.startswith("List") or "Aufzählung" in style or "Liste" in style:
        return True
    properties = paragraph._p.pPr
    return properties is not None and properties.numPr is not None


def read_pdf(data: bytes) -> list[SourceLine]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(BytesIO(data))
        pages = [
            page.extract_text(extraction_mode="layout") or "" for page in reader.pages
        ]
    except (PyPdfError, ValueError, KeyError, OSError) as error:
        raise UnreadableFile("damaged") from error
    if not any(page.strip() for page in pages):
        raise UnreadableFile("no_text")
    text = "\n\n".join(pages)
    lines = []
    for number, line in enumerate(text.split("\n"), 1):
        # Layout mode keeps the page's columns as runs of spaces: a wide gap parts
        # two columns (the letterhead beside the confidentiality mark), a narrow
        # one is only indentation (after a point's number).
        for column in COLUMN_GAP.split(line.strip()):
            lines.append(SourceLine(re.sub(r" {2,}", " ", column).strip(), number))
    return lines


COLUMN_GAP = re.compile(r" {12,}")
