"""Taking resolutions from a council information system over OParl: the fixture
server's papers import with every mapped field, a second run changes nothing, a
changed paper updates the fields and flags a changed decided text without applying
it, and one bad paper does not stop the others."""

from bk.plone.oparl import decided
from bk.plone.oparl.client import OParlClient
from bk.plone.oparl.filters import PaperFilter
from bk.plone.oparl.sync import apply_pending
from bk.plone.oparl.sync import dismiss_pending
from bk.plone.oparl.sync import last_sync
from bk.plone.oparl.sync import sync
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from plone.app.textfield.value import RichTextValue
from tests.helpers.oparl_server import oparl_server
from zope.i18n import translate

import pytest
import time


AUSSCHUSS = "Ausschuss für Umwelt und Kommunalwirtschaft"


@pytest.fixture
def system():
    with oparl_server() as served:
        yield served


@pytest.fixture
def folder(portal):
    api.portal.set_registry_record(
        "bk.plone.bodies", ["Stadtrat", "Umweltausschuss", "Ältestenrat"]
    )
    api.portal.set_registry_record(
        "bk.plone.responsible_offices",
        ["UA|umwelt@example.org", "Stadtplanungsamt|planung@example.org"],
    )
    api.portal.set_registry_record(
        "bk.plone.oparl_names",
        [f"{AUSSCHUSS}|Umweltausschuss", "Amt für Umwelt- und Klimaschutz|UA"],
    )
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(container=portal, type="Folder", id="beschluesse")


def run(folder, url, **options):
    with api.env.adopt_roles(["Manager"]):
        return sync(folder, url, **options)


def resolution(folder, index: int):
    return folder[f"v{index:04d}-24"]


def texts(resolution) -> dict[str, str]:
    return {p.number: p.resolution_text.raw for p in resolution.points()}


def say(message) -> str:
    return translate(message, target_language="en")


def test_papers_import_with_every_mapped_field(folder, system):
    done = run(folder, system.url("system"))
    assert done.error is None
    totals = done.totals()
    # papers 9, 18 and 27 were adjourned ("Vertagt"): nothing to follow up
    assert totals == {
        "created": 24,
        "updated": 0,
        "unchanged": 0,
        "skipped": 3,
        "failed": 0,
    }
    assert {r.reference for r in done.results if r.status == "skipped"} == {
        "V0009/24",
        "V0018/24",
        "V0027/24",
    }
    first = resolution(folder, 1)
    assert first.paper_reference == "V0001/24"
    assert first.title == "Beschluss Nummer 1"
    assert first.body == "Umweltausschuss"  # through the names in the settings
    assert first.decision_date == date(2024, 1, 22)
    assert first.session_reference == "SR/001/2024"
    assert first.responsible_office == "Stadtplanungsamt"  # the same name here
    assert first.oparl_paper == system.url("paper/1")
    assert first.oparl_web == f"{system.base}/vo0050.asp?__kvonr=1"
    assert first.confidential is False
    # an HTML list; "Der Stadtrat beschließt:" only introduces the points
    assert texts(first) == {
        "1": "<p>Die Satzung wird geändert.</p>",
        "2": "<p>Die Verwaltung setzt die Änderung bis zum 30.06.2025 um.</p>",
    }
    second = resolution(folder, 2)
    assert second.body == "Stadtrat"
    assert second.responsible_office == "UA"
    # one sentence without numbers is one point
    assert texts(second) == {
        "1": "<p>Der Ausschuss stimmt der Vergabe an die Stadtwerke zu.</p>"
    }
    # numbered plain text
    assert texts(resolution(folder, 3)) == {
        "1": "<p>Die Oberbürgermeisterin wird beauftragt, ein Konzept vorzulegen.</p>",
        "2": "<p>Dem Ausschuss ist halbjährlich zu berichten.</p>",
    }
    # not public in the council system: confidential here
    assert resolution(folder, 4).confidential is True
    assert api.content.get_state(first) == "draft"


