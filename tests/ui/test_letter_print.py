"""Printing @@letter from Chromium gives the PDF's page: Plone's chrome left out, the
DIN 5008 blocks at the same places (within 2 mm), as many pages. The print, the PDF
and the Word document are kept in artifacts/letter/ with their pages as PNG, side by
side, for people to look at (LibreOffice, where installed, draws the Word pages)."""

from bk.plone.letter import layout
from bk.plone.letter.layout import FORMS
from pathlib import Path
from tests.helpers.pdf_layout import marks
from tests.helpers.pdf_layout import pages_of_words
from tests.helpers.pdf_layout import word
from tests.helpers.ui import login

import pytest
import shutil
import subprocess


pytestmark = pytest.mark.slow

LETTER_ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "letter"
TOLERANCE = 2.0


def near(value: float, expected: float) -> bool:
    return abs(value - expected) <= TOLERANCE


def pictures(path: Path) -> None:
    """PNG pages beside the document; LibreOffice first turns Word into PDF."""
    if path.suffix == ".docx":
        office = shutil.which("soffice")
        if not office:
            return
        subprocess.run(
            [
                office,
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(path.parent),
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        path = path.with_suffix(".pdf")
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-r", "50", "-png", str(path), str(path.with_suffix(""))],
            check=True,
            timeout=120,
        )


@pytest.fixture
def printed(page, demo_site):
    resolution = f"{demo_site.absolute_url()}/beschluesse/v0220-14"
    login(page, demo_site.absolute_url(), "stadtrat")
    page.goto(f"{resolution}/@@letter?date=2021-01-25")
    page.screenshots.take(page, "letter")
    LETTER_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    printed = page.pdf(format="A4", prefer_css_page_size=True)
    (LETTER_ARTIFACTS / "print.pdf").write_bytes(printed)
    pdf = page.context.request.get(f"{resolution}/@@letter.pdf?date=2021-01-25")
    docx = page.context.request.get(f"{resolution}/@@letter.docx?date=2021-01-25")
    assert pdf.status == docx.status == 200
    (LETTER_ARTIFACTS / "letter.pdf").write_bytes(pdf.body())
    (LETTER_ARTIFACTS / "letter-word.docx").write_bytes(docx.body())
    return printed, pdf.body()


def test_print_has_the_pdfs_layout(printed):
    printed, pdf = printed
    form = FORMS["B"]
    print_pages, pdf_pages = pages_of_words(printed), pages_of_words(pdf)
    assert len(print_pages) == len(pdf_pages)
    first = print_pages[0]
    # nothing of Plone's page above the letterhead
    assert min(w["top"] for w in first) >= form.letterhead_top - TOLERANCE
    checks = [
        ("Landeshauptstadt", "top", form.letterhead_top),
        ("vertraulich", "bottom", form.remark_zone_bottom),
        ("An", "top", form.remark_zone_bottom),
        ("An", "x0", layout.MARGIN_LEFT),
        ("GZ:", "top", form.information_top),
        ("GZ:", "x0", layout.INFORMATION_LEFT),
        ("Beschlusskontrolle", "top", form.subject_top),
    ]
    for text, side, expected in checks:
        assert near(word(first, text)[side], expected), (text, side)
        assert near(word(first, text)[side], word(pdf_pages[0], text)[side])
    assert marks(printed) == pytest.approx(
        sorted([*form.fold_marks, layout.HOLE_MARK]), abs=TOLERANCE
    )
    footer = [w["text"] for w in first if w["top"] > layout.PAGE_HEIGHT - 20]
    assert footer == ["Seite", "1", "von", str(len(print_pages))]


def test_pictures_side_by_side(printed):
    for name in ("print.pdf", "letter.pdf", "letter-word.docx"):
        pictures(LETTER_ARTIFACTS / name)
    if shutil.which("pdftoppm"):
        assert sorted(LETTER_ARTIFACTS.glob("print-*.png"))
        assert sorted(LETTER_ARTIFACTS.glob("letter-*.png"))


def test_short_letter_prints_on_as_many_pages_as_its_pdf(page, demo_site):
    """The fold marks' layer ends with the first page's text area: it never adds an
    empty page to a one-page letter."""
    resolution = f"{demo_site.absolute_url()}/beschluesse/a0815-19"
    login(page, demo_site.absolute_url(), "stadtrat")
    page.goto(f"{resolution}/@@letter")
    printed = pages_of_words(page.pdf(format="A4", prefer_css_page_size=True))
    pdf = page.context.request.get(f"{resolution}/@@letter.pdf")
    assert pdf.status == 200
    assert len(printed) == len(pages_of_words(pdf.body()))
    assert all(page_words for page_words in printed)
