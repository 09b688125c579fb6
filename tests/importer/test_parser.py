"""The parser reads letters as real cities write them."""

from bk.plone.importer.parser import LetterParseError
from bk.plone.importer.parser import parse_letter
from bk.plone.importer.readers import read_lines
from bk.plone.importer.states import StateRules
from datetime import date
from tests.helpers.letters import letter
from tests.helpers.letters import parse
from tests.helpers.letters import TWO_POINTS
from tests.helpers.seed import SEED_LETTER

import pytest


@pytest.fixture(scope="module")
def seed():
    return parse(SEED_LETTER.read_bytes())


def test_seed_points(seed):
    assert [p.number for p in seed.points] == [
        "1",
        "1a",
        "1b",
        "1c",
        "1d",
        "1e",
        "2",
        "3",
        "4",
    ]
    in_progress = {p.number for p in seed.points if p.state == "in_progress"}
    assert in_progress == {"1c", "3"}
    assert {p.state for p in seed.points if p.number not in in_progress} == {
        "fulfilled"
    }


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("file_reference", "(OB) INAUSLB"),
        ("letter_date", date(2021, 1, 25)),
        ("next_control_date", date(2021, 6, 30)),
        ("paper_reference", "V0220/14"),
        ("session_reference", "SR/011/2015"),
        ("signatory", "Dirk Hilbert"),
        ("confidential", True),
        (
            "title",
            "Konzept zur Integration von Menschen mit Migrationshintergrund in der "
            "Landeshauptstadt Dresden (Integrationskonzept 2015 - 2020)",
        ),
        (
            "recipients",
            [
                "An alle",
                "Fraktionen sowie Mitglieder",
                "des Stadtrates der Landeshauptstadt Dresden",
            ],
        ),
        ("sender", ["Landeshauptstadt Dresden", "Der Oberbürgermeister"]),
        ("salutation", "Sehr geehrte Fraktionen und Mitglieder des Stadtrates,"),
        ("closing", "Mit freundlichen Grüßen"),
    ],
)
def test_seed_fields(seed, field, expected):
    assert getattr(seed, field) == expected


def test_seed_keeps_list_and_emphasis(seed):
    text = seed.points[0].resolution_text
    assert text.count("<li><strong>") == 3
    assert "„Konzept zur Integration" in text  # inner quotes stay, outer ones go
    assert not text.startswith("<p>„")
    assert "**" not in text


def test_seed_page_break_rejoined(seed):
    report = seed.points[7].status_report
    assert "(Broschüre, veröffentlicht 10/2020) und eine Analyse" in report
    assert report.count("<p>") == 1


def test_seed_report_of_several_paragraphs(seed):
    point = seed.points[5]
    assert point.number == "1e"
    assert point.status_report.count("<p>") == 3
    assert point.state == "fulfilled"


@pytest.mark.parametrize(
    "marker",
    ["1.", "1a.", "1.)", "1)", "Zu 1:", "01", "2.1", "- 1.", "**1.", "Punkt 1:"],
)
def test_numbering_forms(marker):
    expected = {"1a.": "1a", "2.1": "2.1"}.get(marker, "1")
    points = f"""\
{marker} „Die Bibliothek ist zu sanieren.“

Der Beschlusspunkt ist erfüllt.
"""
    (point,) = parse(letter(points)).points
    assert point.number == expected
    assert point.resolution_text == "<p>Die Bibliothek ist zu sanieren.</p>"
    assert point.state == "fulfilled"


def test_number_on_its_own_line():
    points = """\
Zu 2:
„Über den Stand ist jährlich zu berichten.“

offen
"""
    (point,) = parse(letter(points)).points
    assert (point.number, point.state) == ("2", "open")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Datum: 25. JAN. 2021", date(2021, 1, 25)),
        ("Datum: 25.01.2021", date(2021, 1, 25)),
        ("Datum: 25. Januar 2021", date(2021, 1, 25)),
        ("Datum: 3. März 2020", date(2020, 3, 3)),
        ("Dresden, 25.01.2021", date(2021, 1, 25)),
        ("Datum: 2021-01-25", date(2021, 1, 25)),
    ],
)
def test_date_forms(line, expected):
    assert parse(letter(TWO_POINTS, date=line)).letter_date == expected


@pytest.mark.parametrize(
    ("opening", "closing"), [("„", "“"), ('"', '"'), ("“", "”"), ("»", "«")]
)
def test_quote_forms(opening, closing):
    points = f"""\
1. {opening}Der Stadtrat beschließt.{closing}

Die Umsetzung läuft.
"""
    (point,) = parse(letter(points)).points
    assert point.resolution_text == "<p>Der Stadtrat beschließt.</p>"
    assert point.state == "in_progress"


def test_report_on_the_same_line_as_the_quote():
    points = "1. „Der Stadtrat beschließt.“ Der Beschlusspunkt ist erfüllt.\n"
    (point,) = parse(letter(points)).points
    assert point.resolution_text == "<p>Der Stadtrat beschließt.</p>"
    assert point.state == "fulfilled"
    assert point.status_report == ""


def test_quote_over_several_paragraphs_with_nested_quotes():
    points = """\
3. „Der Stadtrat beschließt das „Konzept“:

- erstens,
- zweitens.“

Mit der Umsetzung wurde begonnen.
"""
    (point,) = parse(letter(points)).points
    assert point.resolution_text == (
        "<p>Der Stadtrat beschließt das „Konzept“:</p>"
        "<ul><li>erstens,</li><li>zweitens.</li></ul>"
    )
    assert point.state == "in_progress"


