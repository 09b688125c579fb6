"""The letter model: one plain structure for every rendering."""

from bk.plone.letter.model import build_letter
from bk.plone.letter.schema import read_letter
from bk.plone.letter.schema import SCHEMA_VERSION
from bk.plone.letter.text import quoted
from datetime import date
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer
from tests.helpers.seed import build_seed_resolution

import json
import pytest


@pytest.fixture
def seed(portal):
    return build_seed_resolution(portal)


@pytest.fixture
def letter(seed):
    return build_letter(seed, letter_date=date(2021, 1, 25))


def test_json_serialisable(letter):
    stored = json.loads(json.dumps(letter.to_json()))
    assert stored["schema_version"] == SCHEMA_VERSION
    assert read_letter(stored) == letter


def test_head(letter):
    assert letter.confidential is True
    assert letter.labels.confidential == "vertraulich"
    assert letter.sender.__dict__ == {
        "municipality": "Landeshauptstadt Dresden",
        "issuer": "Der Oberbürgermeister",
        # no return address set: the sender's two lines
        "return_line": "Landeshauptstadt Dresden · Der Oberbürgermeister",
    }
    assert letter.layout.__dict__ == {"form": "B", "page_numbers": "all"}
    assert letter.contact == []


def test_layout_and_contact_from_the_settings(seed):
    api.portal.set_registry_record("bk.plone.letter_form", "A")
    api.portal.set_registry_record("bk.plone.page_numbers", "following")
    api.portal.set_registry_record(
        "bk.plone.return_address", "Stadt Dresden · PF 12 00 20 · 01001 Dresden"
    )
    api.portal.set_registry_record(
        "bk.plone.contact", "Bearbeiterin: Frau Muster\nTelefon: 0351 488-0\nZimmer 12"
    )
    letter = build_letter(seed, letter_date=date(2021, 1, 25))
    assert letter.layout.__dict__ == {"form": "A", "page_numbers": "following"}
    assert letter.sender.return_line == "Stadt Dresden · PF 12 00 20 · 01001 Dresden"
    assert [(c.label, c.value) for c in letter.contact] == [
        ("Bearbeiterin:", "Frau Muster"),
        ("Telefon:", "0351 488-0"),
        ("", "Zimmer 12"),
    ]
    assert letter.recipients == [
        "An alle",
        "Fraktionen sowie Mitglieder",
        "des Stadtrates der Landeshauptstadt Dresden",
    ]
    assert letter.file_reference == "(OB) INAUSLB"
    assert letter.date == "2021-01-25"
    assert letter.date_text == "25. Januar 2021"
    assert (
        letter.subject == "Beschlusskontrolle zu V0220/14 (Sitzungsnummer: SR/011/2015)"
    )


def test_points(letter):
    assert [(p.number, p.state) for p in letter.points] == [
        ("1", "fulfilled"),
        ("1a", "fulfilled"),
        ("1b", "fulfilled"),
        ("1c", "in_progress"),
        ("1d", "fulfilled"),
        ("1e", "fulfilled"),
        ("2", "fulfilled"),
        ("3", "in_progress"),
        ("4", "fulfilled"),
    ]


def test_fulfilled_without_report_gets_sentence(letter):
    reports = {p.number: p.status_report for p in letter.points}
    assert reports["1a"] == "<p>Der Beschlusspunkt ist erfüllt.</p>"
    assert "somit umgesetzt" in reports["1e"]


def test_fulfilled_sentence_from_settings(seed):
    api.portal.set_registry_record("bk.plone.fulfilled_sentence", "Erledigt.")
    letter = build_letter(seed)
    assert letter.points[0].status_report == "<p>Erledigt.</p>"


def test_open_point_without_report_stays_empty(seed):
    with api.env.adopt_roles(["Manager"]):
        createContentInContainer(seed, "ControlPoint", number="5")
    assert build_letter(seed).points[-1].status_report == ""


def test_foot(letter):
    assert letter.next_control_date == "2021-06-30"
    assert letter.next_control_text == "30. Juni 2021"
    assert letter.closing == "Mit freundlichen Grüßen"
    assert letter.signatory == "Dirk Hilbert"


def test_not_confidential_and_own_recipients(seed):
    seed.confidential = False
    seed.recipients = "Ausschuss für Allgemeine Verwaltung\n\n"
    letter = build_letter(seed)
    assert letter.confidential is False
    assert letter.recipients == ["Ausschuss für Allgemeine Verwaltung"]


def test_subject_without_session(seed):
    seed.session_reference = None
    assert build_letter(seed).subject == "Beschlusskontrolle zu V0220/14"


