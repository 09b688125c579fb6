"""The letter as an editable Word document, for offices that finish letters in Word.

Built from the same letter model and the same DIN 5008 measures (letter/layout.py)
as the PDF: letterhead, address field and information block stand in frames at
their places on the first sheet, the body follows in Word's own styles (Heading 1
for the subject, Heading 2 for the title, a list style with a hanging indent for the
points), spacing comes from the styles, never from empty paragraphs, and the footer
counts pages with Word's fields. Rich text keeps its paragraphs, lists and emphasis."""

from bk.plone.letter.layout import ADDRESS_HEIGHT
from bk.plone.letter.layout import ADDRESS_LEFT
from bk.plone.letter.layout import ADDRESS_WIDTH
from bk.plone.letter.layout import din_form
from bk.plone.letter.layout import DinForm
from bk.plone.letter.layout import FONT_SIZE
from bk.plone.letter.layout import FOOTER_FONT_SIZE
from bk.plone.letter.layout import INFORMATION_LABEL_WIDTH
from bk.plone.letter.layout import INFORMATION_LEFT
from bk.plone.letter.layout import LINE
from bk.plone.letter.layout import MARGIN_BOTTOM
from bk.plone.letter.layout import MARGIN_LEFT
from bk.plone.letter.layout import MARGIN_RIGHT
from bk.plone.letter.layout import MARGIN_TOP_FOLLOWING
from bk.plone.letter.layout import PAGE_HEIGHT
from bk.plone.letter.layout import page_number_mode
from bk.plone.letter.layout import PAGE_NUMBERS_FOLLOWING
from bk.plone.letter.layout import PAGE_WIDTH
from bk.plone.letter.layout import POINT_INDENT
from bk.plone.letter.layout import REMARK_ZONE_HEIGHT
from bk.plone.letter.layout import RETURN_LINE_FONT_SIZE
from bk.plone.letter.schema import Letter
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.enum.text import WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.shared import Pt
from docx.shared import RGBColor
from io import BytesIO
from lxml import html as lxml_html


BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
LIST_STYLES = {"ul": "List Bullet", "ol": "List Number"}
POINT_STYLE = "Beschlusspunkt"
POINT_CONTINUED_STYLE = "Beschlusspunkt Fortsetzung"
FONT = "Arial"
PARAGRAPH_AFTER = Pt(8)
# A list inside a point's text: its bullet 6 mm further in than the text.
LIST_INDENT = 6.0
TWIPS_PER_MM = 1440 / 25.4
RETURN_LINE_HEIGHT = 8.0
REMARK_LINE_HEIGHT = 13.0
# What follows w:framePr in a paragraph's properties (the schema's order).
AFTER_FRAME = (
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:spacing",
    "w:ind",
    "w:jc",
    "w:outlineLvl",
    "w:rPr",
)


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


class _Paragraphs:
    """Word paragraphs for one HTML fragment: the first carries the point's number
    (`prefix`) in `style`; later ones, and lists, stand `indent` mm in."""

    def __init__(self, document, prefix: str, style, indent: float):
        self.document, self.prefix = document, prefix
        self.style, self.indent = style, indent

    def text(self):
        if self.prefix:
            return self._numbered(self.prefix)
        return self.document.add_paragraph(
            style=POINT_CONTINUED_STYLE if self.indent else None
        )

    def list_item(self, list_style, number_id=None):
        if self.prefix:
            # the number alone: kept on the page of the list it introduces
            self._numbered(self.prefix.rstrip()).paragraph_format.keep_with_next = True
        paragraph = self.document.add_paragraph(style=list_style)
        if number_id is not None:
            numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            numbering.get_or_add_ilvl().val = 0
            numbering.get_or_add_numId().val = number_id
        if self.indent:
            paragraph.paragraph_format.left_indent = Mm(self.indent + LIST_INDENT)
            paragraph.paragraph_format.first_line_indent = Mm(-LIST_INDENT)
        return paragraph

    def _numbered(self, number: str):
        paragraph = self.document.add_paragraph(style=self.style)
        paragraph.add_run(number)
        self.prefix = ""
        return paragraph


