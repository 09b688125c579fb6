"""Readers turn a letter file into lines of text with light inline markup:
`**bold**`, `__italic__`, and a leading "- " for list items. The parser reads only
this form, whatever the file was; each line keeps where it came from."""

from bk.plone.content.safe_text import normalize_extracted
from dataclasses import dataclass
from dataclasses import replace
from io import BytesIO


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
    from bk.plone.importer.docx_reader import DocxText
    from docx import Document

    try:
        document = Document(BytesIO(data))
        lines = DocxText(document).read()
    except Exception as error:  # python-docx, zipfile and lxml each raise their own
        raise UnreadableFile("damaged") from error
    return [SourceLine(line.text, line.number, line.paragraph_end) for line in lines]


def read_pdf(data: bytes) -> list[SourceLine]:
    from bk.plone.importer.ocr import recognise
    from bk.plone.importer.ocr import RecognitionTooSlow
    from bk.plone.importer.ocr import RecognitionUnavailable
    from bk.plone.importer.ocr import ScanTooLong
    from bk.plone.importer.pdf_reader import read_pdf_lines

    try:
        lines = read_pdf_lines(data, recognise=recognise)
    except RecognitionUnavailable as error:
        raise UnreadableFile("no_ocr") from error
    except ScanTooLong as error:
        raise UnreadableFile("scan_too_long") from error
    except RecognitionTooSlow as error:
        raise UnreadableFile("ocr_too_slow") from error
    except Exception as error:  # pdfminer raises its own for every kind of damage
        raise UnreadableFile("damaged") from error
    if not lines:
        raise UnreadableFile("no_text")
    return [SourceLine(line, number) for number, line in enumerate(lines, 1)]


_BLOCKS = {
    *("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"),
    *("table", "thead", "tbody", "tfoot", "tr", "section", "article"),
}
_STRONG = {"strong", "b"}
_EMPHASIS = {"em", "i"}
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def read_html(markup: str) -> list[SourceLine]:
    """The lines of an HTML text (as council information systems give resolution
    texts): a line per paragraph or list item, the numbers of ordered lists
    written out ("1.", and "1a" or "1.1" for nested lists), bold and italic as
    `**`/`__`. Only text is taken: no element or attribute survives."""
    from lxml import html as lxml_html

    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    lines: list[str] = []
    _HtmlLines(lines).block(root, "")
    return [SourceLine(line, number, True) for number, line in enumerate(lines, 1)]


class _HtmlLines:
    def __init__(self, lines: list[str]):
        self.lines = lines
        self.current = ""

    def flush(self) -> None:
        if self.current.strip():
            self.lines.append(" ".join(self.current.split()))
        self.current = ""

    def block(self, element, label: str) -> None:
        """An element's text; `label` ("1.", "- ") goes before its first line."""
        self.current += label
        self.current += element.text or ""
        for child in element:
            if not isinstance(child.tag, str):  # comments, processing instructions
                self.current += child.tail or ""
                continue
            self.child(child, label)
            self.current += child.tail or ""
        if element.tag in _BLOCKS:
            self.flush()

    def child(self, child, label: str) -> None:
        tag = child.tag.lower()
        if tag in ("ol", "ul"):
            self.flush()
            number = label.strip().rstrip(".")
            self.items(child, number if number[:1].isdigit() else "")
        elif tag == "br":
            self.flush()
        elif tag in _BLOCKS:
            self.flush()
            self.block(child, "")
        elif tag in ("td", "th"):
            self.current += f" {child.text_content()} "
        elif tag in _STRONG or tag in _EMPHASIS:
            marker = "**" if tag in _STRONG else "__"
            text = " ".join(child.text_content().split())
            self.current += f"{marker}{text}{marker}" if text else ""
        elif tag not in ("script", "style"):
            self.current += child.text_content()

    def items(self, listing, parent: str) -> None:
        ordered = listing.tag.lower() == "ol"
        start = _start(listing)
        # a list inside a point numbers its items "1a", "1b" unless it asks for "1.1"
        lettered = listing.get("type") != "1"
        for index, item in enumerate(listing.findall("li")):
            if not ordered:
                label = "- "
            elif parent and lettered and index < len(_LETTERS):
                label = f"{parent}{_LETTERS[index]}. "
            elif parent:
                label = f"{parent}.{start + index}. "
            else:
                label = f"{start + index}. "
            self.block(item, label)


def _start(listing) -> int:
    try:
        return int(listing.get("start", "1"))
    except ValueError:
        return 1
