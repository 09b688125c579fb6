"""The letter's page after DIN 5008 on A4: one set of measures (millimetres from the
sheet's top left corner) for the three renderers.

HTML print and the PDF take them as the stylesheet `layout_css` writes; the Word
document (letter/docx.py) takes the same numbers for its margins, frames, tab stops
and indents. The tests read the PDF's word positions and the DOCX's properties back
and compare them with these numbers.

Form A has the shorter letterhead (27 mm), form B the taller one (45 mm) that window
envelopes (DL, C6/5) expect; everything below the letterhead moves with it."""

from dataclasses import dataclass
from urllib.parse import quote

import re


PAGE_WIDTH = 210.0
PAGE_HEIGHT = 297.0
MARGIN_LEFT = 25.0
MARGIN_RIGHT = 20.0
# Follow pages: text from 20 mm; every page: text ends 20 mm above the bottom edge,
# the page number stands in that margin.
MARGIN_TOP_FOLLOWING = 20.0
MARGIN_BOTTOM = 20.0

ADDRESS_LEFT = 20.0
ADDRESS_WIDTH = 85.0
ADDRESS_HEIGHT = 45.0
# The address field's top five lines: return line and remarks ("vertraulich").
REMARK_ZONE_HEIGHT = 17.7
INFORMATION_LEFT = 125.0
INFORMATION_BELOW_ADDRESS_TOP = 5.0
# The information block's labels ("GZ:", "Datum:") in a column of their own.
INFORMATION_LABEL_WIDTH = 25.0
# DIN 5008's line (6 lines per inch): the subject follows the address field after two.
LINE = 4.23
HOLE_MARK = 148.5
MARK_LEFT = 4.0
FOLD_MARK_LENGTH = 5.0
HOLE_MARK_LENGTH = 8.0

# Point numbers hang in the left 10 mm; the point's text lines up after them.
POINT_INDENT = 10.0
FONT_SIZE = 11.0
RETURN_LINE_FONT_SIZE = 7.0
FOOTER_FONT_SIZE = 9.0

PAGE_NUMBERS_ALL = "all"
PAGE_NUMBERS_FOLLOWING = "following"
PAGE_NUMBER_MODES = (PAGE_NUMBERS_ALL, PAGE_NUMBERS_FOLLOWING)


@dataclass(frozen=True)
class DinForm:
    name: str
    header_height: float
    letterhead_top: float
    fold_marks: tuple[float, float]

    @property
    def address_top(self) -> float:
        return self.header_height

    @property
    def remark_zone_bottom(self) -> float:
        return self.address_top + REMARK_ZONE_HEIGHT

    @property
    def address_bottom(self) -> float:
        return self.address_top + ADDRESS_HEIGHT

    @property
    def information_top(self) -> float:
        return self.address_top + INFORMATION_BELOW_ADDRESS_TOP

    @property
    def subject_top(self) -> float:
        return self.address_bottom + 2 * LINE


FORMS = {
    "A": DinForm(
        "A", header_height=27.0, letterhead_top=10.0, fold_marks=(87.0, 192.0)
    ),
    "B": DinForm(
        "B", header_height=45.0, letterhead_top=15.0, fold_marks=(105.0, 210.0)
    ),
}
DEFAULT_FORM = "B"


def din_form(name: str | None) -> DinForm:
    return FORMS.get((name or "").strip().upper(), FORMS[DEFAULT_FORM])


def page_number_mode(value: str | None) -> str:
    return value if value in PAGE_NUMBER_MODES else PAGE_NUMBERS_ALL


