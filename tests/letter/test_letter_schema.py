"""The letter's stored contract: `schema_version`, and every earlier stored shape still
read, rendered and compared. `fixtures/letter_v1.json` is a letter as bk.plone 1.0
stored it in an issued report (no `schema_version`; seed letter, first four points)."""

from bk.plone.letter.changes import letter_changes
from bk.plone.letter.issue import freeze
from bk.plone.letter.model import build_letter
from bk.plone.letter.render import article_html
from bk.plone.letter.render import document_html
from bk.plone.letter.render import docx_bytes
from bk.plone.letter.render import pdf_bytes
from bk.plone.letter.schema import Letter
from bk.plone.letter.schema import LetterSchemaError
from bk.plone.letter.schema import read_letter
from bk.plone.letter.schema import SCHEMA_VERSION
from datetime import date
from io import BytesIO
from pathlib import Path
from plone import api
from tests.helpers.seed import build_seed_resolution

import copy
import docx
import json
import pypdf
import pytest
import transaction


V1 = json.loads(
    (Path(__file__).parent / "fixtures" / "letter_v1.json").read_text(encoding="utf-8")
)


def test_v1_has_no_version_mark():
    assert "schema_version" not in V1


def test_v1_is_read():
    letter = read_letter(copy.deepcopy(V1))
    assert isinstance(letter, Letter)
    assert letter.schema_version == SCHEMA_VERSION
    assert letter.labels.page == "Seite"
    assert letter.sender.municipality == "Landeshauptstadt Dresden"
    assert [(p.number, p.state) for p in letter.points] == [
        ("1", "fulfilled"),
        ("1a", "fulfilled"),
        ("1b", "fulfilled"),
        ("1c", "in_progress"),
    ]


# What version 3 added, as older letters read: printed in form B, numbered on every
# page, without return line or contact.
V3_DEFAULTS = {
    "layout": {"form": "B", "page_numbers": "all"},
    "contact": [],
}
# What version 4 added, as older letters read: no link into the council system.
V4_DEFAULTS = {"council_link": ""}


def test_v1_keeps_every_value():
    stored = read_letter(copy.deepcopy(V1)).to_json()
    assert stored.pop("schema_version") == SCHEMA_VERSION
    assert stored.pop("sender") == {**V1["sender"], "return_line": ""}
    assert stored.pop("labels") == {**V1["labels"], "council_link": ""}
    assert stored == {
        **{k: v for k, v in V1.items() if k not in ("sender", "labels")},
        **V3_DEFAULTS,
        **V4_DEFAULTS,
    }


def test_v2_reads_as_form_b_on_every_page():
    letter = read_letter({**copy.deepcopy(V1), "schema_version": 2})
    assert letter.layout.form == "B"
    assert letter.layout.page_numbers == "all"
    assert letter.contact == []


def test_v3_keeps_layout_and_contact():
    data = {
        **copy.deepcopy(V1),
        "schema_version": 3,
        "layout": {"form": "A", "page_numbers": "following"},
        "contact": [{"label": "Telefon:", "value": "0351 488-0"}],
        "sender": {**V1["sender"], "return_line": "Stadt Dresden · PF 12 00 20"},
    }
    stored = read_letter(copy.deepcopy(data)).to_json()
    assert stored.pop("schema_version") == SCHEMA_VERSION
    assert stored.pop("labels") == {**V1["labels"], "council_link": ""}
    assert stored == {
        **{k: v for k, v in data.items() if k not in ("schema_version", "labels")},
        **V4_DEFAULTS,
    }


def test_v4_keeps_the_council_link():
    data = {
        **copy.deepcopy(V1),
        "schema_version": 4,
        "council_link": "https://ris.example.org/vo0050.asp?__kvonr=1",
        "labels": {**V1["labels"], "council_link": "Die Vorlage im RIS:"},
    }
    letter = read_letter(copy.deepcopy(data))
    assert letter.council_link == "https://ris.example.org/vo0050.asp?__kvonr=1"
    assert letter.labels.council_link == "Die Vorlage im RIS:"


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "data:text/html,x", 5, None, "ris.example.org"]
)
def test_only_web_addresses_become_council_links(link):
    data = {**copy.deepcopy(V1), "schema_version": 4, "council_link": link}
    assert read_letter(data).council_link == ""