def add_html(
    document, fragment: str, first_prefix: str = "", style=None, indent=0.0
) -> None:
    """Paragraphs of an HTML fragment; `first_prefix` (a point number) starts the
    first, which then takes `style`; later paragraphs stand `indent` mm in."""
    if not fragment:
        return
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    paragraphs = _Paragraphs(document, first_prefix, style, indent)
    if (root.text or "").strip():
        paragraphs.text().add_run(root.text.strip())
    for child in root:
        if child.tag in LIST_STYLES:
            number_id = _new_numbering(document) if child.tag == "ol" else None
            for item in child.iter("li"):
                _runs(paragraphs.list_item(LIST_STYLES[child.tag], number_id), item)
        else:
            _runs(paragraphs.text(), child)
        if (child.tail or "").strip():
            paragraphs.text().add_run(child.tail.strip())


def _new_numbering(document) -> int:
    """A numbering of its own for one numbered list, starting at 1: otherwise every
    list in the letter counts on from the one before."""
    numbering = document.part.numbering_part.element
    style_number = document.styles["List Number"].element.pPr.numPr.numId.val
    definition = numbering.num_having_numId(style_number).abstractNumId.val
    instance = numbering.add_num(definition)
    instance.add_lvlOverride(ilvl=0).add_startOverride(1)
    return instance.numId


# Word's document properties hold at most 255 characters (python-docx refuses more).
PROPERTY_MAX = 255


def _property(value: str) -> str:
    return value if len(value) <= PROPERTY_MAX else value[: PROPERTY_MAX - 1] + "…"


def word_language(language: str) -> str:
    """Word's language tag: "de" → "de-DE"."""
    if "-" in language:
        return language
    return {"en": "en-GB"}.get(language, f"{language}-{language.upper()}")


def render_docx(letter: Letter, add_body=None) -> bytes:
    """The letter as Word. `add_body(document)` adds what a document other than the
    resolution's letter sets between the intro and the closing (the control
    list's tables)."""
    document = Document()
    form = din_form(letter.layout.form)
    _page_setup(document, letter)
    _styles(document, letter)
    _properties(document, letter)
    _head(document, letter, form)
    _body(document, letter, form, add_body)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _page_setup(document, letter: Letter) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT), Mm(MARGIN_RIGHT)
    section.top_margin = Mm(MARGIN_TOP_FOLLOWING)
    section.bottom_margin = Mm(MARGIN_BOTTOM)
    section.footer_distance = Mm(MARGIN_BOTTOM / 2)
    _page_numbers(section.footer, letter)
    if page_number_mode(letter.layout.page_numbers) == PAGE_NUMBERS_FOLLOWING:
        # The first page's footer stays empty.
        section.different_first_page_header_footer = True
        # an explicit, empty first-page footer: no page number on page 1
        section.first_page_footer.is_linked_to_previous = False


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) whose value Word computes when it shows it."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, code, separate, shown, end):
        run._r.append(element)


def _page_numbers(footer, letter: Letter) -> None:
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run(f"{letter.labels.page} ")
    _field(paragraph, "PAGE")
    paragraph.add_run(f" {letter.labels.of} ")
    _field(paragraph, "NUMPAGES")


