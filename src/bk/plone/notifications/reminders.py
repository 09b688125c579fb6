"""Reminders to the responsible offices: one mail per office listing its resolutions
due for control within the lead time (or overdue) and its points past their due
date. What was reminded is recorded, so the same reminder never goes out twice for
the same control or due date."""

from bk.plone import _
from bk.plone.content.status import delay_unexplained
from bk.plone.content.status import DONE_STATES
from bk.plone.letter.model import german_date
from bk.plone.notifications.mail import say
from bk.plone.notifications.mail import send
from bk.plone.retry import CONFLICT_ATTEMPTS
from bk.plone.retry import retried_on_conflict
from bk.plone.vocabularies.settings import office_name
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.i18nmessageid import Message

import transaction


REMINDED_KEY = "bk.plone.reminded"


@dataclass
class OfficeReminder:
    office: str
    address: str | None
    resolutions: list[dict] = field(default_factory=list)
    points: list[dict] = field(default_factory=list)


def office_addresses() -> dict[str, str | None]:
    """ "(OB) INAUSLB|integration@example.org" lines of the settings, by office."""
    lines = api.portal.get_registry_record("bk.plone.responsible_offices", default=[])
    addresses = {}
    for line in lines or ():
        name = office_name(line)
        address = line.split("|", 1)[1].strip() if "|" in line else ""
        addresses[name] = address or None
    return addresses


def _reminded(obj) -> dict:
    return IAnnotations(obj).get(REMINDED_KEY, {})


def _record(obj, key: str) -> None:
    annotations = IAnnotations(obj)
    if REMINDED_KEY not in annotations:
        annotations[REMINDED_KEY] = PersistentMapping()
    annotations[REMINDED_KEY][key] = datetime.now(UTC).isoformat(timespec="seconds")


def plan(days: int, today: date) -> list[OfficeReminder]:
    """What is due, by office; nothing already reminded for the same date."""
    catalog = api.portal.get_tool("portal_catalog")
    addresses = office_addresses()
    offices: dict[str, OfficeReminder] = {}

    def reminder(office):
        office = office or ""
        if office not in offices:
            offices[office] = OfficeReminder(office, addresses.get(office))
        return offices[office]

    for brain in catalog.unrestrictedSearchResults(
        portal_type="Resolution",
        bk_status={"not": DONE_STATES},
        sort_on="next_control_date",
    ):
        resolution = brain._unrestrictedGetObject()
        control = resolution.next_control_date
        due = control and control <= today + timedelta(days=days)
        if due and control.isoformat() not in _reminded(resolution):
            reminder(resolution.responsible_office).resolutions.append(
                {
                    "object": resolution,
                    "paper": resolution.paper_reference,
                    "title": resolution.title,
                    "date": control,
                    "overdue": control < today,
                    "url": resolution.absolute_url(),
                }
            )
        for point in resolution.points():
            due = point.due_date
            if not due or due >= today or due.isoformat() in _reminded(point):
                continue
            state = api.content.get_state(point)
            if state in DONE_STATES:
                continue
            reminder(point.effective_responsible_office()).points.append(
                {
                    "object": point,
                    "paper": resolution.paper_reference,
                    "number": point.number,
                    "date": due,
                    "url": point.absolute_url(),
                    "no_reason": delay_unexplained(point, state, today),
                }
            )
    return sorted(offices.values(), key=lambda r: r.office)


def resolution_line(item: dict) -> str:
    mark = say(_("mail_overdue_mark", default=" (overdue)")) if item["overdue"] else ""
    control = say(
        _(
            "mail_next_control",
            default="next control: ${date}",
            mapping={"date": german_date(item["date"])},
        )
    )
    return f"- {item['paper']} {item['title']}\n  {control}{mark}\n  {item['url']}"


def point_line(item: dict) -> str:
    due = say(
        _(
            "mail_point_due",
            default="point ${number}: due since ${date}",
            mapping={"number": item["number"], "date": german_date(item["date"])},
        )
    )
    mark = (
        say(_("mail_no_delay_reason", default=" (no reason for the delay given)"))
        if item.get("no_reason")
        else ""
    )
    return f"- {item['paper']}, {due}{mark}\n  {item['url']}"


def mail_text(reminder: OfficeReminder, days: int) -> tuple[str, str]:
    values = {
        "office": reminder.office or "—",
        "count": len(reminder.resolutions),
        "points": len(reminder.points),
        "days": days,
    }
    subject = _(
        "mail_reminder_subject",
        default="Control reminder for ${office}: resolutions: ${count}, "
        "points: ${points}",
    )
    intro = _(
        "mail_reminder_intro",
        default="These resolutions of ${office} are due for control "
        "within ${days} days or overdue, and these points are past "
        "their due date. Please update their status reports.",
    )
    parts = [say(Message(intro, mapping=values))]
    if reminder.resolutions:
        parts.append(say(_("mail_reminder_resolutions", default="Resolutions:")))
        parts.append("\n".join(map(resolution_line, reminder.resolutions)))
    if reminder.points:
        parts.append(say(_("mail_reminder_points", default="Points past due:")))
        parts.append("\n".join(map(point_line, reminder.points)))
    return say(Message(subject, mapping=values)), "\n\n".join(parts) + "\n"


def send_reminders(days: int, today: date, dry_run: bool = False):
    """Mail every office with something due; record what was sent. Returns the
    reminders (sent or, on a dry run, planned) and the offices with no address."""
    sent, unaddressed = [], []
    for reminder in plan(days, today):
        if not reminder.address:
            unaddressed.append(reminder)
            continue
        subject, body = mail_text(reminder, days)
        if not dry_run:
            if not send([reminder.address], subject, body):
                unaddressed.append(reminder)
                continue
            for item in reminder.resolutions:
                _record(item["object"], item["date"].isoformat())
            for item in reminder.points:
                _record(item["object"], item["date"].isoformat())
        sent.append(reminder)
    return sent, unaddressed


def send_reminders_committed(days: int, today: date, attempts: int = CONFLICT_ATTEMPTS):
    """`send_reminders` in transactions of their own, committed.

    What was sent is recorded on the objects reminded about, in the transaction
    whose commit sends the mails. Two runs at once, or a run and a person's edit,
    write the same records: one commit fails with a conflict, its mails are not
    sent, and its run is done again from the start, when the other's records are
    there."""

    def run():
        with transaction.manager:
            return send_reminders(days, today)

    return retried_on_conflict(run, attempts)
