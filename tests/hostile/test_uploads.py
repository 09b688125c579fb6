"""Oversized, malformed and tricky uploads to the importer, through the form and
REST: a clear message per file, nothing written."""

from tests.helpers.hostile import snapshot
from tests.helpers.seed import SEED
from tests.helpers.web import token

import base64
import io
import pytest
import zipfile


def zip_with(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(name, data)
    return buffer.getvalue()


UPLOADS = {
    "larger than 20 MB": ("gross.txt", SEED + b" " * (21 * 1024 * 1024)),
    "empty": ("leer.txt", b""),
    "binary named .txt": ("bild.txt", bytes(range(256)) * 64),
    "garbage named .pdf": ("kaputt.pdf", b"%PDF-1.7\n" + b"\x00\xff" * 500),
    "pdf without text": (
        "leer.pdf",
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
    ),
    "garbage named .docx": ("kaputt.docx", b"PK\x03\x04" + b"\x00" * 100),
    "docx without document": ("leer.docx", zip_with("word/other.xml", b"<x/>")),
    "docx zip bomb": (
        "bombe.docx",
        zip_with("word/document.xml", b"<w:document>" + b" " * (200 * 1024 * 1024)),
    ),
    "unknown extension": ("programm.exe", b"MZ\x90\x00"),
    "text without points": (
        "ohne.txt",
        "Sehr geehrte Damen und Herren,\n\nGruß\n".encode(),
    ),
    "letter cut off after the header": ("halb.txt", SEED[: len(SEED) // 5]),
    "NUL bytes in text": ("nul.txt", SEED.replace(b"\n", b"\n\x00", 3)),
}


@pytest.mark.parametrize("name", UPLOADS)
def test_rest_upload_refused_nothing_written(
    world, role_users, http_session, tried, name
):
    filename, data = UPLOADS[name]
    before = snapshot(world.aq_parent)
    session = http_session(role_users["MayorsOffice"], json=True)
    response = session.post(
        f"{world.absolute_url()}/@import-letters",
        json={
            "files": [{"filename": filename, "data": base64.b64encode(data).decode()}]
        },
    )
    tried("uploads: malformed or oversized (REST)")
    assert response.status_code in (400, 422), response.text[:300]
    body = response.json()
    if "items" in body:
        messages = [item["error"] for item in body["items"]]
    else:
        messages = [body["error"]["message"]]
    assert all(messages), body
    assert snapshot(world.aq_parent) == before


@pytest.mark.parametrize(
    "name", ["larger than 20 MB", "garbage named .pdf", "docx zip bomb"]
)
def test_form_upload_refused_nothing_written(
    world, role_users, http_session, tried, name
):
    filename, data = UPLOADS[name]
    before = snapshot(world.aq_parent)
    session = http_session(role_users["MayorsOffice"])
    url = f"{world.absolute_url()}/@@import-letters"
    for button in ("form.buttons.preview", "form.buttons.import"):
        response = session.post(
            url,
            data={"_authenticator": token(session, url), button: "1"},
            files=[("files:list", (filename, data, "application/octet-stream"))],
        )
        tried("uploads: malformed or oversized (form)")
        assert response.status_code == 200
        assert "bk-import-failed" in response.text
    assert snapshot(world.aq_parent) == before


def test_path_in_filename_is_only_a_name(world, role_users, http_session, tried):
    """A filename with a path imports the letter and records only the name."""
    session = http_session(role_users["MayorsOffice"], json=True)
    response = session.post(
        f"{world.absolute_url()}/@import-letters",
        json={
            "files": [
                {
                    "filename": "../../../etc/V0220-14.txt",
                    "data": base64.b64encode(SEED).decode(),
                }
            ]
        },
    )
    tried("paths: tricks in ids and names")
    assert response.status_code == 200, response.text[:300]
    import transaction

    transaction.begin()
    (report,) = [
        o for o in world["v0220-14"].objectValues() if o.portal_type == "ControlReport"
    ]
    assert report.source_filename == "V0220-14.txt"
