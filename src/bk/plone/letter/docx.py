"""The letter as an editable Word document, for offices that finish letters in Word.
Built from the same letter model; rich text keeps its paragraphs, lists and emphasis."""

from bk.plone.letter.schema import Letter
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm
from docx.shared import Pt
from io import BytesIO
from lxml import html as lxml_html


BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
LIST_STYLES = {"ul": "List Bullet", "ol": "List Number"}


def _runs(paragraph, element, bold=False, italic=False):
    """Add the inline content of `element` to `paragraph` as formatted runs."""
    tag = element.tag if isinstance(element.tag, str) else ""
    bold = bold or tag in ("strong", "b")
    italic = italic or tag in ("em", "i")
    if tag == "br":
        paragraph.add_run().add_break()
    elif element.text:
        run = paragraph.add_run(element.text)
        run.bold, run.italic = bold or None, italic or None
    for child in element:
        if isinstance(child.tag, str) and child.tag in BLOCKS | set(LIST_STYLES):
            continue
        _runs(paragraph, child, bold, italic)
        if child.tail:
            run = paragraph.add_run(child.tail)
            run.bold, run.italic = bold or None, italic or None


def add_html(document, fragment: str, first_prefix: str = "") -> None:
    """Paragraphs of an HTML fragment; `first_prefix` (a point number) starts the first."""
    if not fragment:
        return
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    prefix = first_prefix

    def paragraph(style=None):
        nonlocal prefix
        new = document.add_paragraph(style=style)
        if prefix:
            new.add_run(prefix)
            prefix = ""
        return new

    if (root.text or "").strip():
        paragraph().add_run(root.text.strip())
    for child in root:
        if child.tag in LIST_STYLES:
            for item in child.iter("li"):
                _runs(paragraph(LIST_STYLES[child.tag]), item)
        else:
            _runs(paragraph(), child)
        if (child.tail or "").strip():
            paragraph().add_run(child.tail.strip())


# Word's document properties hold at most 255 characters (python-docx refuses more).
PROPERTY_MAX = 255


def _property(value: str) -> str:
    return value if len(value) <= PROPERTY_MAX else value[: PROPERTY_MAX - 1] + "…"


def render_docx(letter: Letter) -> bytes:
    document = Document()
    _page_setup(document)
    _properties(document, letter)
    _head(document, letter)
    _body(document, letter)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _page_setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    section.top_margin, section.bottom_margin = Mm(27), Mm(20)
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)


def _properties(document, letter: Letter) -> None:
    properties = document.core_properties
    properties.title = _property(letter.subject)
    properties.author = _property(
        f"{letter.sender.municipality}, {letter.sender.issuer}"
    )
    properties.subject = _property(letter.title)
    properties.language = letter.language


def _lines(paragraph, lines) -> None:
    for number, line in enumerate(lines):
        if number:
            paragraph.add_run().add_break()
        paragraph.add_run(line)


def _head(document, letter: Letter) -> None:
    labels = letter.labels
    if letter.confidential:
        document.add_paragraph().add_run(labels.confidential).bold = True
    head = document.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    head.add_run(letter.sender.municipality).bold = True
    head.add_run().add_break()
    head.add_run(letter.sender.issuer)
    _lines(document.add_paragraph(), letter.recipients)
    information = [f"{labels.date} {letter.date_text}"]
    if letter.file_reference:
        information.insert(0, f"{labels.file_reference} {letter.file_reference}")
    _lines(document.add_paragraph(), information)


def _body(document, letter: Letter) -> None:
    document.add_paragraph().add_run(letter.subject).bold = True
    document.add_paragraph().add_run(letter.title).bold = True
    document.add_paragraph(letter.salutation)
    document.add_paragraph(letter.intro)
    for point in letter.points:
        add_html(document, point.resolution_text, first_prefix=f"{point.number}.\t")
        add_html(document, point.status_report)
    if letter.next_control_text:
        document.add_paragraph(
            f"{letter.labels.next_control} {letter.next_control_text}"
        )
    document.add_paragraph(letter.closing)
    document.add_paragraph()
    document.add_paragraph(letter.signatory)
