"""Importing letters: the seed becomes a resolution with nine points and an issued
report; re-importing changes nothing; a later letter updates the points."""

from bk.plone.importer.importer import import_files
from bk.plone.letter.issue import issued_reports
from plone import api
from tests.helpers.seed import later_letter
from tests.helpers.seed import POINTS
from tests.helpers.seed import SEED
from tests.helpers.seed import SEED_TEXT
from zope.i18n import translate

import logging
import pytest


@pytest.fixture
def folder(portal):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(container=portal, type="Folder", id="beschluesse")


def run(folder, *files, **options):
    with api.env.adopt_roles(["Manager"]):
        return import_files(folder, list(files), **options)


def states(resolution):
    return {
        p.number: api.content.get_state(p)
        for p in resolution.objectValues()
        if p.portal_type == "ControlPoint"
    }


def test_seed_becomes_resolution(folder):
    (result,) = run(folder, ("seed.txt", SEED))
    assert result.status == "created", translate(result.error_message())
    resolution = folder["v0220-14"]
    assert resolution.paper_reference == "V0220/14"
    assert resolution.session_reference == "SR/011/2015"
    assert resolution.file_reference == "(OB) INAUSLB"
    assert resolution.next_control_date.isoformat() == "2021-06-30"
    assert resolution.confidential is True
    assert resolution.title.startswith("Konzept zur Integration")
    # The seed's address is the settings' default: the resolution keeps none of its own.
    assert resolution.recipients is None
    # The GZ names an office of the settings: it is the responsible office.
    assert resolution.responsible_office == "(OB) INAUSLB"


def test_seed_points_as_built_by_hand(folder):
    run(folder, ("seed.txt", SEED))
    resolution = folder["v0220-14"]
    points = [p for p in resolution.objectValues() if p.portal_type == "ControlPoint"]
    assert [p.number for p in points] == [number for number, *_ in POINTS]
    for point, (number, text, state, report) in zip(points, POINTS, strict=True):
        assert point.resolution_text.raw == text, number
        assert (point.status_report.raw if point.status_report else "") == report
        assert api.content.get_state(point) == state, number


def test_seed_becomes_issued_report(folder):
    run(folder, ("seed.txt", SEED))
    (report,) = issued_reports(folder["v0220-14"])
    assert report.letter_date.isoformat() == "2021-01-25"
    assert report.source_filename == "seed.txt"
    letter = report.letter
    assert letter.signatory == "Dirk Hilbert"
    assert letter.next_control_date == "2021-06-30"
    assert [p.state for p in letter.points].count("fulfilled") == 7
    assert report.pdf.data.startswith(b"%PDF-")
    assert "Dirk Hilbert" in report.html


def test_reimport_changes_nothing(folder):
    run(folder, ("seed.txt", SEED))
    resolution = folder["v0220-14"]
    before = (resolution._p_serial, len(resolution.objectIds()))
    (result,) = run(folder, ("again.txt", SEED))
    assert result.status == "unchanged"
    assert len(resolution.objectIds()) == before[1]
    assert len(issued_reports(resolution)) == 1


def test_later_letter_updates_points(folder):
    run(folder, ("seed.txt", SEED))
    (result,) = run(folder, ("june.txt", later_letter()))
    assert result.status == "updated"
    resolution = folder["v0220-14"]
    assert set(states(resolution).values()) == {"fulfilled"}
    assert len(issued_reports(resolution)) == 2
    assert resolution.next_control_date.isoformat() == "2021-12-31"
    changed = {p["number"] for p in result.points if p["previous_state"] != p["state"]}
    assert changed == {"1c", "3"}


def test_older_letter_after_newer_keeps_newer_state(folder):
    run(folder, ("june.txt", later_letter()))
    (result,) = run(folder, ("seed.txt", SEED))
    assert result.status == "updated"
    resolution = folder["v0220-14"]
    assert set(states(resolution).values()) == {"fulfilled"}
    reports = issued_reports(resolution)
    assert [r.letter_date.isoformat() for r in reports] == ["2021-06-28", "2021-01-25"]
    # the older report is frozen as that letter said
    assert reports[1].letter.points[3].state == "in_progress"
    assert resolution.next_control_date.isoformat() == "2021-12-31"


def test_two_letters_of_one_resolution_in_one_run(folder):
    results = run(folder, ("seed.txt", SEED), ("june.txt", later_letter()))
    assert [r.status for r in results] == ["created", "updated"]
    assert len(folder.objectIds()) == 1


