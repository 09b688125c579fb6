"""One DIN 5008 layout for the PDF and Word: the places of the letter's blocks read
back from the rendered PDF (words, fold marks) and from the DOCX (section, frames,
tab stops, indents), compared with letter/layout.py's measures within 2 mm."""

from bk.plone.letter import layout
from bk.plone.letter.docx import render_docx
from bk.plone.letter.docx import TWIPS_PER_MM
from bk.plone.letter.layout import FORMS
from bk.plone.letter.pdf import render_pdf
from bk.plone.letter.render import document_html
from bk.plone.letter.render import letter_layout_css
from bk.plone.letter.schema import ContactLine
from bk.plone.letter.schema import LetterLayout
from bk.plone.letter.schema import read_letter
from dataclasses import replace
from docx import Document
from docx.oxml.ns import qn
from io import BytesIO
from pathlib import Path
from tests.helpers.pdf_layout import marks
from tests.helpers.pdf_layout import pages_of_words
from tests.helpers.pdf_layout import word

import json
import pytest


SITE = "http://localhost:8080/Plone"
TOLERANCE = 2.0
FIXTURE = Path(__file__).parent / "fixtures" / "letter_v1.json"


def letter_in(form: str, page_numbers: str = "all"):
    letter = read_letter(json.loads(FIXTURE.read_text(encoding="utf-8")))
    return replace(
        letter,
        layout=LetterLayout(form=form, page_numbers=page_numbers),
        sender=replace(letter.sender, return_line="Stadt Dresden · PF 12 00 20"),
        contact=[ContactLine("Telefon:", "0351 488-0")],
    )


def pdf_of(letter) -> bytes:
    return render_pdf(document_html(letter), SITE)


def near(value: float, expected: float) -> bool:
    return abs(value - expected) <= TOLERANCE


@pytest.fixture(scope="module", params=sorted(FORMS))
def form_pages(request):
    form = FORMS[request.param]
    return form, pages_of_words(pdf_of(letter_in(form.name)))


def test_letterhead_in_the_header_zone(form_pages):
    form, pages = form_pages
    municipality = next(w for w in pages[0] if w["text"] == "Landeshauptstadt")
    assert near(municipality["top"], form.letterhead_top)
    # right-aligned to the text's right edge
    issuer_end = word(pages[0], "Oberbürgermeister")["x1"]
    assert near(issuer_end, layout.PAGE_WIDTH - layout.MARGIN_RIGHT)
    assert municipality["top"] < form.address_top


def test_return_line_and_remark_in_the_remark_zone(form_pages):
    form, pages = form_pages
    return_line = word(pages[0], "PF")
    assert near(return_line["top"], form.address_top)
    remark = word(pages[0], "vertraulich")
    assert near(remark["bottom"], form.remark_zone_bottom)
    assert near(remark["x0"], layout.MARGIN_LEFT)


def test_recipients_in_the_address_zone(form_pages):
    form, pages = form_pages
    first = word(pages[0], "An")
    assert near(first["top"], form.remark_zone_bottom)
    assert near(first["x0"], layout.MARGIN_LEFT)
    last = word(pages[0], "Dresden")
    assert last["bottom"] <= form.address_bottom


def test_information_block_right_of_the_address(form_pages):
    form, pages = form_pages
    reference = word(pages[0], "GZ:")
    assert near(reference["top"], form.information_top)
    assert near(reference["x0"], layout.INFORMATION_LEFT)
    value = word(pages[0], "(OB)")
    assert near(value["x0"], layout.INFORMATION_LEFT + layout.INFORMATION_LABEL_WIDTH)
    telephone = word(pages[0], "Telefon:")
    date_label = word(pages[0], "Datum:")
    assert reference["top"] < telephone["top"] < date_label["top"]


def test_subject_two_lines_below_the_address_field(form_pages):
    form, pages = form_pages
    subject = word(pages[0], "Beschlusskontrolle")
    assert near(subject["top"], form.subject_top)
    assert near(subject["x0"], layout.MARGIN_LEFT)


def test_point_numbers_hang_in_the_indent(form_pages):
    _, pages = form_pages
    number = word(pages[0], "1.")
    assert near(number["x0"], layout.MARGIN_LEFT)
    first_word = next(
        w for w in pages[0] if abs(w["top"] - number["top"]) < 1 and w is not number
    )
    assert near(first_word["x0"], layout.MARGIN_LEFT + layout.POINT_INDENT)
    # continuation lines line up with the text, not with the number
    continued = [
        w
        for w in pages[0]
        if 3 < w["top"] - number["top"] < 6 and w["x0"] < first_word["x0"] + 1
    ]
    assert continued
    assert all(near(w["x0"], first_word["x0"]) for w in continued[:1])


