"""@@letter.docx: the same letter as an editable Word document."""

from docx import Document
from io import BytesIO
from plone import api
from plone.app.textfield.value import RichTextValue
from tests.helpers.seed import build_seed_resolution
from tests.helpers.seed import seed_lines

import pytest
import re
import transaction
import zipfile


@pytest.fixture
def seed(functional_portal, role_users):
    resolution = build_seed_resolution(functional_portal)
    transaction.commit()
    return resolution


def fetch(seed, session):
    response = session.get(f"{seed.absolute_url()}/@@letter.docx?date=2021-01-25")
    assert response.status_code == 200
    return response, Document(BytesIO(response.content))


def text_of(document):
    return re.sub(r"\s+", " ", "\n".join(p.text for p in document.paragraphs))


def test_download(seed, http_session, role_users):
    response, document = fetch(seed, http_session(role_users["MayorsOffice"]))
    assert "wordprocessingml" in response.headers["Content-Type"]
    assert (
        "Beschlusskontrolle_V0220-14_2021-01-25.docx"
        in response.headers["Content-Disposition"]
    )
    assert document.core_properties.title.startswith("Beschlusskontrolle zu V0220/14")
    assert (
        document.core_properties.author
        == "Landeshauptstadt Dresden, Der Oberbürgermeister"
    )


def test_holds_the_seed_in_order(seed, http_session, role_users):
    _, document = fetch(seed, http_session(role_users["MayorsOffice"]))
    text = text_of(document)
    position = 0
    for line in seed_lines():
        found = text.find(line, position)
        assert found >= 0, line
        position = found + len(line)


def test_lists_and_emphasis_kept(seed, http_session, role_users):
    _, document = fetch(seed, http_session(role_users["MayorsOffice"]))
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) == 3
    assert all(run.bold for p in bullets for run in p.runs if run.text.strip())


def test_no_active_content(seed, http_session, role_users):
    with api.env.adopt_roles(["Manager"]):
        seed["1c"].status_report = RichTextValue(
            '<p>Bericht<script>alert(1)</script><a href="javascript:alert(2)">x</a></p>',
            "text/html",
            "text/x-html-safe",
        )
    transaction.commit()
    response, document = fetch(seed, http_session(role_users["MayorsOffice"]))
    assert "Bericht" in text_of(document)
    with zipfile.ZipFile(BytesIO(response.content)) as archive:
        xml = "".join(
            archive.read(n).decode("utf-8", "ignore") for n in archive.namelist()
        )
    assert "alert(" not in xml
    assert "javascript:" not in xml


def test_anonymous_gets_no_docx(seed, http_session):
    response = http_session().get(
        f"{seed.absolute_url()}/@@letter.docx", allow_redirects=False
    )
    assert response.status_code == 302


# Accessible Word: real styles, properties, page fields, no spacing paragraphs.


def test_subject_and_title_are_headings(seed, http_session, role_users):
    _, document = fetch(seed, http_session(role_users["MayorsOffice"]))
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith("Heading")
    ]
    assert headings == [
        ("Heading 1", "Beschlusskontrolle zu V0220/14 (Sitzungsnummer: SR/011/2015)"),
        (
            "Heading 2",
            "Konzept zur Integration von Menschen mit Migrationshintergrund in der "
            "Landeshauptstadt Dresden (Integrationskonzept 2015 - 2020)",
        ),
    ]


def test_points_in_a_list_style(seed, http_session, role_users):
    _, document = fetch(seed, http_session(role_users["MayorsOffice"]))
    points = [p for p in document.paragraphs if p.style.name == "Beschlusspunkt"]
    assert [p.text.split("\t")[0] for p in points] == [
        "1.",
        "1a.",
        "1b.",
        "1c.",
        "1d.",
        "1e.",
        "2.",
        "3.",
        "4.",
    ]
    assert points[0].style.base_style.name == "List"


def test_language_and_properties(seed, http_session, role_users):
    response, document = fetch(seed, http_session(role_users["MayorsOffice"]))
    properties = document.core_properties
    assert properties.language == "de-DE"
    assert properties.subject.startswith("Konzept zur Integration")
    with zipfile.ZipFile(BytesIO(response.content)) as archive:
        styles = archive.read("word/styles.xml").decode()
    assert 'w:lang w:val="de-DE"' in styles


def test_no_empty_paragraphs_for_spacing(seed, http_session, role_users):
    _, document = fetch(seed, http_session(role_users["MayorsOffice"]))
    assert all(p.text.strip() for p in document.paragraphs)


def test_page_numbers_are_fields(seed, http_session, role_users):
    _, document = fetch(seed, http_session(role_users["MayorsOffice"]))
    footer = document.sections[0].footer
    codes = [
        node.text.strip()
        for node in footer._element.iter(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instrText"
        )
    ]
    assert codes == ["PAGE", "NUMPAGES"]
    assert footer.paragraphs[0].text.startswith("Seite ")
    assert " von " in footer.paragraphs[0].text
    assert document.sections[0].different_first_page_header_footer is False


def test_page_numbers_from_the_second_page(seed, http_session, role_users):
    api.portal.set_registry_record("bk.plone.page_numbers", "following")
    transaction.commit()
    _, document = fetch(seed, http_session(role_users["MayorsOffice"]))
    section = document.sections[0]
    assert section.different_first_page_header_footer is True
    # the first page has a footer of its own, and it is empty
    references = section._sectPr.findall(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}footerReference"
    )
    assert "first" in {
        r.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}type")
        for r in references
    }
    assert section.first_page_footer.paragraphs[0].text == ""
