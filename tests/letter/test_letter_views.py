"""@@letter and REST @letter render the same model, as the real roles."""

from plone import api
from plone.app.textfield.value import RichTextValue
from tests.helpers.seed import build_seed_resolution

import pytest
import transaction


@pytest.fixture
def seed(functional_portal, role_users):
    resolution = build_seed_resolution(functional_portal)
    transaction.commit()
    return resolution


def release(resolution):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=resolution, transition="release")
    transaction.commit()


def test_rest_letter_is_the_model(seed, http_session, role_users):
    from bk.plone.letter.model import build_letter
    from datetime import date

    body = (
        http_session(role_users["MayorsOffice"], json=True)
        .get(f"{seed.absolute_url()}/@letter?date=2021-01-25")
        .json()
    )
    transaction.begin()
    expected = build_letter(seed, letter_date=date(2021, 1, 25))
    assert body.pop("@id").endswith("/v0220-14/@letter")
    assert body == expected.to_json()


@pytest.mark.parametrize(
    ("role", "released", "allowed"),
    [
        ("MayorsOffice", False, True),
        ("Editor", False, True),
        ("CouncilMember", False, False),
        ("CouncilMember", True, True),
        ("Member", True, False),
        (None, True, False),
    ],
)
@pytest.mark.parametrize("path", ["@@letter", "@letter"])
def test_who_reads_the_letter(
    seed, http_session, role_users, role, released, allowed, path
):
    if released:
        release(seed)
    session = http_session(role_users.get(role), json=path == "@letter")
    response = session.get(f"{seed.absolute_url()}/{path}", allow_redirects=False)
    if allowed:
        assert response.status_code == 200
        assert "Dirk Hilbert" in response.text
    else:
        assert response.status_code in (302, 401)
        assert "Dirk Hilbert" not in response.text


XSS = '<p onmouseover="alert(1)">Bericht<script>alert(2)</script><a href="javascript:alert(3)">x</a></p>'


@pytest.mark.parametrize("path", ["@@letter", "@letter"])
def test_no_active_content_in_outputs(seed, http_session, role_users, path):
    with api.env.adopt_roles(["Manager"]):
        seed["1c"].status_report = RichTextValue(XSS, "text/html", "text/x-html-safe")
        seed["1c"].resolution_text = RichTextValue(XSS, "text/html", "text/x-html-safe")
    transaction.commit()
    text = (
        http_session(role_users["MayorsOffice"], json=path == "@letter")
        .get(f"{seed.absolute_url()}/{path}")
        .text
    )
    assert "Bericht" in text
    for active in ("onmouseover", "alert(2)", "javascript:alert"):
        assert active not in text


PLAIN = '<script>alert("t")</script><img src=x onerror=alert(1)>'


@pytest.mark.parametrize("path", ["@@letter", "@letter", "@@letter.docx"])
def test_plain_fields_escaped(seed, http_session, role_users, path):
    with api.env.adopt_roles(["Manager"]):
        seed.title = f"Titel {PLAIN}"
        seed.recipients = f"An {PLAIN}"
        seed.file_reference = f"GZ {PLAIN}"
        api.portal.set_registry_record("bk.plone.signatory", f"Name {PLAIN}")
    transaction.commit()
    response = http_session(role_users["MayorsOffice"], json=path == "@letter").get(
        f"{seed.absolute_url()}/{path}"
    )
    assert response.status_code == 200
    if path == "@@letter.docx":
        import io
        import zipfile

        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            body = archive.read("word/document.xml").decode()
        assert "<script>" not in body
        assert "&lt;script&gt;" in body  # kept as text, not markup
    elif path == "@letter":
        body = response.json()
        assert body["title"] == f"Titel {PLAIN}"  # JSON carries text, clients escape it
    else:
        assert '<script>alert("t")' not in response.text
        assert "<img src=x onerror" not in response.text
        assert "&lt;script&gt;" in response.text
