"""Word and PDF letters read like the text of the same letter."""

from bk.plone.importer.parser import LetterParseError
from bk.plone.importer.readers import read_lines
from bk.plone.importer.readers import UnreadableFile
from docx import Document
from io import BytesIO
from lxml import html as lxml_html
from tests.helpers.letters import docx_letter
from tests.helpers.letters import letter
from tests.helpers.letters import parse
from tests.helpers.letters import pdf_letter
from tests.helpers.letters import TWO_POINTS
from tests.helpers.seed import SEED_LETTER

import pytest


SEED_TEXT = SEED_LETTER.read_text(encoding="utf-8")


def text_of(fragment: str) -> str:
    if not fragment:
        return ""
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    return " ".join(" ".join(root.itertext()).split())


def test_word_seed_is_the_same_letter():
    from_text = parse(SEED_TEXT)
    from_word = parse(docx_letter(SEED_TEXT), name="seed.docx")
    # everything but where each point stands in its file
    assert from_word.checksum == from_text.checksum
    assert from_word.points[0].line == 13  # the paragraph, not the text line


def test_word_keeps_bold_and_lists():
    point = parse(docx_letter(SEED_TEXT), name="seed.docx").points[0]
    assert point.resolution_text.count("<li><strong>") == 3


def test_word_line_numbers_are_paragraphs():
    broken = SEED_TEXT.replace("Datum: 25. JAN. 2021", "Datum: 35. JAN. 2021")
    with pytest.raises(LetterParseError) as raised:
        parse(docx_letter(broken), name="seed.docx")
    # vertraulich, two sender lines, three recipients, GZ, then the date
    assert raised.value.line == 8


def test_word_italic_runs():
    document = Document()
    for line in letter("1. „Der Stadtrat beschließt.“\n\noffen\n").splitlines():
        if line.strip():
            document.add_paragraph(line)
    paragraph = document.paragraphs[-4]
    paragraph.add_run(" Sehr ")
    paragraph.add_run("dringend").italic = True
    paragraph.add_run(".")
    out = BytesIO()
    document.save(out)
    parsed = parse(out.getvalue(), name="italic.docx")
    assert parsed.points[0].state == "in_progress"
    assert "<em>dringend</em>" in parsed.points[0].status_report


def test_pdf_letter():
    parsed = parse(pdf_letter(letter(TWO_POINTS)), name="letter.pdf")
    assert parsed.paper_reference == "A0123/22"
    assert [(p.number, p.state) for p in parsed.points] == [
        ("1", "fulfilled"),
        ("2", "in_progress"),
    ]
    assert parsed.signatory == "Dirk Hilbert"


def test_pdf_of_the_seed_text():
    from_text = parse(SEED_TEXT)
    from_pdf = parse(pdf_letter(SEED_TEXT.replace("**", "")), name="seed.pdf")
    assert [(p.number, p.state) for p in from_pdf.points] == [
        (p.number, p.state) for p in from_text.points
    ]
    for mine, theirs in zip(from_pdf.points, from_text.points, strict=True):
        assert text_of(mine.resolution_text) == text_of(theirs.resolution_text)
        assert text_of(mine.status_report) == text_of(theirs.status_report)
    assert from_pdf.title == from_text.title
    assert from_pdf.next_control_date == from_text.next_control_date


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("letter.pdf", b"%PDF-1.7 not really", "damaged"),
        ("letter.docx", b"PK\x03\x04 not really a zip", "damaged"),
        ("letter.docx", b"just text with a docx name", "damaged"),
        ("letter.txt", b"\x00\x01\x02binary", "binary"),
    ],
)
def test_unreadable_files(name, data, reason):
    with pytest.raises(UnreadableFile) as raised:
        read_lines(name, data)
    assert raised.value.reason == reason


def test_pdf_without_text_layer():
    from weasyprint import HTML

    empty = HTML(string="<html><body><div style='height:5cm'></div></body></html>")
    with pytest.raises(UnreadableFile) as raised:
        read_lines("scan.pdf", empty.write_pdf())
    assert raised.value.reason == "no_text"


@pytest.mark.parametrize(
    ("recognised", "meant"),
    [
        ("RB-VIl/45", "RB-VII/45"),
        ("BGBl.", "BGBl."),
        ("Hallo", "Hallo"),
        ("l", "l"),
    ],
)
def test_ocr_reads_a_small_l_among_capitals_as_capital_i(recognised, meant):
    from bk.plone.importer.ocr import capital_i

    assert capital_i(recognised) == meant


def test_scan_without_text_recognition_installed(monkeypatch):
    from bk.plone.importer import ocr
    from tests.importer.corpus import LETTERS

    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    with pytest.raises(UnreadableFile) as refused:
        read_lines("scan.pdf", (LETTERS / "leipzig-scan.pdf").read_bytes())
    assert refused.value.reason == "no_ocr"