def _styles(document, letter: Letter) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(FONT_SIZE)
    normal.paragraph_format.space_after = PARAGRAPH_AFTER
    normal.paragraph_format.widow_control = True
    styles["Footer"].font.size = Pt(FOOTER_FONT_SIZE)
    _language(document, word_language(letter.language))
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        heading = styles[name]
        heading.font.name = FONT
        heading.font.size = Pt(FONT_SIZE)
        heading.font.bold = True
        heading.font.italic = False
        heading.font.color.rgb = RGBColor(0, 0, 0)
        heading.paragraph_format.space_before = Pt(0)
        heading.paragraph_format.space_after = PARAGRAPH_AFTER
        heading.paragraph_format.keep_with_next = True
    point = styles.add_style(POINT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    point.base_style = styles["List"]
    point.quick_style = True
    _hanging(point.paragraph_format)
    continued = styles.add_style(POINT_CONTINUED_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    continued.base_style = styles["List Continue"]
    continued.paragraph_format.left_indent = Mm(POINT_INDENT)
    continued.paragraph_format.first_line_indent = Mm(0)
    continued.paragraph_format.space_after = PARAGRAPH_AFTER
    for name in ("List", "List Continue", "List Bullet", "List Number"):
        styles[name].paragraph_format.space_after = PARAGRAPH_AFTER
    _hyperlink_style(styles)


def _hyperlink_style(styles) -> None:
    """Word's own "Hyperlink" character style: a link looks like one (WCAG 1.4.1:
    underlined, not by colour alone)."""
    names = [style.name for style in styles]
    link = (
        styles["Hyperlink"]
        if "Hyperlink" in names
        else styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    )
    link.font.underline = True
    link.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)


def _hanging(paragraph_format) -> None:
    """The point's number in the left 10 mm, its text after a tab at 10 mm."""
    paragraph_format.left_indent = Mm(POINT_INDENT)
    paragraph_format.first_line_indent = Mm(-POINT_INDENT)
    paragraph_format.tab_stops.add_tab_stop(Mm(POINT_INDENT))
    paragraph_format.space_after = PARAGRAPH_AFTER
    paragraph_format.widow_control = True


def _language(document, tag: str) -> None:
    """The document's language for Word's proofing and screen readers."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    for properties in defaults.iter(qn("w:rPr")):
        language = properties.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            properties.append(language)
        language.set(qn("w:val"), tag)


def _properties(document, letter: Letter) -> None:
    properties = document.core_properties
    properties.title = _property(letter.subject)
    properties.author = _property(
        f"{letter.sender.municipality}, {letter.sender.issuer}"
    )
    properties.subject = _property(letter.title)
    properties.language = word_language(letter.language)


def frame(
    paragraph, left: float, top: float, width: float, height=None, rule="exact"
) -> None:
    """Set the paragraph in a frame at (left, top) mm of the sheet: Word keeps
    consecutive paragraphs with the same frame together, out of the text's flow."""
    properties = paragraph._p.get_or_add_pPr()
    frame_properties = OxmlElement("w:framePr")
    frame_properties.set(qn("w:w"), str(round(width * TWIPS_PER_MM)))
    if height is not None:
        frame_properties.set(qn("w:h"), str(round(height * TWIPS_PER_MM)))
        frame_properties.set(qn("w:hRule"), rule)
    frame_properties.set(qn("w:wrap"), "around")
    frame_properties.set(qn("w:vAnchor"), "page")
    frame_properties.set(qn("w:hAnchor"), "page")
    frame_properties.set(qn("w:x"), str(round(left * TWIPS_PER_MM)))
    frame_properties.set(qn("w:y"), str(round(top * TWIPS_PER_MM)))
    properties.insert_element_before(frame_properties, *AFTER_FRAME)


def _framed(document, lines, left, top, width, height=None, rule="exact"):
    paragraph = document.add_paragraph()
    frame(paragraph, left, top, width, height, rule)
    paragraph.paragraph_format.space_after = Pt(0)
    for number, (text, bold) in enumerate(lines):
        if number:
            paragraph.add_run().add_break()
        paragraph.add_run(text).bold = bold or None
    return paragraph


def _head(document, letter: Letter, form: DinForm) -> None:
    text_width = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    letterhead = _framed(
        document,
        [(letter.sender.municipality, True), (letter.sender.issuer, False)],
        MARGIN_LEFT,
        form.letterhead_top,
        text_width,
    )
    letterhead.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _remarks(document, letter, form)
    if letter.recipients:
        recipients = _framed(
            document,
            [(line, False) for line in letter.recipients],
            ADDRESS_LEFT,
            form.remark_zone_bottom,
            ADDRESS_WIDTH,
            ADDRESS_HEIGHT - REMARK_ZONE_HEIGHT,
            # more lines than the window holds grow the frame, none is cut off
            rule="atLeast",
        )
        recipients.paragraph_format.left_indent = Mm(MARGIN_LEFT - ADDRESS_LEFT)
    _information(document, letter, form)


def _remarks(document, letter: Letter, form: DinForm) -> None:
    """The address field's top zone: the return line, and "vertraulich" at its foot."""
    inner = MARGIN_LEFT - ADDRESS_LEFT
    above_mark = 0.0
    if letter.sender.return_line:
        return_line = _framed(
            document,
            [(letter.sender.return_line, False)],
            ADDRESS_LEFT,
            form.address_top,
            ADDRESS_WIDTH,
            REMARK_ZONE_HEIGHT,
        )
        return_line.paragraph_format.left_indent = Mm(inner)
        _exact_line(return_line, RETURN_LINE_HEIGHT)
        for run in return_line.runs:
            run.font.size = Pt(RETURN_LINE_FONT_SIZE)
        above_mark = RETURN_LINE_HEIGHT
    if letter.confidential:
        mark = document.add_paragraph()
        frame(mark, ADDRESS_LEFT, form.address_top, ADDRESS_WIDTH, REMARK_ZONE_HEIGHT)
        mark.paragraph_format.left_indent = Mm(inner)
        _exact_line(mark, REMARK_LINE_HEIGHT)
        # At the zone's foot, right above the recipients.
        mark.paragraph_format.space_before = Mm(REMARK_ZONE_HEIGHT) - Pt(
            above_mark + REMARK_LINE_HEIGHT
        )
        mark.paragraph_format.space_after = Pt(0)
        mark.add_run(letter.labels.confidential).bold = True


def _exact_line(paragraph, points: float) -> None:
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.paragraph_format.line_spacing = Pt(points)


def _information(document, letter: Letter, form: DinForm) -> None:
    lines = []
    if letter.file_reference:
        lines.append((letter.labels.file_reference, letter.file_reference))
    lines.extend((line.label, line.value) for line in letter.contact)
    lines.append((letter.labels.date, letter.date_text))
    width = PAGE_WIDTH - MARGIN_RIGHT - INFORMATION_LEFT
    for label, value in lines:
        paragraph = document.add_paragraph()
        frame(paragraph, INFORMATION_LEFT, form.information_top, width)
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(INFORMATION_LABEL_WIDTH))
        paragraph.add_run(f"{label}\t{value}").font.size = Pt(10)