@pytest.mark.parametrize(
    "contact", [[{"label": "Telefon:"}], ["Telefon: 0351"], [None]]
)
def test_broken_contact_lines_refused(contact):
    with pytest.raises(LetterSchemaError):
        read_letter({**copy.deepcopy(V1), "schema_version": 3, "contact": contact})


def test_current_letters_carry_their_version(portal):
    letter = build_letter(build_seed_resolution(portal), letter_date=date(2021, 1, 25))
    assert letter.to_json()["schema_version"] == SCHEMA_VERSION


@pytest.mark.parametrize(
    "data",
    [
        [],
        "letter",
        {**V1, "schema_version": SCHEMA_VERSION + 1},
        {**V1, "schema_version": "2"},
        {**V1, "schema_version": 0},
        {key: value for key, value in V1.items() if key != "paper_reference"},
        {**V1, "points": [{"number": "1"}]},
        {**V1, "points": ["1. Der Stadtrat beschließt"]},
    ],
)
def test_unreadable_letters_are_refused(data):
    with pytest.raises(LetterSchemaError):
        read_letter(data)


def test_later_keys_are_ignored():
    letter = read_letter({**copy.deepcopy(V1), "signature_image": "x"})
    assert not hasattr(letter, "signature_image")


def test_v1_renders_in_every_format(portal):
    letter = read_letter(copy.deepcopy(V1))
    assert 'id="bk-point-1c"' in article_html(letter)
    assert "<title>Beschlusskontrolle zu V0220/14" in document_html(letter)
    pdf = pypdf.PdfReader(BytesIO(pdf_bytes(letter)))
    assert "Integrationskonzept" in pdf.pages[0].extract_text()
    text = "\n".join(
        p.text for p in docx.Document(BytesIO(docx_bytes(letter))).paragraphs
    )
    assert "1c." in text


def test_v1_report_page_rest_and_changes(functional_portal, http_session, role_users):
    resolution = build_seed_resolution(functional_portal)
    letter = read_letter(copy.deepcopy(V1))
    with api.env.adopt_roles(["Manager"]):
        # Issued the only way there is, then given the shape 1.0 stored.
        report = freeze(resolution, letter, document_html(letter), b"%PDF-1.7")
        report.letter_json = json.dumps(V1, ensure_ascii=False)
        api.content.transition(obj=resolution, transition="release")
    transaction.commit()
    office = role_users["MayorsOffice"]
    page = http_session(office).get(report.absolute_url())
    assert page.status_code == 200
    assert 'id="bk-point-1c"' in page.text
    rest = http_session(office, json=True).get(report.absolute_url()).json()
    served = json.loads(rest["letter_json"])
    assert served["points"][3]["number"] == "1c"
    transaction.begin()
    changes = letter_changes(report.letter, build_letter(resolution))
    assert changes["previous_date"] == "2021-01-25"
    assert changes["added"] == ["1d", "1e", "2", "3", "4"]


def test_unreadable_report_data_is_no_500(functional_portal, http_session, role_users):
    """Data this version cannot read (a later version's, after a downgrade) leaves
    the report readable, its letter data out, and the next letter issuable."""
    resolution = build_seed_resolution(functional_portal)
    letter = read_letter(copy.deepcopy(V1))
    with api.env.adopt_roles(["Manager"]):
        report = freeze(resolution, letter, document_html(letter), b"%PDF-1.7")
        report.letter_json = json.dumps({**V1, "schema_version": SCHEMA_VERSION + 1})
        api.content.transition(obj=resolution, transition="release")
    transaction.commit()
    office = role_users["MayorsOffice"]
    rest = http_session(office, json=True).get(report.absolute_url())
    assert rest.status_code == 200
    assert rest.json()["letter_json"] is None
    page = http_session(office).get(f"{resolution.absolute_url()}/@@issue-letter")
    assert page.status_code == 200
