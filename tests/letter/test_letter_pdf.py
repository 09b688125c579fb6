"""@@letter.pdf: a tagged PDF/A-3a (declaring PDF/UA-1) with title, author, language
and embedded fonts whose structure tree reads the letter in order; pages break like a
typist's; rendering reaches no URL outside bk.plone's own resources."""

from bk.plone.letter.pdf import SiteResourceFetcher
from io import BytesIO
from tests.helpers.pdf_layout import flat
from tests.helpers.pdf_layout import pages_of_words
from tests.helpers.pdf_layout import structure
from tests.helpers.pdf_layout import text_of
from tests.helpers.seed import build_seed_resolution
from tests.helpers.seed import seed_lines

import pdfua
import pikepdf
import pypdf
import pytest
import re
import transaction


@pytest.fixture
def seed(functional_portal, role_users):
    resolution = build_seed_resolution(functional_portal)
    transaction.commit()
    return resolution


@pytest.fixture
def pdf_response(seed, http_session, role_users):
    return http_session(role_users["MayorsOffice"]).get(
        f"{seed.absolute_url()}/@@letter.pdf?date=2021-01-25"
    )


@pytest.fixture
def pdf(pdf_response):
    assert pdf_response.status_code == 200
    return pypdf.PdfReader(BytesIO(pdf_response.content))


def test_served_as_pdf(pdf_response):
    assert pdf_response.headers["Content-Type"] == "application/pdf"
    assert (
        "Beschlusskontrolle_V0220-14_2021-01-25.pdf"
        in pdf_response.headers["Content-Disposition"]
    )
    assert pdf_response.content.startswith(b"%PDF-")


def test_pdf_a(pdf):
    xmp = pdf.xmp_metadata
    assert xmp is not None
    raw = xmp.stream.get_data().decode("utf-8")
    assert re.search(r"pdfaid:part[^0-9]*3", raw)
    # level A: archival and tagged
    assert re.search(r"pdfaid:conformance[^A-Z]*A", raw)


def test_tagged_with_language_and_title(pdf_response):
    with pikepdf.open(BytesIO(pdf_response.content)) as document:
        root = document.Root
        assert bool(root.MarkInfo.Marked) is True
        assert str(root.Lang) == "de"
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        assert "/StructTreeRoot" in root
        with document.open_metadata() as xmp:
            assert xmp["pdfaid:part"] == "3"
            assert xmp["pdfaid:conformance"] == "A"
            assert xmp["pdfuaid:part"] == "1"
            assert xmp["dc:title"].startswith("Beschlusskontrolle zu V0220/14")


def test_pdf_ua_checker_finds_nothing(pdf_response, tmp_path):
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf_response.content)
    report = pdfua.validate(str(path))
    assert [(f.rule_id, f.message) for f in report.findings] == []
    # pdfua 0.1.3's empty-heading rule stops on a /K array (pikepdf has no
    # is_integer on arrays); test_headings_for_subject_and_title checks the
    # headings' text instead. Every other rule must have run.
    assert {o.rule_id for o in report.skipped} <= {"UA-14-001"}


def test_metadata(pdf):
    assert (
        pdf.metadata.title
        == "Beschlusskontrolle zu V0220/14 (Sitzungsnummer: SR/011/2015)"
    )
    assert pdf.metadata.author == "Landeshauptstadt Dresden, Der Oberbürgermeister"


def test_fonts_embedded(pdf):
    fonts = []
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (
                descendants[0].get_object()["/FontDescriptor"]
                if descendants
                else font["/FontDescriptor"]
            ).get_object()
            fonts.append(
                any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            )
    assert fonts
    assert all(fonts)


# The letterhead stands top right on the printed page (DIN 5008), so the text layer
# lists it apart from the flow; it is checked on its own.
LETTERHEAD = ["Landeshauptstadt Dresden", "Der Oberbürgermeister"]


def test_letterhead_on_first_page(pdf):
    first = flat(pdf.pages[0].extract_text())
    for line in LETTERHEAD:
        assert flat(line) in first


@pytest.fixture
def tree(pdf_response):
    return structure(pdf_response.content)