def _body(document, letter: Letter, form: DinForm, add_body=None) -> None:
    subject = document.add_paragraph(letter.subject, style="Heading 1")
    # The text's flow starts at the follow pages' margin; the subject two lines
    # below the address field.
    subject.paragraph_format.space_before = Mm(form.subject_top - MARGIN_TOP_FOLLOWING)
    if letter.title:
        document.add_paragraph(letter.title, style="Heading 2")
    if letter.council_link:
        link = document.add_paragraph(f"{letter.labels.council_link} ")
        add_hyperlink(link, letter.council_link, letter.council_link)
    _paragraph(document, letter.salutation)
    _paragraph(document, letter.intro)
    for point in letter.points:
        add_html(
            document,
            point.resolution_text or "<p></p>",
            first_prefix=f"{point.number}.\t",
            style=POINT_STYLE,
            indent=POINT_INDENT,
        )
        add_html(document, point.status_report)
    if add_body is not None:
        add_body(document)
    if letter.next_control_text:
        document.add_paragraph(
            f"{letter.labels.next_control} {letter.next_control_text}"
        )
    closing = _paragraph(document, letter.closing)
    if closing is not None:
        closing.paragraph_format.keep_with_next = True
    signatory = _paragraph(document, letter.signatory)
    if signatory is not None:
        # Room to sign: three lines, as spacing rather than empty paragraphs.
        signatory.paragraph_format.space_before = Mm(3 * LINE)


def add_hyperlink(paragraph, url: str, text: str) -> None:
    """A link Word opens (and reads out as a link), in the Hyperlink style."""
    part = paragraph.part
    relation = part.relate_to(url, RT.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), paragraph.part.document.styles["Hyperlink"].style_id)
    properties.append(style)
    run.append(properties)
    content = OxmlElement("w:t")
    content.text = text
    content.set(qn("xml:space"), "preserve")
    run.append(content)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)


def _paragraph(document, text: str):
    """A paragraph of the text, none for no text (spacing comes from styles)."""
    return document.add_paragraph(text) if text.strip() else None