def test_settings_change_the_letter(seed):
    api.portal.set_registry_record("bk.plone.signatory", "Eva Jähnigen")
    assert build_letter(seed).signatory == "Eva Jähnigen"


def test_next_letter_shows_edits_and_transitions(seed):
    """What the letter remembers of texts and workflows never outlives a change."""
    build_letter(seed)
    point = seed["1c"]
    point.status_report = RichTextValue(
        "<p>Das Konzept ist beschlossen und umgesetzt.</p>",
        "text/html",
        "text/x-html-safe",
    )
    point.resolution_text = RichTextValue(
        "<p>Neu gefasster Auftrag.</p>", "text/html", "text/x-html-safe"
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=point, transition="fulfil")
    entry = build_letter(seed).points[3]
    assert entry.number == "1c"
    assert entry.state == "fulfilled"
    assert entry.status_report == "<p>Das Konzept ist beschlossen und umgesetzt.</p>"
    assert entry.resolution_text == "<p>„Neu gefasster Auftrag.“</p>"


def test_next_letter_follows_the_html_filter_settings(seed):
    """The filtered texts are remembered per text *and* per filter setting: a
    stricter filter applies to the very next letter."""
    assert "<strong>" in build_letter(seed).points[0].resolution_text
    tags = api.portal.get_registry_record("plone.valid_tags")
    api.portal.set_registry_record(
        "plone.valid_tags", [tag for tag in tags if tag not in ("strong", "b")]
    )
    assert "<strong>" not in build_letter(seed).points[0].resolution_text


def test_links_point_where_the_letter_is_read(seed, portal):
    """Plone's output filters apply as on the resolution's page: a link by UID is
    the object's current URL (also after it moved), a relative link is absolute."""
    with api.env.adopt_roles(["Manager"]):
        target = api.content.create(container=portal, type="Document", id="ziel")
    seed["1"].resolution_text = RichTextValue(
        f'<p><a href="resolveuid/{target.UID()}">Ziel</a> '
        '<a href="anlage/plan">Plan</a></p>',
        "text/html",
        "text/x-html-safe",
    )
    text = build_letter(seed).points[0].resolution_text
    assert f'href="{target.absolute_url()}"' in text
    assert f'href="{seed.absolute_url()}/anlage/plan"' in text
    with api.env.adopt_roles(["Manager"]):
        api.content.rename(obj=target, new_id="neues-ziel")
    text = build_letter(seed).points[0].resolution_text
    assert f'href="{portal.absolute_url()}/neues-ziel"' in text


def test_point_without_workflow_history_is_in_the_initial_state(seed):
    with api.env.adopt_roles(["Manager"]):
        point = createContentInContainer(seed, "ControlPoint", number="9")
    del point.workflow_history
    assert build_letter(seed).points[-1].state == "open"


def test_english_site_language(seed):
    letter = build_letter(seed, letter_date=date(2021, 1, 25), language="en")
    assert letter.date_text == "January 25, 2021"
    assert letter.labels.date == "Date:"


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>Text.</p>", "<p>„Text.“</p>"),
        ("<p>Eins</p><p>Zwei</p>", "<p>„Eins</p><p>Zwei“</p>"),
        (
            "<p>Vorher:</p><ul><li><strong>A</strong></li></ul>",
            "<p>„Vorher:</p><ul><li><strong>A“</strong></li></ul>",
        ),
        ("<p>Schon „zitiert“</p>", "<p>„Schon „zitiert“</p>"),
        ("", ""),
    ],
)
def test_quoted(fragment, expected):
    assert quoted(fragment) == expected


def test_rich_text_keeps_lists_and_emphasis(letter):
    first = letter.points[0].resolution_text
    assert first.count("<li>") == 3
    assert "<strong>Niedrigschwellige" in first


XSS = [
    '<script>alert("x")</script><p>ok</p>',
    '<p onclick="alert(1)">ok</p>',
    '<p><a href="javascript:alert(1)">ok</a></p>',
    '<p><img src="x" onerror="alert(1)">ok</p>',
    '<iframe src="https://example.org"></iframe><p>ok</p>',
    '<p style="background:url(javascript:alert(1))">ok</p>',
]


@pytest.mark.parametrize("payload", XSS)
@pytest.mark.parametrize("field", ["resolution_text", "status_report"])
def test_rich_text_filtered(seed, field, payload):
    point = seed["1c"]
    setattr(point, field, RichTextValue(payload, "text/html", "text/x-html-safe"))
    rendered = getattr(build_letter(seed).points[3], field)
    lowered = rendered.lower()
    for active in ("<script", "onclick", "onerror", "javascript:", "<iframe"):
        assert active not in lowered
    assert "ok" in rendered