@pytest.mark.parametrize(
    ("report", "state"),
    [
        ("", "open"),
        ("offen", "open"),
        ("Der Beschlusspunkt ist noch offen.", "open"),
        ("Der Beschlusspunkt ist erfüllt.", "fulfilled"),
        ("Die Maßnahme ist somit umgesetzt.", "fulfilled"),
        ("Der Auftrag ist erledigt.", "fulfilled"),
        ("Der Beschlusspunkt ist noch nicht erfüllt.", "in_progress"),
        ("Die Planung bleibt für Vorschläge offen.", "in_progress"),
        ("Teil 1 ist erfüllt.\n\nTeil 2 wird geprüft.", "in_progress"),
    ],
)
def test_state_from_report(report, state):
    points = f"1. „Die Bibliothek ist zu sanieren.“\n\n{report}\n"
    (point,) = parse(letter(points)).points
    assert point.state == state


def test_phrases_are_settings():
    rules = StateRules(("ist abgehakt",), ("kommt noch",))
    points = "1. „A.“\n\nDas ist abgehakt.\n\n2. „B.“\n\nkommt noch\n"
    parsed = parse_letter(read_lines("x.txt", letter(points).encode()), rules, "")
    assert [p.state for p in parsed.points] == ["fulfilled", "open"]


def test_letter_without_confidentiality_mark():
    assert parse(letter(TWO_POINTS, confidential=False)).confidential is False


def test_signatory_without_gez():
    assert parse(letter(TWO_POINTS)).signatory == "Dirk Hilbert"


def test_scan_debris_ignored():
    points = """\
1. „Die Oberbürgermeisterin wird beauftragt, die Bibliothek zu

- 2 -

sanieren.“

Der Beschlusspunkt ist erfüllt.

Seite 2 von 3

2. „Über den Stand ist jährlich zu berichten.“

Der erste Bericht folgt im Mai.
"""
    parsed = parse(letter(points))
    assert [p.number for p in parsed.points] == ["1", "2"]
    assert parsed.points[0].resolution_text == (
        "<p>Die Oberbürgermeisterin wird beauftragt, die Bibliothek zu sanieren.</p>"
    )


def test_windows_text_and_crlf():
    data = letter(TWO_POINTS).replace("\n", "\r\n").encode("cp1252")
    parsed = parse(data)
    assert parsed.signatory == "Dirk Hilbert"
    assert parsed.title == "Sanierung der Stadtteilbibliothek"


def test_markup_in_text_is_text():
    points = '1. „<script>alert(1)</script> & <b onclick="x">fett</b>“\n\noffen\n'
    (point,) = parse(letter(points)).points
    assert "<script>" not in point.resolution_text
    assert "&lt;script&gt;" in point.resolution_text
    assert "&amp;" in point.resolution_text


def test_checksum_ignores_file_but_not_content():
    one = parse(letter(TWO_POINTS))
    two = parse(letter(TWO_POINTS).replace("\n", "\r\n"))
    three = parse(letter(TWO_POINTS.replace("im Mai", "im Juni")))
    assert one.checksum == two.checksum != three.checksum


@pytest.mark.parametrize(
    ("text", "line", "msgid"),
    [
        (letter(TWO_POINTS, date="Datum: 35.13.2021"), 12, "import_error_date"),
        (letter(TWO_POINTS).replace("Beschlusskontrolle zu", "Betreff:"), 22, None),
        (letter("1. „Ohne Ende\n\nDer Beschlusspunkt ist erfüllt.\n"), 22, None),
        (letter(TWO_POINTS + "\n1. „Noch einmal.“\n"), 30, None),
        (letter("Es gibt keine Punkte.\n"), 29, "import_error_no_points"),
        (letter(TWO_POINTS).replace("A0123/22", "A0123/22#"), 14, None),
        (letter(TWO_POINTS, date="Datum:"), 12, "import_error_date"),
    ],
    ids=[
        "impossible date",
        "no subject",
        "no closing quote",
        "duplicate point",
        "no points",
        "bad reference",
        "empty date",
    ],
)
def test_unreadable_letters_say_where(text, line, msgid):
    with pytest.raises(LetterParseError) as raised:
        parse(text)
    assert raised.value.line == line
    if msgid:
        assert raised.value.message == msgid


def test_bold_numbered_report_lines_stay_report_in_a_quoting_letter():
    points = """\
1. „Die Radwege sind zu sanieren.“

Stand der Abschnitte:

1. **Radweg Nord**: fertig

2. **Radweg Süd**: in Planung

2. „Dem Ausschuss ist zu berichten.“

offen
"""
    parsed = parse(letter(points))
    assert [p.number for p in parsed.points] == ["1", "2"]
    assert "Radweg Nord" in parsed.points[0].status_report


def test_bold_decided_text_ends_with_its_sentence():
    points = """\
1. **Die Bibliothek ist zu sanieren.**

**Der Beschlusspunkt ist erfüllt.**

2. **Dem Ausschuss ist zu berichten.** Der Bericht folgt im Mai.
"""
    first, second = parse(letter(points)).points
    assert (
        first.resolution_text
        == "<p><strong>Die Bibliothek ist zu sanieren.</strong></p>"
    )
    assert first.state == "fulfilled"
    assert second.status_report == "<p>Der Bericht folgt im Mai.</p>"
    assert second.state == "in_progress"