@pytest.mark.parametrize(
    ("setting", "value", "reason"),
    [("MOST_PAGES", 0, "scan_too_long"), ("TIMEOUT_PER_PAGE", 0.01, "ocr_too_slow")],
)
def test_scan_too_long_or_too_slow_is_refused_with_its_reason(
    monkeypatch, setting, value, reason
):
    from bk.plone.importer import ocr
    from tests.importer.corpus import LETTERS

    monkeypatch.setattr(ocr, setting, value)
    with pytest.raises(UnreadableFile) as refused:
        read_lines("scan.pdf", (LETTERS / "leipzig-scan.pdf").read_bytes())
    assert refused.value.reason == reason


def test_scan_read_by_text_recognition():
    from tests.importer.corpus import LETTERS

    lines = [
        line.text
        for line in read_lines("scan.pdf", (LETTERS / "leipzig-scan.pdf").read_bytes())
    ]
    assert "Beschlusskontrolle zu VI-DS-01234 (Sitzungsnummer: RB-VII/45)" in lines


def test_word_text_box_read_once_and_hyphens_kept():
    from docx import Document
    from docx.oxml import parse_xml
    from io import BytesIO
    from tests.helpers.letters import docx_letter

    data = docx_letter(letter(TWO_POINTS))
    document = Document(BytesIO(data))
    box = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
        "<mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>Kasten</w:t></w:r>"
        "</w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        "<v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Kasten</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    document.paragraphs[0]._p.append(parse_xml(box))
    hyphen = parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:t>VI</w:t><w:noBreakHyphen/><w:t>DS</w:t></w:r>"
    )
    document.paragraphs[1]._p.append(hyphen)
    out = BytesIO()
    document.save(out)
    texts = [line.text for line in read_lines("brief.docx", out.getvalue())]
    assert texts.count("Kasten") == 1
    assert any("VI-DS" in text for text in texts)


def test_damaged_word_numbering_is_refused_not_a_crash():
    from docx import Document
    from io import BytesIO
    from tests.helpers.letters import docx_letter

    document = Document(BytesIO(docx_letter(letter(TWO_POINTS))))
    numbering = document.part.numbering_part.element
    for start in numbering.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}start"
    ):
        start.set(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val", "x"
        )
    out = BytesIO()
    document.save(out)
    with pytest.raises(UnreadableFile) as refused:
        read_lines("brief.docx", out.getvalue())
    assert refused.value.reason == "damaged"


def _words(text: str, x0: float, top: float, size: float = 10.0) -> list[dict]:
    """A line of words as pdfplumber gives them (points, 6 points a letter)."""
    words, x = [], x0
    for word in text.split():
        words.append(
            {
                "text": word,
                "x0": x,
                "x1": x + 6 * len(word),
                "top": top,
                "bottom": top + size,
                "fontname": "DejaVuSerif",
            }
        )
        x += 6 * len(word) + 4
    return words


def test_letterhead_of_two_lines_repeated_on_each_page_is_dropped():
    """A Word header ("Stadt X" / "Der Oberbürgermeister") printed on every page:
    both lines are running heads on the follow pages, kept on the first."""
    from bk.plone.importer.pdf_reader import _lines
    from bk.plone.importer.pdf_reader import rows_of

    def page(body: str) -> list:
        return rows_of(
            _words("Stadt Dortmund", 70, 30)
            + _words("Der Oberbürgermeister", 70, 42)
            + _words(body, 70, 200)
        )

    pages = [page("Erste Seite."), page("Zweite Seite."), page("Dritte Seite.")]
    lines = [line for line in _lines(pages, [(595, 842)] * 3) if line]
    assert lines == [
        "Stadt Dortmund",
        "Der Oberbürgermeister",
        "Erste Seite.",
        "Zweite Seite.",
        "Dritte Seite.",
    ]


def test_letterhead_table_spaced_like_the_body_ends_at_a_full_line():
    """A two-column letterhead whose rows are as far apart as the body's lines:
    the left block, then the right one, before the first line across the page."""
    from bk.plone.importer.pdf_reader import page_lines
    from bk.plone.importer.pdf_reader import rows_of

    rows = rows_of(
        _words("Stadt Leipzig", 70, 100)
        + _words("GZ: OBM 12/2023", 320, 100)
        + _words("An die Fraktionen", 70, 120)
        + _words("Datum: 12.03.2023", 320, 120)
        + _words("des Stadtrates", 70, 140)
        + _words(
            "Beschlusskontrolle zu VI-DS-01234 (Sitzungsnummer: RB-VII/45)", 70, 160
        )
        + _words("Sanierung der Stadtteilbibliothek", 70, 180)
    )
    assert [line for line in page_lines(rows, 595) if line] == [
        "Stadt Leipzig",
        "An die Fraktionen",
        "des Stadtrates",
        "GZ: OBM 12/2023",
        "Datum: 12.03.2023",
        "Beschlusskontrolle zu VI-DS-01234 (Sitzungsnummer: RB-VII/45)",
        "Sanierung der Stadtteilbibliothek",
    ]