def test_second_run_changes_nothing(folder, system):
    run(folder, system.url("system"))
    before = {r.getId(): r.modified() for r in folder.objectValues()}
    again = run(folder, system.url("system"))
    assert again.totals()["unchanged"] == 24
    assert again.totals()["created"] == again.totals()["updated"] == 0
    assert {r.getId(): r.modified() for r in folder.objectValues()} == before
    assert all(decided.pending_text(r) is None for r in folder.objectValues())


def test_changed_paper_updates_fields_and_flags_the_text(folder, system):
    run(folder, system.url("system"))
    first = resolution(folder, 1)
    point = first["1"]
    with api.env.adopt_roles(["Manager"]):
        point.status_report = RichTextValue(
            "<p>Das Konzept ist in Arbeit.</p>", "text/html", "text/x-html-safe"
        )
        point.delay_reason = "Personalmangel"
        api.content.transition(obj=point, transition="start")
    moment = datetime.now(UTC)
    system.change_paper(
        1,
        name="Beschluss Nummer 1 (neu gefasst)",
        web=f"{system.base}/vo0050.asp?__kvonr=1001",
        resolutionText="1. Ein Konzept ist bis Ende 2025 vorzulegen.\n"
        "2. Dem Ausschuss ist halbjährlich zu berichten.\n3. Neu: ein Bericht.",
    )
    done = run(folder, system.url("system"), since=moment)
    # only the changed paper was asked for (modified_since)
    assert [r.reference for r in done.results] == ["V0001/24"]
    (result,) = done.results
    assert result.status == "updated"
    assert result.changes == ["title", "oparl_web"]
    assert result.text_changed is True
    assert first.title == "Beschluss Nummer 1 (neu gefasst)"
    assert first.oparl_web.endswith("__kvonr=1001")
    # the decided texts, the report, the state and the delay are untouched
    assert texts(first)["1"] == "<p>Die Satzung wird geändert.</p>"
    assert "3" not in texts(first)
    assert point.status_report.raw == "<p>Das Konzept ist in Arbeit.</p>"
    assert point.delay_reason == "Personalmangel"
    assert api.content.get_state(point) == "in_progress"
    pending = decided.pending_text(first)
    assert [number for number, _html in pending["points"]] == ["1", "2", "3"]
    # the same change seen again is not a new change
    again = run(folder, system.url("system"), since=moment)
    assert again.results[0].status == "unchanged"
    with api.env.adopt_roles(["Manager"]):
        assert apply_pending(first) == ["1", "2", "3"]
    assert texts(first)["1"] == "<p>Ein Konzept ist bis Ende 2025 vorzulegen.</p>"
    assert texts(first)["3"] == "<p>Neu: ein Bericht.</p>"
    assert point.status_report.raw == "<p>Das Konzept ist in Arbeit.</p>"
    assert api.content.get_state(point) == "in_progress"
    assert decided.pending_text(first) is None
    assert apply_pending(first) is None
    assert run(folder, system.url("system"), since=moment).results[0].status == (
        "unchanged"
    )


def test_since_last_finds_a_decision_recorded_on_the_agenda_item(folder, system):
    """Council systems write the decided text on the agenda item after the meeting
    and leave the paper as it was: a sync of what changed since the last one reads
    that paper too, found through the body's list of agenda items."""
    run(folder, system.url("system"))
    moment = datetime.now(UTC)
    system.change_agenda_item(
        3, resolutionText="Der Ausschuss stimmt der Vergabe an die Stadtwerke nicht zu."
    )
    done = run(folder, system.url("system"), since=moment)
    (result,) = done.results  # the meetings' openings have no paper
    assert result.reference == "V0003/24"
    assert result.status == "updated"
    assert result.text_changed is True
    assert "nicht zu" in decided.pending_text(resolution(folder, 3))["points"][0][1]


