"""Reminders: one mail per responsible office with what is due or overdue and its
points past due; never twice for the same date; offices without address named."""

from bk.plone.notifications.reminders import send_reminders
from datetime import date
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContentInContainer
from tests.helpers.mail import body
from tests.helpers.mail import subject

import pytest
import transaction


TODAY = date(2026, 11, 25)


@pytest.fixture
def due(functional_portal, mail):
    with api.env.adopt_roles(["Manager"]):
        api.portal.set_registry_record(
            "bk.plone.responsible_offices",
            [
                "(OB) INAUSLB|integration@stadt.example",
                "(GB 5) Jugendamt|jugendamt@stadt.example",
                "(GB 6) Bauamt",
            ],
        )

        def resolution(paper, office, control, points=()):
            item = createContentInContainer(
                functional_portal,
                "Resolution",
                paper_reference=paper,
                title=f"Beschluss {paper}",
                responsible_office=office,
                next_control_date=control,
            )
            for number, due_date, point_office in points:
                createContentInContainer(
                    item,
                    "ControlPoint",
                    number=number,
                    due_date=due_date,
                    responsible_office=point_office,
                )
            return item

        resolution("V0001/20", "(OB) INAUSLB", TODAY + timedelta(days=5))
        resolution("V0002/20", "(OB) INAUSLB", TODAY - timedelta(days=30))
        resolution("V0003/20", "(OB) INAUSLB", TODAY + timedelta(days=60))
        resolution(
            "V0004/20",
            "(GB 5) Jugendamt",
            TODAY + timedelta(days=90),
            points=[
                ("1", TODAY - timedelta(days=1), None),
                ("2", TODAY + timedelta(days=1), None),
                ("3", TODAY - timedelta(days=9), "(OB) INAUSLB"),
            ],
        )
        resolution("V0005/20", "(GB 6) Bauamt", TODAY + timedelta(days=2))
    transaction.commit()


def remind(days=14, dry_run=False):
    result = send_reminders(days, TODAY, dry_run=dry_run)
    transaction.commit()
    return result


def by_recipient(messages):
    return {m["to"][0]: m["message"] for m in messages}


def test_one_mail_per_office(due, mail):
    sent, unaddressed = remind()
    assert [r.office for r in sent] == ["(GB 5) Jugendamt", "(OB) INAUSLB"]
    assert [r.office for r in unaddressed] == ["(GB 6) Bauamt"]
    messages = by_recipient(mail.wait(2))
    assert set(messages) == {"integration@stadt.example", "jugendamt@stadt.example"}
    office = messages["integration@stadt.example"]
    assert subject(office) == (
        "Erinnerung Beschlusskontrolle für (OB) INAUSLB: Beschlüsse: 2, Punkte: 1"
    )
    text = body(office)
    assert "V0001/20" in text
    assert "V0002/20" in text
    assert "(überfällig)" in text
    assert "V0003/20" not in text  # due in 60 days, beyond the lead time
    assert "V0004/20, Punkt 3: fällig seit 16. November 2026" in text
    youth = body(messages["jugendamt@stadt.example"])
    assert "Punkt 1: fällig seit 24. November 2026" in youth
    assert "Punkt 2" not in youth


def test_never_twice_for_the_same_date(due, mail):
    remind()
    assert len(mail.wait(2)) == 2
    sent, _ = remind()
    assert sent == []
    assert len(mail.wait(3, seconds=1)) == 2


def test_a_new_date_is_reminded_again(due, mail, functional_portal):
    remind()
    with api.env.adopt_roles(["Manager"]):
        functional_portal["v0001-20"].next_control_date = TODAY + timedelta(days=7)
    transaction.commit()
    sent, _ = remind()
    assert [(r.office, [i["paper"] for i in r.resolutions]) for r in sent] == [
        ("(OB) INAUSLB", ["V0001/20"])
    ]


def test_lead_time(due, mail):
    sent, _ = remind(days=90)
    papers = {i["paper"] for r in sent for i in r.resolutions}
    assert papers == {"V0001/20", "V0002/20", "V0003/20", "V0004/20"}


def test_dry_run_sends_and_records_nothing(due, mail):
    sent, _ = remind(dry_run=True)
    transaction.abort()
    assert len(sent) == 2
    assert mail.wait(1, seconds=1) == []
    sent, _ = remind()
    assert len(sent) == 2


