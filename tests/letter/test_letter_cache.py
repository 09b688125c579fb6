"""An unchanged letter is rendered once: @@letter.pdf and @@letter.docx carry an ETag
made from the letter's content, answer a matching If-None-Match with 304 without
rendering, and render anew when anything in the letter changes. An issued report's
frozen PDF is validated by its stored file."""

from bk.plone.letter import render
from bk.plone.letter.issue import freeze
from bk.plone.letter.model import build_letter
from bk.plone.letter.render import document_html
from datetime import date
from pathlib import Path
from plone import api
from plone.app.textfield.value import RichTextValue
from tests.helpers.seed import build_seed_resolution

import json
import pytest
import transaction


@pytest.fixture
def seed(functional_portal, role_users):
    resolution = build_seed_resolution(functional_portal)
    transaction.commit()
    return resolution


@pytest.fixture
def renders(monkeypatch):
    """Counts the PDF and Word renderings (the server runs in this process)."""
    render.clear_cache()
    counted = {"pdf": 0, "docx": 0}
    real_pdf, real_docx = render.render_pdf, render.render_docx

    def pdf(*args):
        counted["pdf"] += 1
        return real_pdf(*args)

    def docx(*args):
        counted["docx"] += 1
        return real_docx(*args)

    monkeypatch.setattr(render, "render_pdf", pdf)
    monkeypatch.setattr(render, "render_docx", docx)
    yield counted
    render.clear_cache()


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_rendered_once(seed, http_session, role_users, renders, kind):
    session = http_session(role_users["MayorsOffice"])
    url = f"{seed.absolute_url()}/@@letter.{kind}?date=2021-01-25"
    first, second = session.get(url), session.get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert first.headers["ETag"] == second.headers["ETag"]
    assert renders[kind] == 1


def test_not_modified_without_rendering(seed, http_session, role_users, renders):
    session = http_session(role_users["MayorsOffice"])
    url = f"{seed.absolute_url()}/@@letter.pdf?date=2021-01-25"
    etag = session.get(url).headers["ETag"]
    render.clear_cache()
    again = session.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert renders["pdf"] == 1
    assert "private" in again.headers["Cache-Control"]


def test_a_changed_letter_is_rendered_anew(seed, http_session, role_users, renders):
    session = http_session(role_users["MayorsOffice"])
    url = f"{seed.absolute_url()}/@@letter.pdf?date=2021-01-25"
    before = session.get(url).headers["ETag"]
    with api.env.adopt_roles(["Manager"]):
        seed["1c"].status_report = RichTextValue(
            "<p>Neuer Sachstand.</p>", "text/html", "text/x-html-safe"
        )
    transaction.commit()
    changed = session.get(url, headers={"If-None-Match": before})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != before
    assert renders["pdf"] == 2


def test_settings_enter_the_fingerprint(seed, http_session, role_users, renders):
    session = http_session(role_users["MayorsOffice"])
    url = f"{seed.absolute_url()}/@@letter.pdf?date=2021-01-25"
    before = session.get(url).headers["ETag"]
    api.portal.set_registry_record("bk.plone.letter_form", "A")
    transaction.commit()
    assert session.get(url).headers["ETag"] != before
    other_date = session.get(url.replace("2021-01-25", "2021-01-26"))
    assert other_date.headers["ETag"] != before
    assert renders["pdf"] == 3


def test_another_reader_gets_the_same_document(seed, http_session, role_users, renders):
    url = f"{seed.absolute_url()}/@@letter.pdf?date=2021-01-25"
    office = http_session(role_users["MayorsOffice"]).get(url)
    editor = http_session(role_users["Editor"]).get(url)
    assert office.content == editor.content
    assert renders["pdf"] == 1


@pytest.fixture
def report(seed):
    with api.env.adopt_roles(["Manager"]):
        letter = build_letter(seed, letter_date=date(2021, 1, 25))
        frozen = freeze(seed, letter, document_html(letter), render.pdf_bytes(letter))
    transaction.commit()
    return frozen