def test_since_last_follows_a_moved_meeting(folder, system):
    run(folder, system.url("system"))
    assert resolution(folder, 5).decision_date == date(2024, 2, 19)
    moment = datetime.now(UTC)
    system.move_meeting(5, datetime(2024, 2, 21, 16, 0, tzinfo=UTC))
    done = run(folder, system.url("system"), since=moment)
    assert [(r.reference, r.changes) for r in done.results] == [
        ("V0005/24", ["decision_date"])
    ]
    assert resolution(folder, 5).decision_date == date(2024, 2, 21)


def test_a_decision_moved_past_the_next_control_asks_for_a_new_one(folder, system):
    run(folder, system.url("system"))
    moved = resolution(folder, 5)
    moved.next_control_date = date(2024, 2, 20)
    system.move_meeting(5, datetime(2024, 2, 21, 16, 0, tzinfo=UTC))
    (result,) = [r for r in run(folder, system.url("system")).results if r.changes]
    assert moved.decision_date == date(2024, 2, 21)
    assert moved.next_control_date == date(2024, 2, 20)
    assert [say(note) for note in result.notes][-1] == (
        # the dates in the site's language, as everywhere
        "The decision is now dated 21. Februar 2024, after the next control date "
        "(20. Februar 2024): please set a new control date."
    )


def test_a_changed_agenda_item_whose_paper_cannot_be_found(folder, system):
    """Reported as a failed paper with the agenda item's URL; the others go on, and
    the next sync since the last one looks again."""
    run(folder, system.url("system"))
    before = last_sync(folder, system.url("system"))
    moment = datetime.now(UTC)
    system.change_agenda_item(2, result="Geändert beschlossen")
    system.change_agenda_item(3, result="Geändert beschlossen")
    system.break_object(system.url("consultation/2"), "error")
    done = run(folder, system.url("system"), since=moment)
    failed, updated = done.results
    assert failed.url == system.url("agendaitem/2")
    assert failed.status == "failed"
    assert system.url("consultation/2") in say(failed.error)
    assert updated.reference == "V0003/24"
    assert last_sync(folder, system.url("system")) == before


def test_unpublished_and_deleted_changes_do_not_hold_back_the_next_sync(folder, system):
    """A changed agenda item whose consultation the council system does not show
    (404), a deleted agenda item and a deleted paper are passed over, not failed: the
    run is complete and the next one starts from it. The deleted paper's resolution
    stays as the administration keeps it."""
    run(folder, system.url("system"))
    before = last_sync(folder, system.url("system"))
    moment = datetime.now(UTC)
    system.change_agenda_item(2, result="Geändert beschlossen")
    del system.objects[system.url("consultation/2")]
    system.change_agenda_item(3, deleted=True, consultation=system.url("gone/3"))
    system.change_paper(5, deleted=True)
    time.sleep(1)  # the sync's stamps have whole seconds
    done = run(folder, system.url("system"), since=moment)
    assert [(r.url, r.status, r.skip) for r in done.results] == [
        (system.url("paper/5"), "skipped", "deleted"),
        (system.url("agendaitem/2"), "skipped", "not_published"),
    ]
    assert resolution(folder, 5).title == "Beschluss Nummer 5"
    assert last_sync(folder, system.url("system")) > before


def test_a_server_that_ignores_modified_since(folder, system, monkeypatch):
    """Every list read whole: only what changed since is synced all the same."""
    run(folder, system.url("system"))
    moment = datetime.now(UTC)
    system.change_agenda_item(6, result="Geändert beschlossen")
    system.change_paper(7, name="Beschluss Nummer 7 (neu gefasst)")
    whole = system.list_page
    monkeypatch.setattr(
        system,
        "list_page",
        lambda objects, base, query: whole(
            objects, base, {k: v for k, v in query.items() if k != "modified_since"}
        ),
    )
    done = run(folder, system.url("system"), since=moment)
    assert [(r.reference, r.status) for r in done.results] == [
        ("V0007/24", "updated"),
        ("V0006/24", "unchanged"),
    ]