def test_fulfilled_resolutions_are_not_reminded(due, mail, functional_portal):
    with api.env.adopt_roles(["Manager"]):
        point = createContentInContainer(
            functional_portal["v0001-20"], "ControlPoint", number="1"
        )
        api.content.transition(obj=point, transition="fulfil")
    transaction.commit()
    sent, _ = remind()
    papers = {i["paper"] for r in sent for i in r.resolutions}
    assert "V0001/20" not in papers


def edit_elsewhere(db, path: str, key: str) -> None:
    """What another process (a person's edit, a second run) commits meanwhile: a
    record on the same object, through a connection of its own."""
    from bk.plone.notifications.reminders import _record

    manager = transaction.TransactionManager()
    connection = db.open(transaction_manager=manager)
    try:
        manager.begin()
        _record(connection.root.Application.unrestrictedTraverse(path), key)
        manager.commit()
    finally:
        connection.close()


def test_a_run_that_meets_a_conflict_is_done_again(
    due, mail, functional_portal, monkeypatch
):
    """Another process records on the resolution between this run's reading and
    its commit: the commit conflicts, its mails are not sent, the run is done again
    and sends each office's mail once; the other process's record is kept."""
    from bk.plone.notifications import reminders
    from zope.annotation.interfaces import IAnnotations

    resolution = functional_portal["v0001-20"]
    path = "/".join(resolution.getPhysicalPath())
    db = functional_portal._p_jar.db()
    real_send, calls = reminders.send, []

    def send_after_another_commit(*args):
        calls.append(args[0])
        if len(calls) == 1:
            edit_elsewhere(db, path, "edit-by-a-person")
        return real_send(*args)

    monkeypatch.setattr(reminders, "send", send_after_another_commit)
    sent, _unaddressed = reminders.send_reminders_committed(14, TODAY)
    assert [r.office for r in sent] == ["(GB 5) Jugendamt", "(OB) INAUSLB"]
    # the first run's two mails were never sent; the second run's were, once each
    assert len(calls) == 4
    messages = mail.wait(3, seconds=3)
    assert sorted(m["to"][0] for m in messages) == [
        "integration@stadt.example",
        "jugendamt@stadt.example",
    ]
    transaction.begin()
    records = IAnnotations(resolution)[reminders.REMINDED_KEY]
    assert "edit-by-a-person" in records
    assert (TODAY + timedelta(days=5)).isoformat() in records


def test_conflicts_without_end_give_up_and_send_nothing(
    due, mail, functional_portal, monkeypatch
):
    from bk.plone.notifications import reminders
    from ZODB.POSException import ConflictError

    resolution = functional_portal["v0001-20"]
    path = "/".join(resolution.getPhysicalPath())
    db = functional_portal._p_jar.db()
    real_send, calls = reminders.send, []

    def always_after_another_commit(*args):
        calls.append(args[0])
        edit_elsewhere(db, path, f"edit-{len(calls)}")
        return real_send(*args)

    monkeypatch.setattr(reminders, "send", always_after_another_commit)
    with pytest.raises(ConflictError):
        reminders.send_reminders_committed(14, TODAY, attempts=3)
    assert mail.wait(1, seconds=2) == []


def test_points_past_due_say_when_no_reason_is_given(due, mail, functional_portal):
    with api.env.adopt_roles(["Manager"]):
        functional_portal["v0004-20"]["1"].delay_reason = "Die Vergabe wurde gerügt."
        functional_portal["v0004-20"]["1"].reindexObject()
    transaction.commit()
    remind()
    messages = by_recipient(mail.wait(2))
    youth = body(messages["jugendamt@stadt.example"])
    assert "Punkt 1: fällig seit 24. November 2026\r\n" in youth  # a reason given
    office = body(messages["integration@stadt.example"])
    assert (
        "V0004/20, Punkt 3: fällig seit 16. November 2026 "
        "(kein Grund für die Verzögerung angegeben)"
    ) in office


def test_superseded_points_and_resolutions_are_not_reminded(
    due, mail, functional_portal
):
    from bk.plone.content.approvals import supersede_resolution

    with api.env.adopt_roles(["Manager"]):
        api.content.transition(
            obj=functional_portal["v0004-20"]["3"], transition="supersede"
        )
        point = createContentInContainer(
            functional_portal["v0002-20"], "ControlPoint", number="1"
        )
        supersede_resolution(point.__parent__, "V0815/22")
    transaction.commit()
    sent, _ = remind()
    papers = {i["paper"] for r in sent for i in r.resolutions}
    numbers = {(i["paper"], i["number"]) for r in sent for i in r.points}
    assert "V0002/20" not in papers
    assert ("V0004/20", "3") not in numbers
    assert ("V0004/20", "1") in numbers