def test_structure_reads_the_letter_in_order(tree):
    """What a screen reader reads, in the letter's order: every seed line."""
    text = flat(text_of(tree))
    position = 0
    for line in seed_lines():
        words = flat(line)
        found = text.find(words, position)
        assert found >= 0, line
        position = found + len(words)


def test_headings_for_subject_and_title(tree):
    headings = [(kind, text) for kind, text in tree if kind in ("H1", "H2")]
    assert [kind for kind, _ in headings] == ["H1", "H2"]
    h1 = next(i for i, (kind, _) in enumerate(tree) if kind == "H1")
    after_h1 = "".join(text for _, text in tree[h1 : h1 + 3])
    assert "Beschlusskontrolle zu V0220/14 (Sitzungsnummer: SR/011/2015)" in after_h1


def test_points_as_a_list(tree):
    kinds = [kind for kind, _ in tree]
    assert "L" in kinds
    # the points' list: one item per point (plus the bullets inside point 1)
    assert kinds.count("LI") >= 9
    numbers = [
        text.rstrip(".")
        for kind, text in tree
        if kind == "Span" and re.fullmatch(r"\d+[a-e]?\.", text)
    ]
    assert numbers == ["1", "1a", "1b", "1c", "1d", "1e", "2", "3", "4"]


def test_page_numbers_and_marks_are_not_content(tree):
    text = text_of(tree)
    assert "Seite 1 von" not in text


def body_bottom(page) -> float:
    """Where the last line of the page's text ends (mm), footer aside."""
    return max(w["bottom"] for w in page if not w["text"].startswith("Seite"))


def test_no_page_ends_half_empty(pdf_response):
    """Pages break like a typist's: a long point or report breaks across pages
    rather than leaving a page a fifth empty."""
    from bk.plone.letter import layout

    pages = pages_of_words(pdf_response.content)
    assert len(pages) >= 3
    text_height = (
        layout.PAGE_HEIGHT - layout.MARGIN_BOTTOM - layout.MARGIN_TOP_FOLLOWING
    )
    for page in pages[:-1]:
        blank = layout.PAGE_HEIGHT - layout.MARGIN_BOTTOM - body_bottom(page)
        assert blank / text_height <= 0.2, blank


def test_point_numbers_stay_with_their_first_lines(pdf_response):
    from bk.plone.letter import layout

    indent = layout.MARGIN_LEFT + layout.POINT_INDENT
    for page in pages_of_words(pdf_response.content):
        numbers = (
            w
            for w in page
            if re.fullmatch(r"\d+[a-e]?\.", w["text"])
            and abs(w["x0"] - layout.MARGIN_LEFT) < 1
        )
        for number in numbers:
            lines_after = {
                round(w["top"])
                for w in page
                if w["top"] >= number["top"] - 1 and abs(w["x0"] - indent) < 1
            }
            assert len(lines_after) >= 2, number


def test_page_numbers(pdf):
    pages = len(pdf.pages)
    assert pages >= 2
    assert f"Seite 1 von {pages}" in pdf.pages[0].extract_text()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:1/secret",
        "file:///etc/passwd",
        "https://example.org/logo.png",
        "http://localhost:8080/Plone/++resource++bk.plone/../../etc/passwd",
    ],
)
def test_fetcher_refuses_other_urls(url):
    fetcher = SiteResourceFetcher("http://localhost:8080/Plone")
    with pytest.raises(ValueError, match="no outside resources"):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_serves_own_stylesheet():
    fetcher = SiteResourceFetcher("http://localhost:8080/Plone")
    response = fetcher.fetch(
        "http://localhost:8080/Plone/++resource++bk.plone.letter/letter.css"
    )
    assert b".bk-letter" in response.read()


def test_council_member_downloads_pdf_of_released(seed, http_session, role_users):
    from plone import api

    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=seed, transition="release")
    transaction.commit()
    response = http_session(role_users["CouncilMember"]).get(
        f"{seed.absolute_url()}/@@letter.pdf"
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


def test_anonymous_gets_no_pdf(seed, http_session):
    response = http_session().get(
        f"{seed.absolute_url()}/@@letter.pdf", allow_redirects=False
    )
    assert response.status_code == 302
    assert not response.content.startswith(b"%PDF-")
