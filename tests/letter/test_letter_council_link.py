"""The letter links the paper's page in the council information system (OParl
`web`): in its HTML, as a tagged PDF link and as a Word hyperlink. Without such a
page (or with only the API address) the letter has no link."""

from bk.plone.letter.docx import render_docx
from bk.plone.letter.model import build_letter
from bk.plone.letter.render import document_html
from bk.plone.letter.render import pdf_bytes
from datetime import date
from docx import Document
from io import BytesIO
from tests.helpers.seed import build_seed_resolution

import lxml.html
import pdfua
import pikepdf
import pytest


PAGE = "https://ris.example.org/bi/vo0050.asp?__kvonr=4711&voselect=12"


@pytest.fixture
def seed(portal):
    resolution = build_seed_resolution(portal)
    resolution.oparl_web = PAGE
    resolution.oparl_paper = "https://ris.example.org/oparl/v1/paper/4711"
    return resolution


@pytest.fixture
def letter(seed):
    return build_letter(seed, letter_date=date(2021, 1, 25))


def test_letter_carries_the_link(letter):
    assert letter.council_link == PAGE
    assert letter.labels.council_link == "Die Vorlage im Ratsinformationssystem:"


def test_html_links_the_page(letter):
    doc = lxml.html.fromstring(document_html(letter))
    (paragraph,) = doc.find_class("bk-council-link")
    assert " ".join(paragraph.text_content().split()) == (
        f"Die Vorlage im Ratsinformationssystem: {PAGE}"
    )
    assert paragraph.xpath(".//a/@href") == [PAGE]


def test_pdf_has_a_tagged_link(letter, tmp_path):
    data = pdf_bytes(letter)
    with pikepdf.open(BytesIO(data)) as document:
        uris = [
            str(annotation.A.URI)
            for page in document.pages
            for annotation in page.get("/Annots", [])
            if annotation.get("/Subtype") == "/Link" and "/A" in annotation
        ]
    assert PAGE in uris
    path = tmp_path / "letter.pdf"
    path.write_bytes(data)
    report = pdfua.validate(str(path))
    assert [(f.rule_id, f.message) for f in report.findings] == []


def test_word_has_a_hyperlink(letter):
    document = Document(BytesIO(render_docx(letter)))
    targets = [
        relation.target_ref
        for relation in document.part.rels.values()
        if relation.reltype.endswith("/hyperlink")
    ]
    assert targets == [PAGE]
    (paragraph,) = [
        p for p in document.paragraphs if "Ratsinformationssystem" in p.text
    ]
    # python-docx reads hyperlinks' text as part of the paragraph
    assert paragraph.text == f"Die Vorlage im Ratsinformationssystem: {PAGE}"


@pytest.mark.parametrize("web", [None, "", "javascript:alert(1)"])
def test_no_page_no_link(seed, web):
    seed.oparl_web = web
    letter = build_letter(seed, letter_date=date(2021, 1, 25))
    assert letter.council_link == ""
    assert (
        lxml.html.fromstring(document_html(letter)).find_class("bk-council-link") == []
    )
    document = Document(BytesIO(render_docx(letter)))
    assert not [
        r for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")
    ]