def test_dry_run_writes_nothing(folder):
    (result,) = run(folder, ("seed.txt", SEED), dry_run=True)
    assert result.status == "created"
    assert len(result.points) == 9
    assert "v0220-14" not in folder


def test_broken_file_changes_nothing(folder):
    broken = SEED_TEXT.replace("Datum: 25. JAN. 2021", "Datum: 35. JAN. 2021")
    good, bad = run(folder, ("seed.txt", SEED), ("broken.txt", broken.encode()))
    assert good.status == "created"
    assert bad.status == "failed"
    assert bad.line == 16
    message = translate(bad.error_message(), target_language="de")
    assert message.startswith("broken.txt, Zeile 16:"), message
    assert len(issued_reports(folder["v0220-14"])) == 1


def test_dry_run_then_import_in_one_request(folder):
    # A rollback must not leave the request's catalog cache naming rolled-back records.
    (preview,) = run(folder, ("seed.txt", SEED), dry_run=True)
    (result,) = run(folder, ("seed.txt", SEED))
    assert (preview.status, result.status) == ("created", "created")
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="Resolution")
    assert [b.getPath() for b in brains] == ["/plone/beschluesse/v0220-14"]


def test_failure_after_writing_rolls_back_all_of_the_file(folder):
    # The next control date before the letter date is found only when the report is
    # frozen, after the resolution and its points were written: all of it goes.
    early = SEED_TEXT.replace("30. Juni 2021", "30. Juni 2020").encode()
    bad, good = run(folder, ("early.txt", early), ("seed.txt", SEED))
    assert bad.status == "failed"
    assert translate(bad.error_message(), target_language="de") == (
        "early.txt: Die nächste Beschlusskontrolle muss nach dem Datum des "
        "Schreibens liegen."
    )
    assert good.status == "created"
    assert len(issued_reports(folder["v0220-14"])) == 1
    catalog = api.portal.get_tool("portal_catalog")
    assert len(catalog.unrestrictedSearchResults(portal_type="ControlPoint")) == 9


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "seltsam.txt: Die Datei ist leer."),
        (
            b"\x00\x01" * 10,
            "seltsam.txt: Die Datei ist weder Text noch ein Word- oder PDF-Dokument.",
        ),
        (b"x" * (20 * 1024 * 1024 + 1), "seltsam.txt: Die Datei ist größer als 20 MB."),
        (
            b"Kein Brief.",
            "seltsam.txt, Zeile 1: Es wurde kein nummerierter Beschlusspunkt mit "
            "zitiertem, fett oder kursiv gesetztem Beschlusstext gefunden.",
        ),
    ],
    ids=["empty", "binary", "too large", "no letter"],
)
def test_bad_files_are_refused_with_a_reason(folder, data, message):
    (result,) = run(folder, ("seltsam.txt", data))
    assert result.status == "failed"
    assert translate(result.error_message(), target_language="de") == message
    assert folder.objectIds() == []


def test_import_never_lowers_confidentiality(folder):
    run(folder, ("seed.txt", SEED))
    public = later_letter(SEED_TEXT.replace("vertraulich\n", ""))
    (result,) = run(folder, ("june.txt", public))
    assert folder["v0220-14"].confidential is True
    assert [translate(n, target_language="de") for n in result.notes] == [
        "Das Schreiben ist nicht als vertraulich gekennzeichnet; der Beschluss "
        "bleibt vertraulich."
    ]


def test_letter_saying_open_after_fulfilled(folder):
    run(folder, ("seed.txt", SEED))
    reopened = (
        later_letter()
        .decode()
        .replace(
            "2. „Die Oberbürgermeisterin wird beauftragt, dem Stadtrat zur Umsetzung des "
            "Konzeptes im Jahr 2017 schriftlich Bericht zu erstatten.“\n\n"
            "Der Beschlusspunkt ist erfüllt.",
            "2. „Die Oberbürgermeisterin wird beauftragt, dem Stadtrat zur Umsetzung des "
            "Konzeptes im Jahr 2017 schriftlich Bericht zu erstatten.“\n\noffen",
        )
    )
    (result,) = run(folder, ("june.txt", reopened.encode()))
    assert result.status == "updated"
    assert api.content.get_state(folder["v0220-14"]["2"]) == "in_progress"
    assert any(
        "kehrt nie zu" in translate(n, target_language="de") for n in result.notes
    )


