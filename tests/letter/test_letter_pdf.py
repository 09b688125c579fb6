"""@@letter.pdf: a PDF/A with title, author and embedded fonts whose text layer holds
the letter; rendering reaches no URL outside bk.plone's own resources."""

from bk.plone.letter.pdf import SiteResourceFetcher
from io import BytesIO
from tests.helpers.seed import build_seed_resolution
from tests.helpers.seed import seed_lines

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
    assert re.search(r"pdfaid:conformance[^A-Z]*B", raw)


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


def flat(text: str) -> str:
    # hyphenation and line breaks of the PDF aside
    return re.sub(r"\s+", " ", text).replace("- ", "-").replace("-", "")


# The letterhead stands top right on the printed page (DIN 5008), so the text layer
# lists it apart from the flow; it is checked on its own.
LETTERHEAD = ["Landeshauptstadt Dresden", "Der Oberbürgermeister"]


def test_letterhead_on_first_page(pdf):
    first = flat(pdf.pages[0].extract_text())
    for line in LETTERHEAD:
        assert flat(line) in first


def test_text_layer_holds_the_letter(pdf):
    text = flat(" ".join(page.extract_text() for page in pdf.pages))
    position = 0
    for line in (line for line in seed_lines() if line not in LETTERHEAD):
        words = flat(line)
        found = text.find(words, position)
        assert found >= 0, words
        position = found + len(words)


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