def test_dismissed_text_stays_dismissed_until_it_changes_again(folder, system):
    run(folder, system.url("system"))
    first = resolution(folder, 1)
    system.change_paper(1, resolutionText="1. Anders.")
    assert run(folder, system.url("system")).results[0].text_changed is True
    assert dismiss_pending(first) is True
    assert dismiss_pending(first) is False
    assert run(folder, system.url("system")).results[0].status == "unchanged"
    system.change_paper(1, resolutionText="1. Noch einmal anders.")
    assert run(folder, system.url("system")).results[0].text_changed is True
    assert texts(first)["1"] == "<p>Die Satzung wird geändert.</p>"


def test_council_going_back_to_the_applied_text_clears_the_flag(folder, system):
    run(folder, system.url("system"))
    original = system.agenda_item(1)["resolutionText"]
    system.change_paper(1, resolutionText="1. Anders.")
    run(folder, system.url("system"))
    system.change_paper(1, resolutionText=original)
    run(folder, system.url("system"))
    assert decided.pending_text(resolution(folder, 1)) is None


def test_dry_run_writes_nothing(folder, system):
    done = run(folder, system.url("system"), dry_run=True)
    assert done.totals()["created"] == 24
    assert folder.objectIds() == []
    assert len(api.content.find(portal_type="Resolution")) == 0
    assert last_sync(folder, system.url("system")) is None


def test_filters_paper_types_and_dates(folder, system):
    only_motions = PaperFilter.from_settings()
    only_motions.paper_types = ("Antrag",)
    done = run(folder, system.url("system"), paper_filter=only_motions)
    assert sorted(folder.objectIds()) == [f"v{i:04d}-24" for i in (5, 10, 15, 20, 25)]
    assert {r.skip for r in done.results if r.status == "skipped"} == {"type"}
    in_march = PaperFilter.from_settings(
        date_from=date(2024, 3, 1), date_to=date(2024, 3, 31)
    )
    done = run(folder, system.url("system"), paper_filter=in_march, dry_run=True)
    days = [r for r in done.results if r.status == "created"]
    assert [r.reference for r in days] == ["V0007/24", "V0008/24"]


def test_body_url_and_list_url_lead_to_the_same_papers(folder, system):
    for url in (system.url("body/1"), system.url("body/1/papers")):
        done = run(folder, url, dry_run=True)
        assert done.error is None
        assert done.totals()["created"] == 24


def test_one_bad_paper_does_not_stop_the_others(folder, system):
    system.break_object(system.agenda_item(2)["id"], "json")
    system.change_paper(3, reference=3)  # a number where the schema wants text
    system.break_object(system.agenda_item(4)["id"], "error")
    del system.objects[system.url("meeting/5")]  # a 404
    done = run(folder, system.url("system"), client=OParlClient(backoff=0))
    failed = {r.url: say(r.error) for r in done.results if r.status == "failed"}
    item = system.agenda_item
    assert failed == {
        system.url("paper/2"): f"{item(2)['id']} did not answer with a JSON object.",
        system.url("paper/3"): f"{system.url('paper/3')} violates the OParl schema: "
        "reference has the wrong type.",
        system.url("paper/4"): f"{item(4)['id']} answered with HTTP status 500.",
        system.url("paper/5"): f"{system.url('meeting/5')} answered with HTTP "
        "status 404.",
    }
    assert done.totals()["created"] == 20
    for index in (2, 3, 4, 5):
        assert f"v{index:04d}-24" not in folder
    # a server error is asked again (the retry limit), a 404 is not
    asked = [path for path, _agent in system.requests]
    assert asked.count(urlpath(item(4)["id"])) == 3
    assert asked.count("/oparl/v1/meeting/5") == 1