def test_another_letter_of_the_same_day_is_refused(folder):
    run(folder, ("seed.txt", SEED))
    other = SEED_TEXT.replace("Aktuell sind", "Inzwischen sind").encode()
    (result,) = run(folder, ("other.txt", other))
    assert result.status == "failed"
    assert "bereits einen anderen Bericht vom 25. Januar 2021" in translate(
        result.error_message(), target_language="de"
    )
    assert len(issued_reports(folder["v0220-14"])) == 1


def test_preview_of_an_update_leaves_the_catalog_quiet(folder, caplog):
    run(folder, ("seed.txt", SEED))
    caplog.set_level(logging.ERROR)
    (result,) = run(folder, ("june.txt", later_letter()), dry_run=True)
    assert result.status == "updated"
    assert [r.getMessage() for r in caplog.records] == []
    assert set(states(folder["v0220-14"]).values()) == {"fulfilled", "in_progress"}


def test_bulk_import_renders_the_pdfs_after_the_letters(folder):
    """A bulk import leaves each report's PDF to be rendered from the report's
    frozen HTML (stylesheet inside), after all letters went in; until then the PDF
    is rendered for whoever asks."""
    from bk.plone.importer.importer import render_pending
    from bk.plone.letter.issue import pdf_pending

    (result,) = run(folder, ("seed.txt", SEED), pdf_later=True)
    assert result.status == "created"
    (report,) = issued_reports(folder["v0220-14"])
    assert pdf_pending(report)
    head = report.html.split("</head>")[0]
    assert ".bk-letter-points" in head
    assert "<link" not in head
    with api.env.adopt_roles(["Manager"]):
        assert render_pending([result]) == 1
        assert render_pending([result]) == 0
    assert not pdf_pending(report)
    assert report.pdf.data.startswith(b"%PDF-")
    assert report.pdf.filename == "Beschlusskontrolle_V0220-14_2021-01-25.pdf"


def test_letter_imported_before_the_rules_changed_stays_unchanged(folder):
    """A report imported by an earlier importer (another checksum, e.g. a state read
    differently) is recognised by its points and decided texts."""
    run(folder, ("seed.txt", SEED))
    (report,) = issued_reports(folder["v0220-14"])
    report.source_checksum = "written-by-an-earlier-version"
    (again,) = run(folder, ("seed.txt", SEED))
    assert again.status == "unchanged"


def test_paper_spaced_differently_is_the_same_paper():
    from bk.plone.content.resolution import paper_key

    assert paper_key("DS 1234/22") == paper_key("ds1234/22")


def version_count(point) -> int:
    repository = api.portal.get_tool("portal_repository")
    history = repository.getHistoryMetadata(point)
    return history.getLength(countPurged=False) if history else 0


def test_import_versions_each_point(folder):
    """A letter imported one at a time (the form, REST) versions its points like an
    edit by hand: the import is the point's first version."""
    run(folder, ("seed.txt", SEED))
    points = folder["v0220-14"].points()
    assert [version_count(p) for p in points] == [1] * len(POINTS)


def test_bulk_import_writes_no_versions_and_later_edits_do(folder):
    """A bulk import (the command line) records each letter in its issued report
    and the states in the workflow history, without a version per point; the points
    stay versioned: a person's later edit is kept."""
    from plone.app.textfield.value import RichTextValue
    from zope.lifecycleevent import modified

    run(folder, ("seed.txt", SEED), versions=False)
    run(folder, ("june.txt", later_letter()), versions=False)
    resolution = folder["v0220-14"]
    points = resolution.points()
    assert [version_count(p) for p in points] == [0] * len(POINTS)
    assert all("versioning_enabled" not in p.__dict__ for p in points)
    assert len(issued_reports(resolution)) == 2
    point = points[0]
    point.status_report = RichTextValue("<p>Neu.</p>", "text/html", "text/x-html-safe")
    modified(point)
    assert version_count(point) == 1


def test_bulk_import_keeps_a_point_that_is_not_versioned_so(folder):
    """A point a person took out of versioning stays so after an import."""
    run(folder, ("seed.txt", SEED))
    point = folder["v0220-14"]["1c"]
    point.versioning_enabled = False
    run(folder, ("june.txt", later_letter()), versions=False)
    assert point.versioning_enabled is False