def test_report_pdf_validated(report, http_session, role_users):
    session = http_session(role_users["MayorsOffice"])
    url = f"{report.absolute_url()}/@@download/pdf"
    first = session.get(url)
    assert first.status_code == 200
    assert first.content.startswith(b"%PDF-")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert session.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert session.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    stale = session.get(url, headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200
    assert stale.content == first.content


def test_report_pdf_validators_need_the_right_to_read(report, http_session):
    response = http_session().get(
        f"{report.absolute_url()}/@@download/pdf", allow_redirects=False
    )
    assert response.status_code in (302, 401, 403)
    assert "ETag" not in response.headers


def test_report_page_prints_in_its_layout(report, http_session, role_users):
    page = http_session(role_users["MayorsOffice"]).get(report.absolute_url())
    assert page.status_code == 200
    assert '<style media="print">@media print' in page.text
    assert "size: A4" in page.text


def test_report_of_schema_3_prints_in_its_layout(report, http_session, role_users):
    stored = json.loads(report.letter_json)
    stored["schema_version"] = 3
    stored.pop("council_link")
    stored["labels"].pop("council_link")
    with api.env.adopt_roles(["Manager"]):
        report.letter_json = json.dumps(stored)
    transaction.commit()
    page = http_session(role_users["MayorsOffice"]).get(report.absolute_url())
    assert page.status_code == 200
    assert "size: A4" in page.text


def test_old_report_prints_as_it_always_did(report, http_session, role_users):
    fixture = Path(__file__).parent / "fixtures" / "letter_v1.json"
    with api.env.adopt_roles(["Manager"]):
        report.letter_json = fixture.read_text(encoding="utf-8")
    transaction.commit()
    page = http_session(role_users["MayorsOffice"]).get(report.absolute_url())
    assert page.status_code == 200
    assert "size: A4" not in page.text


def test_weak_and_listed_etags_match(seed, http_session, role_users, renders):
    session = http_session(role_users["MayorsOffice"])
    url = f"{seed.absolute_url()}/@@letter.pdf?date=2021-01-25"
    etag = session.get(url).headers["ETag"]
    for header in (f"W/{etag}", f'"other", {etag}', "*"):
        response = session.get(url, headers={"If-None-Match": header})
        assert response.status_code == 304, header
        assert response.headers["ETag"] == etag
    assert renders["pdf"] == 1


def test_a_document_larger_than_the_cache_is_served(
    seed, http_session, role_users, renders, monkeypatch
):
    monkeypatch.setattr(render, "CACHE_BYTES", 100)
    session = http_session(role_users["MayorsOffice"])
    url = f"{seed.absolute_url()}/@@letter.pdf?date=2021-01-25"
    first, second = session.get(url), session.get(url)
    assert first.status_code == second.status_code == 200
    assert first.content.startswith(b"%PDF-")
    assert renders["pdf"] == 2


def test_report_pdf_kept_out_of_shared_caches(report, http_session, role_users):
    response = http_session(role_users["MayorsOffice"]).get(
        f"{report.absolute_url()}/@@download/pdf"
    )
    assert response.headers["Cache-Control"] == "private, no-cache"


def test_pending_report_pdf_rendered_for_the_reader(seed, http_session, role_users):
    """A report whose PDF a bulk import has not rendered yet: the download renders
    it from the frozen HTML and writes nothing."""
    from bk.plone.letter.issue import pdf_pending

    with api.env.adopt_roles(["Manager"]):
        letter = build_letter(seed, letter_date=date(2021, 1, 25))
        report = freeze(seed, letter, document_html(letter), None)
    transaction.commit()
    response = http_session(role_users["MayorsOffice"]).get(
        f"{report.absolute_url()}/@@download/pdf"
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    transaction.begin()
    assert pdf_pending(report)
    anonymous = http_session().get(
        f"{report.absolute_url()}/@@download/pdf", allow_redirects=False
    )
    assert not anonymous.content.startswith(b"%PDF-")


def test_pending_report_pdf_is_private(seed, http_session, role_users):
    with api.env.adopt_roles(["Manager"]):
        letter = build_letter(seed, letter_date=date(2021, 1, 25))
        report = freeze(seed, letter, document_html(letter), None)
    transaction.commit()
    response = http_session(role_users["MayorsOffice"]).get(
        f"{report.absolute_url()}/@@download/pdf"
    )
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-cache"
