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