def urlpath(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_slow_object_times_out(folder, system):
    system.slow_seconds = 2
    system.break_object(system.agenda_item(1)["id"], "slow")
    client = OParlClient(timeout=(1, 0.5), retries=1, backoff=0)
    done = run(folder, system.url("body/1/papers"), client=client, dry_run=True)
    (slow,) = [r for r in done.results if r.status == "failed"]
    assert say(slow.error) == f"{system.agenda_item(1)['id']} did not answer in time."
    assert done.totals()["created"] == 23


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.org/oparl", "javascript:alert(1)", "ris"],
)
def test_only_http_addresses(folder, url):
    done = run(folder, url)
    assert say(done.error) == f"Only http and https addresses are read: {url}"
    assert done.results == []


def test_unreachable_system(folder):
    from tests.helpers.mail import free_port

    url = f"http://127.0.0.1:{free_port()}/oparl"
    done = run(folder, url, client=OParlClient(retries=0))
    assert say(done.error).startswith(f"{url} cannot be reached")


def test_requests_say_who_asks(folder, system):
    run(folder, system.url("body/1"), dry_run=True)
    agents = {agent for _path, agent in system.requests}
    assert len(agents) == 1
    assert agents.pop().startswith("bk.plone/")


def test_resolution_typed_in_before_is_linked_by_its_reference(folder, system):
    with api.env.adopt_roles(["Manager"]):
        typed = api.content.create(
            container=folder,
            type="Resolution",
            title="Von Hand",
            paper_reference="V0001/24",
        )
        api.content.create(
            container=typed,
            type="ControlPoint",
            title="1",
            number="1",
            resolution_text=RichTextValue(
                "<p>Von Hand geschrieben.</p>", "text/html", "text/x-html-safe"
            ),
        )
    done = run(folder, system.url("body/1/papers"))
    (linked,) = [r for r in done.results if r.reference == "V0001/24"]
    assert linked.status == "updated"
    assert typed.oparl_paper == system.url("paper/1")
    assert typed.title == "Beschluss Nummer 1"
    # its points were written by hand: the council's text waits for a person
    assert linked.text_changed is True
    assert "2" not in texts(typed)


def test_resolution_of_another_paper_is_not_changed(folder, system):
    with api.env.adopt_roles(["Manager"]):
        other = api.content.create(
            container=folder,
            type="Resolution",
            title="Anderes",
            paper_reference="V0002/24",
            oparl_paper="https://ris.example.org/oparl/paper/77",
        )
    done = run(folder, system.url("body/1/papers"))
    (refused,) = [r for r in done.results if r.reference == "V0002/24"]
    assert refused.status == "failed"
    assert "https://ris.example.org/oparl/paper/77" in say(refused.error)
    assert other.title == "Anderes"


def test_unknown_body_and_office_are_noted_and_left_alone(folder, system):
    api.portal.set_registry_record("bk.plone.oparl_names", [])
    done = run(folder, system.url("body/1/papers"))
    first = resolution(folder, 1)
    assert first.body is None
    notes = [say(n) for n in done.results[0].notes]
    assert notes == [
        f'"{AUSSCHUSS}" is not among the deciding bodies in the settings, so the '
        "body is not taken from the council system. A site administrator maps the "
        'name to a body under "Names in the council information system".'
    ]
    second = [say(n) for n in done.results[1].notes]
    assert second == [
        '"Amt für Umwelt- und Klimaschutz" is not among the responsible offices in '
        "the settings, so the office is not taken from the council system. A site "
        'administrator maps the name to an office under "Names in the council '
        'information system".'
    ]


def test_hostile_texts_become_text(folder, system):
    system.change_paper(
        1,
        name='Beschluss <script>alert("x")</script>',
        resolutionText='<ol><li onclick="alert(1)">Eins <img src=x onerror=alert(2)>'
        "<script>alert(3)</script></li><li><a href='javascript:alert(4)'>Zwei</a>"
        "</li></ol>",
    )
    run(folder, system.url("body/1/papers"))
    first = resolution(folder, 1)
    assert texts(first) == {"1": "<p>Eins</p>", "2": "<p>Zwei</p>"}
    assert (
        first.title == 'Beschluss <script>alert("x")</script>'
    )  # text, escaped when shown