def _css_string(text: str) -> str:
    """A CSS string of any text; "<" escaped too, as the CSS stands in a <style>,
    and control characters (a CSS string holds no line break) made spaces."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return '"' + re.sub(r"[\x00-\x1f\x7f]", " ", escaped) + '"'


def marks_svg(form: DinForm) -> str:
    """Fold and hole marks on a sheet-sized picture: the letter's background on its
    first page, decoration (a PDF artefact, not text)."""
    lines = [(top, FOLD_MARK_LENGTH) for top in form.fold_marks]
    lines.append((HOLE_MARK, HOLE_MARK_LENGTH))
    path = "".join(f"M{MARK_LEFT} {top}h{length}" for top, length in sorted(lines))
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'width="{PAGE_WIDTH}mm" height="{PAGE_HEIGHT}mm" '
        f'viewBox="0 0 {PAGE_WIDTH} {PAGE_HEIGHT}">'
        f'<path d="{path}" stroke="#000" stroke-width="0.25" fill="none"/></svg>'
    )


def marks_url(form: DinForm) -> str:
    return "data:image/svg+xml," + quote(marks_svg(form))


def layout_css(form: DinForm, page_numbers: str, page_label: str, of_label: str) -> str:
    """The print stylesheet of one letter: DIN 5008 measures for Chromium's printing
    and WeasyPrint alike (the page's margins are 0 left and right; the letter keeps
    its own, so the fold marks can stand in the left margin)."""
    marks = marks_url(form)
    counter = (
        f"{_css_string(page_label + ' ')} counter(page) "
        f"{_css_string(' ' + of_label + ' ')} counter(pages)"
    )
    first_page_number = "none" if page_numbers == PAGE_NUMBERS_FOLLOWING else counter
    address_shift = MARGIN_LEFT - ADDRESS_LEFT
    information_gap = INFORMATION_LEFT - ADDRESS_LEFT - ADDRESS_WIDTH
    # DIN's 75 mm would reach into the right margin; the block ends where text ends.
    information_width = PAGE_WIDTH - MARGIN_RIGHT - INFORMATION_LEFT
    return f"""@media print {{
@page {{
  size: A4;
  margin: {MARGIN_TOP_FOLLOWING}mm 0 {MARGIN_BOTTOM}mm 0;
  @bottom-right {{
    content: {counter};
    font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
    font-size: {FOOTER_FONT_SIZE}pt;
    padding-right: {MARGIN_RIGHT}mm;
  }}
}}
@page :first {{
  margin-top: 0;
  @bottom-right {{ content: {first_page_number}; }}
}}
.bk-letter {{
  box-sizing: border-box;
  width: {PAGE_WIDTH}mm;
  max-width: none;
  margin: 0;
  padding: 0 {MARGIN_RIGHT}mm 0 {MARGIN_LEFT}mm;
  position: relative;
}}
/* The first sheet only: a background would repeat on every page. As tall as the
   first page's text area, so it never adds a page. */
.bk-letter::before {{
  content: "";
  position: absolute;
  top: 0;
  left: 0;
  width: {PAGE_WIDTH}mm;
  height: {PAGE_HEIGHT - MARGIN_BOTTOM}mm;
  background: url("{marks}") no-repeat 0 0 / {PAGE_WIDTH}mm {PAGE_HEIGHT}mm;
  -webkit-print-color-adjust: exact;
}}
.bk-letterhead {{
  box-sizing: border-box;
  height: {form.header_height}mm;
  padding-top: {form.letterhead_top}mm;
  margin: 0;
  text-align: right;
}}
/* Floats, not flex: WeasyPrint lays floats out several times faster. */
.bk-window {{
  display: flow-root;
  min-height: {ADDRESS_HEIGHT}mm;
  margin: 0;
}}
.bk-address-field {{
  box-sizing: border-box;
  float: left;
  width: {ADDRESS_WIDTH}mm;
  /* more lines than the window holds push the subject down, never over it */
  min-height: {ADDRESS_HEIGHT}mm;
  margin: 0 0 0 -{address_shift}mm;
  padding-left: {address_shift}mm;
}}
.bk-remarks {{
  position: relative;
  height: {REMARK_ZONE_HEIGHT}mm;
  margin: 0;
}}
.bk-confidential {{
  position: absolute;
  bottom: 0;
  left: 0;
}}
.bk-return-line {{
  font-size: {RETURN_LINE_FONT_SIZE}pt;
  line-height: 1.2;
}}
.bk-recipients {{
  margin: 0;
  min-height: 0;
  height: auto;
}}
.bk-information .bk-label {{
  min-width: {INFORMATION_LABEL_WIDTH}mm;
}}
.bk-information {{
  box-sizing: border-box;
  float: left;
  width: {information_width}mm;
  margin: {INFORMATION_BELOW_ADDRESS_TOP}mm 0 0 {information_gap}mm;
}}
h1.bk-subject {{
  margin-top: {2 * LINE}mm;
}}
}}
"""
