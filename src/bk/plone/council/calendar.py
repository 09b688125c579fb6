"""Control dates in the calendar: the next control date of each resolution and the
due dates of the points with work left, as the reader may see them, as iCalendar."""

from bk.plone import _
from bk.plone.content.safe_text import clean_text
from bk.plone.content.status import ACTIVE_STATES
from bk.plone.content.status import DONE_STATES
from bk.plone.content.status import point_states
from bk.plone.notifications.mail import say
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from icalendar import Calendar
from icalendar import Event
from plone import api


# what a calendar still shows of the past
LOOK_BACK = timedelta(days=90)
PRODUCT = "-//bk.plone//Beschlusskontrolle//DE"


def control_dates(folder, office: str = "", public_only: bool = False, today=None):
    """(date, kind, resolution, point or None) of every date below `folder` from
    90 days ago on, as the current user may see them."""
    today = today or date.today()
    query = {
        "portal_type": "Resolution",
        "path": "/".join(folder.getPhysicalPath()),
        "sort_on": "bk_paper_key",
    }
    if public_only:
        query["review_state"] = "public"
        query["confidential"] = False
    dates = []
    for brain in api.content.find(**query):
        resolution = brain.getObject()
        control = resolution.next_control_date
        if (
            control
            and control >= today - LOOK_BACK
            and brain.bk_status not in DONE_STATES
            and (not office or resolution.responsible_office == office)
        ):
            dates.append((control, "control", resolution, None))
        points = resolution.points()
        for point, state in zip(points, point_states(points), strict=True):
            due = point.due_date
            if (
                due
                and due >= today - LOOK_BACK
                and state in ACTIVE_STATES
                and (not office or point.effective_responsible_office() == office)
            ):
                dates.append((due, "due", resolution, point))
    return sorted(dates, key=lambda item: (item[0], item[2].paper_reference))


def calendar_bytes(dates, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = datetime.now(UTC)
    for day, kind, resolution, point in dates:
        calendar.add_component(_event(day, kind, resolution, point, stamp))
    return calendar.to_ical()


def _event(day: date, kind: str, resolution, point, stamp) -> Event:
    paper = clean_text(resolution.paper_reference)
    title = clean_text(resolution.title)
    if kind == "control":
        summary = say(
            _(
                "ics_control",
                default="Control report due: ${paper} ${title}",
                mapping={"paper": paper, "title": title},
            )
        )
        target, office = resolution, resolution.responsible_office
        uid = f"{api.content.get_uuid(resolution)}-control@bk.plone"
    else:
        summary = say(
            _(
                "ics_due",
                default="Point due: ${paper}, point ${number}",
                mapping={"paper": paper, "number": point.number},
            )
        )
        target, office = point, point.effective_responsible_office()
        uid = f"{api.content.get_uuid(point)}-due@bk.plone"
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", "\n".join(filter(None, (title, clean_text(office or "")))))
    event.add("url", target.absolute_url())
    event.add("transp", "TRANSPARENT")
    return event