def test_follow_pages_start_at_their_margin(form_pages):
    _, pages = form_pages
    assert len(pages) >= 2
    top = min(w["top"] for w in pages[1] if not w["text"].startswith("Seite"))
    assert near(top, layout.MARGIN_TOP_FOLLOWING)


@pytest.mark.parametrize("form", sorted(FORMS))
def test_fold_and_hole_marks_on_the_first_page_only(form):
    pdf = pdf_of(letter_in(form))
    expected = sorted([*FORMS[form].fold_marks, layout.HOLE_MARK])
    found = marks(pdf)
    assert len(found) == 3
    assert all(near(a, b) for a, b in zip(found, expected, strict=True))
    assert marks(pdf, 1) == []


def page_number_lines(pdf: bytes) -> list[str]:
    return [
        " ".join(w["text"] for w in page if w["bottom"] > layout.PAGE_HEIGHT - 20)
        for page in pages_of_words(pdf)
    ]


def test_page_numbers_on_every_page():
    lines = page_number_lines(pdf_of(letter_in("B", "all")))
    total = len(lines)
    assert lines == [f"Seite {n} von {total}" for n in range(1, total + 1)]


def test_page_numbers_from_the_second_page():
    lines = page_number_lines(pdf_of(letter_in("B", "following")))
    total = len(lines)
    assert lines[0] == ""
    assert lines[1:] == [f"Seite {n} von {total}" for n in range(2, total + 1)]


def test_unknown_stored_layout_falls_back_to_form_b():
    css = letter_layout_css(letter_in("Z", "sometimes"))
    assert css == letter_layout_css(letter_in("B", "all"))


# The DOCX: the same numbers in Word's units.


def docx_of(letter):
    return Document(BytesIO(render_docx(letter)))


def frames(document) -> list[dict]:
    found = []
    for paragraph in document.paragraphs:
        frame = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:framePr')}")
        if frame is not None:
            found.append(
                {
                    "text": paragraph.text,
                    "x": int(frame.get(qn("w:x"))) / TWIPS_PER_MM,
                    "y": int(frame.get(qn("w:y"))) / TWIPS_PER_MM,
                    "w": int(frame.get(qn("w:w"))) / TWIPS_PER_MM,
                }
            )
    return found


def framed(document, text: str) -> dict:
    (frame,) = [f for f in frames(document) if f["text"].startswith(text)]
    return frame


@pytest.mark.parametrize("form", sorted(FORMS))
def test_docx_section_margins(form):
    section = docx_of(letter_in(form)).sections[0]
    assert near(section.page_width.mm, layout.PAGE_WIDTH)
    assert near(section.page_height.mm, layout.PAGE_HEIGHT)
    assert near(section.left_margin.mm, layout.MARGIN_LEFT)
    assert near(section.right_margin.mm, layout.MARGIN_RIGHT)
    assert near(section.top_margin.mm, layout.MARGIN_TOP_FOLLOWING)
    assert near(section.bottom_margin.mm, layout.MARGIN_BOTTOM)


@pytest.mark.parametrize("form", sorted(FORMS))
def test_docx_frames_at_the_din_places(form):
    din = FORMS[form]
    document = docx_of(letter_in(form))
    letterhead = framed(document, "Landeshauptstadt Dresden")
    assert near(letterhead["y"], din.letterhead_top)
    return_line = framed(document, "Stadt Dresden · PF")
    assert near(return_line["x"], layout.ADDRESS_LEFT)
    assert near(return_line["y"], din.address_top)
    assert near(return_line["w"], layout.ADDRESS_WIDTH)
    recipients = framed(document, "An alle")
    assert near(recipients["y"], din.remark_zone_bottom)
    reference = framed(document, "GZ:")
    assert near(reference["x"], layout.INFORMATION_LEFT)
    assert near(reference["y"], din.information_top)


@pytest.mark.parametrize("form", sorted(FORMS))
def test_docx_subject_where_the_pdf_has_it(form):
    document = docx_of(letter_in(form))
    (subject,) = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    top = layout.MARGIN_TOP_FOLLOWING + subject.paragraph_format.space_before.mm
    assert near(top, FORMS[form].subject_top)