def test_last_sync_is_remembered(folder, system):
    before = datetime.now(UTC).replace(microsecond=0)
    run(folder, system.url("system"))
    # ten minutes earlier: the council system's clock may run behind
    remembered = last_sync(folder, system.url("system"))
    assert before - timedelta(minutes=10, seconds=1) <= remembered
    assert remembered <= datetime.now(UTC) - timedelta(minutes=9)
    assert last_sync(folder, system.url("body/1")) is None


def test_last_sync_only_after_a_complete_run(folder, system):
    url = system.url("system")
    run(folder, url, paper_filter=PaperFilter.from_settings(date_from=date(2024, 3, 1)))
    assert last_sync(folder, url) is None  # a date range left papers out
    system.break_object(system.agenda_item(2)["id"], "json")
    run(folder, url, client=OParlClient(backoff=0))
    assert last_sync(folder, url) is None  # a paper failed: it is asked for again
    del system.broken[system.agenda_item(2)["id"]]
    run(folder, url)
    assert last_sync(folder, url) is not None


def test_confidential_set_by_hand_stays(folder, system):
    run(folder, system.url("system"))
    first, fourth = resolution(folder, 1), resolution(folder, 4)
    with api.env.adopt_roles(["Manager"]):
        first.confidential = True  # the mayor's office knows better
    system.agenda_item(4)["public"] = True  # the council system publishes it
    system.change_paper(1, name="Beschluss Nummer 1 (neu)")
    system.change_paper(4, name="Beschluss Nummer 4 (neu)")
    done = {r.reference: r for r in run(folder, system.url("system")).results}
    assert first.confidential is True
    assert say(done["V0001/24"].notes[0]).startswith(
        "The council system shows the paper in public"
    )
    # made confidential by the sync: public again with the council system
    assert fourth.confidential is False
    assert "confidential" in done["V0004/24"].changes


def test_renumbered_paper_keeps_its_resolution(folder, system):
    run(folder, system.url("system"))
    system.change_paper(1, reference="V0001/24-neu")
    system.change_paper(2, reference="V0003/24")  # another resolution's reference
    done = {r.url: r for r in run(folder, system.url("system")).results}
    first = done[system.url("paper/1")]
    assert first.changes == ["paper_reference"]
    assert resolution(folder, 1).paper_reference == "V0001/24-neu"
    second = done[system.url("paper/2")]
    assert resolution(folder, 2).paper_reference == "V0002/24"
    assert say(second.notes[0]).startswith(
        "The council system gives the reference V0003/24, which another resolution"
    )


def test_what_the_council_system_leaves_out_stays(folder, system):
    run(folder, system.url("system"))
    first = resolution(folder, 1)
    meeting = system.objects[system.agenda_item(1)["meeting"]]
    del meeting["name"]
    del system.papers[0]["web"]
    system.change_paper(1)
    assert run(folder, system.url("system")).results[0].status == "unchanged"
    assert first.session_reference == "SR/001/2024"
    assert first.oparl_web.endswith("__kvonr=1")


def test_texts_with_control_characters_and_tables(folder, system):
    system.change_paper(
        1,
        resolutionText="<table><tr><td>1.</td><td>Erstens\x00</td></tr>"
        "<tr><td>2.</td><td>Zweitens\x07</td></tr></table>",
    )
    system.change_paper(3, resolutionText="1. Ein Text mit a < b\x0b und c > d.")
    run(folder, system.url("body/1/papers"))
    assert texts(resolution(folder, 1)) == {
        "1": "<p>Erstens</p>",
        "2": "<p>Zweitens</p>",
    }
    assert texts(resolution(folder, 3)) == {
        "1": "<p>Ein Text mit a &lt; b und c &gt; d.</p>"
    }