def test_docx_points_hang_at_the_same_indent():
    document = docx_of(letter_in("B"))
    style = document.styles["Beschlusspunkt"]
    assert near(style.paragraph_format.left_indent.mm, layout.POINT_INDENT)
    assert near(-style.paragraph_format.first_line_indent.mm, layout.POINT_INDENT)
    (stop,) = style.paragraph_format.tab_stops
    assert near(stop.position.mm, layout.POINT_INDENT)
    points = [p for p in document.paragraphs if p.style.name == "Beschlusspunkt"]
    assert [p.text.split("\t")[0] for p in points] == ["1.", "1a.", "1b.", "1c."]
    continued = document.styles["Beschlusspunkt Fortsetzung"]
    assert near(continued.paragraph_format.left_indent.mm, layout.POINT_INDENT)


def test_labels_cannot_leave_the_stylesheet():
    letter = letter_in("B")
    hostile = replace(
        letter,
        labels=replace(letter.labels, page='</style><script>alert(1)</script>"\\'),
    )
    css = letter_layout_css(hostile)
    assert "</style" not in css
    assert "<script" not in css
    assert "\\3c /style>" in css


def sparse_letter():
    """A letter with nothing optional: no recipients, return line, salutation,
    intro, closing, file reference or points."""
    letter = letter_in("B")
    return replace(
        letter,
        sender=replace(letter.sender, return_line=""),
        recipients=[],
        contact=[],
        salutation="",
        intro="",
        closing="",
        file_reference="",
        next_control_text="",
        points=[],
    )


def test_sparse_letter_has_no_empty_blocks():
    letter = sparse_letter()
    html = document_html(letter)
    assert "<ol" not in html
    assert '<p class="bk-return-line"' not in html
    assert '<p class="bk-salutation"' not in html
    from tests.helpers.pdf_layout import structure

    kinds = [kind for kind, _ in structure(pdf_of(letter))]
    assert "L" not in kinds
    document = docx_of(letter)
    assert all(p.text.strip() for p in document.paragraphs)


def test_many_recipients_grow_the_word_frame():
    letter = replace(letter_in("B"), recipients=[f"Zeile {n}" for n in range(9)])
    document = docx_of(letter)
    (paragraph,) = [p for p in document.paragraphs if p.text.startswith("Zeile 0")]
    frame = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:framePr')}")
    assert frame.get(qn("w:hRule")) == "atLeast"


def test_point_without_decided_text_keeps_its_number_clear():
    letter = letter_in("B")
    point = replace(
        letter.points[0], resolution_text="", status_report="<p>Bericht folgt.</p>"
    )
    pages = pages_of_words(pdf_of(replace(letter, points=[point])))
    number, report = word(pages[0], "1."), word(pages[0], "Bericht")
    assert report["top"] >= number["bottom"] - 0.5


def test_number_before_a_list_stays_with_it_in_word():
    letter = letter_in("B")
    point = replace(letter.points[0], resolution_text="<ul><li>Erstens</li></ul>")
    document = docx_of(replace(letter, points=[point]))
    (number,) = [p for p in document.paragraphs if p.text == "1."]
    assert number.paragraph_format.keep_with_next is True


def test_closing_stays_with_the_signatory_in_word():
    document = docx_of(letter_in("B"))
    (closing,) = [p for p in document.paragraphs if p.text == "Mit freundlichen Grüßen"]
    assert closing.paragraph_format.keep_with_next is True


@pytest.mark.parametrize(
    "stored", [{"form": 5, "page_numbers": None}, {"form": "b"}, "A", None]
)
def test_stored_layout_of_any_shape_reads(stored):
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    letter = read_letter({**data, "schema_version": 3, "layout": stored})
    assert letter.layout.form in FORMS
    assert letter.layout.page_numbers in layout.PAGE_NUMBER_MODES


def test_each_numbered_list_in_word_starts_at_one():
    letter = letter_in("B")
    points = [
        replace(point, resolution_text="<ol><li>eins</li><li>zwei</li></ol>")
        for point in letter.points[:2]
    ]
    document = docx_of(replace(letter, points=points))
    items = [p for p in document.paragraphs if p.style.name == "List Number"]
    number_ids = [
        p._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}").get(qn("w:val"))
        for p in items
    ]
    # two lists: the items of each share a numbering, the lists do not
    assert len(items) == 4
    assert number_ids[0] == number_ids[1] != number_ids[2] == number_ids[3]
    numbering = document.part.numbering_part.element
    for number_id in (number_ids[0], number_ids[2]):
        instance = numbering.num_having_numId(int(number_id))
        (override,) = instance.lvlOverride_lst
        assert override.startOverride.val == 1
