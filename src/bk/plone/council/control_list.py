"""The control list of one deciding body: every resolution of that body with work
left (its open and in-progress points, with state, due date, overdue mark, target
date, reason for delay and the latest status report in short), and an annex of the
points done (fulfilled or superseded) within the period, which by default starts
where the previous issued list of that body ended.

A plain structure, like the letter's: the page, PDF, Word, CSV/XLSX, REST and the
issued record all show this one structure."""

from bk.plone import _
from bk.plone.content.safe_text import clean_text
from bk.plone.content.safe_text import plain_text
from bk.plone.content.status import ACTIVE_STATES
from bk.plone.content.status import delay_unexplained
from bk.plone.content.status import DONE_STATES
from bk.plone.content.status import point_overdue
from bk.plone.content.status import point_states
from bk.plone.interfaces import RefusedInput
from bk.plone.letter.model import site_zone
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from dataclasses import fields
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import UTC
from plone import api


REPORT_EXCERPT = 400
# The transitions that finish a point, and so put it into the annex.
DONE_TRANSITIONS = ("fulfil", "supersede")
EARLIEST = date(2000, 1, 1)


class InvalidControlList(RefusedInput):
    """Parameters that make no control list."""


@dataclass
class ListPoint:
    number: str
    state: str
    due_date: str | None = None
    overdue: bool = False
    target_date: str | None = None
    delay_reason: str = ""
    # past due, and the department has not said why
    delay_unexplained: bool = False
    report: str = ""
    responsible_office: str = ""
    # for a point in the annex: when it was fulfilled or superseded, and by what
    done_on: str | None = None
    superseded_by: str = ""


@dataclass
class ListEntry:
    paper_reference: str
    title: str
    url: str
    status: str
    decision_date: str | None = None
    responsible_office: str = ""
    confidential: bool = False
    next_control_date: str | None = None
    points: list[ListPoint] = field(default_factory=list)


@dataclass
class ControlList:
    body: str
    date_from: str | None
    date_to: str
    public_only: bool
    entries: list[ListEntry] = field(default_factory=list)
    annex: list[ListEntry] = field(default_factory=list)
    # the issued list this one follows, if any: {"title", "url", "date_to"}
    previous: dict | None = None
    # the day whose states it shows
    made_on: str | None = None

    def to_json(self) -> dict:
        return asdict(self)

    @property
    def confidential(self) -> bool:
        return any(entry.confidential for entry in self.entries + self.annex)

    def totals(self) -> dict:
        points = [p for entry in self.entries for p in entry.points]
        return {
            "resolutions": len(self.entries),
            "points": len(points),
            "overdue": sum(p.overdue for p in points),
            "unexplained_delays": sum(p.delay_unexplained for p in points),
            "done": sum(len(entry.points) for entry in self.annex),
        }


def read_control_list(data: dict) -> ControlList:
    """A list from its stored JSON form (an issued ControlListReport)."""

    def known(cls, values):
        names = {f.name for f in fields(cls)}
        return {k: v for k, v in (values or {}).items() if k in names}

    def entry(values):
        return ListEntry(
            **{
                **known(ListEntry, values),
                "points": [ListPoint(**known(ListPoint, p)) for p in values["points"]],
            }
        )

    return ControlList(
        **{
            **known(ControlList, data),
            "entries": [entry(e) for e in data.get("entries") or ()],
            "annex": [entry(e) for e in data.get("annex") or ()],
        }
    )


@dataclass(frozen=True)
class Period:
    body: str
    date_from: date | None
    date_to: date
    public_only: bool
    # The moment the annex starts after (exclusive): where the previous list's
    # annex ended, to the second, or the start of `date_from`; None: from the start.
    since: datetime | None = None

    def params(self) -> dict:
        """The period as URL parameters (only those set): to link the same list."""
        values = {
            "body": self.body,
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat(),
            "public": "1" if self.public_only else "",
        }
        return {key: value for key, value in values.items() if value}


def period_from_params(folder, params, today: date | None = None) -> Period:
    """The list's body and period from request parameters (`body`, `from`, `to`,
    `public`), refused when they make no sense. Anonymous always gets the public
    list. `from` defaults to where the body's previous list of the same kind
    (public or not) ended; `to` is today at the latest (the list shows today's
    states)."""
    today = today or date.today()
    body = _text(params, "body") or default_body()
    if body not in bodies():
        raise InvalidControlList(
            _(
                "error_control_list_body",
                default='"${body}" is no deciding body of this site.',
                mapping={"body": body},
            )
        )
    public = _text(params, "public").lower() in ("1", "true", "on", "yes")
    public = public or api.user.is_anonymous()
    date_to = _date(params, "to") or today
    if date_to > today:
        raise InvalidControlList(
            _(
                "error_control_list_future",
                default="The period ends today at the latest: the list shows the "
                "states of today.",
            )
        )
    date_from = _date(params, "from")
    since = _start_of(date_from) if date_from else None
    if date_from is None and not _text(params, "from"):
        previous = previous_list(folder, body, public, before=date_to)
        if previous is not None:
            date_from, since = previous.date_to, annex_end(previous)
    if date_from is not None and date_from > date_to:
        raise InvalidControlList(
            _(
                "error_control_list_period",
                default="The period must not end before it starts.",
            )
        )
    return Period(body, date_from, date_to, public, since)


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=site_zone())


def annex_end(report) -> datetime:
    """Where an issued list's annex ended: the moment it was issued, or the end of
    its last day when that came first (a list of an earlier period)."""
    issued = datetime.fromtimestamp(report.created().timeTime(), UTC)
    end_of_period = _start_of(report.date_to + timedelta(days=1))
    return min(issued, end_of_period)


def _text(params, name: str) -> str:
    value = params.get(name, "")
    if not isinstance(value, str):
        raise InvalidControlList(_bad(name))
    return value.strip()


def _date(params, name: str) -> date | None:
    value = _text(params, name)
    if not value:
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise InvalidControlList(_bad(name)) from None
    if not EARLIEST <= parsed <= date(2200, 1, 1):
        raise InvalidControlList(_bad(name))
    return parsed


def _bad(name: str):
    return _(
        "error_control_list_parameter",
        default='The parameter "${name}" has a value that makes no sense; dates are '
        "written as 2026-11-29.",
        mapping={"name": name},
    )


def bodies() -> list[str]:
    return list(api.portal.get_registry_record("bk.plone.bodies", default=[]) or [])


def default_body() -> str:
    configured = bodies()
    return configured[0] if configured else ""


def previous_list(
    folder, body: str, public_only: bool = False, before: date | None = None
):
    """The newest list of `body` of the same kind (public or not) issued in
    `folder`, not withdrawn, that the reader may see (ending on or before
    `before`), or None."""
    from bk.plone.council.issue import issued_lists

    for report in issued_lists(folder, body):
        if bool(report.public_only) != public_only:
            continue
        if not api.user.has_permission("View", obj=report):
            continue
        if before is None or report.date_to <= before:
            return report
    return None


def build_control_list(folder, period: Period, today: date | None = None):
    """The control list below `folder`, with what the current user may see."""
    today = today or date.today()
    entries, annex = [], []
    for brain in _resolutions(folder, period):
        resolution = brain.getObject()
        points = resolution.points()
        states = point_states(points)
        active = [
            _point(point, state, today)
            for point, state in zip(points, states, strict=True)
            if state in ACTIVE_STATES
        ]
        done = [
            _done_point(point, state, when)
            for point, state in zip(points, states, strict=True)
            if state in DONE_STATES
            and (when := done_at(point))
            and (period.since is None or when > period.since)
            and _local_day(when) <= period.date_to
        ]
        if active:
            entries.append(_entry(resolution, brain.bk_status, active))
        if done:
            annex.append(_entry(resolution, brain.bk_status, done))
    previous = previous_list(
        folder, period.body, period.public_only, before=period.date_to
    )
    return ControlList(
        body=period.body,
        date_from=period.date_from.isoformat() if period.date_from else None,
        date_to=period.date_to.isoformat(),
        public_only=period.public_only,
        entries=entries,
        annex=annex,
        made_on=today.isoformat(),
        previous=(
            {
                "title": previous.title,
                "url": previous.absolute_url(),
                "date_to": previous.date_to.isoformat(),
            }
            if previous is not None
            else None
        ),
    )


def _resolutions(folder, period: Period):
    """The catalog's brains of the body's resolutions decided by the end of the
    period, as the reader may see them, in paper order (their derived status is
    indexed: the list does not count their points again)."""
    query = {
        "portal_type": "Resolution",
        "path": "/".join(folder.getPhysicalPath()),
        "body": period.body,
        "sort_on": "bk_paper_key",
        # the council's list: drafts are the administration's, not the council's
        "review_state": ("released", "public"),
    }
    if period.public_only:
        query["review_state"] = "public"
        query["confidential"] = False
    for brain in api.content.find(**query):
        decided = brain.decision_date
        if decided and decided > period.date_to:
            continue
        yield brain


def _entry(resolution, status: str, points: list[ListPoint]) -> ListEntry:
    return ListEntry(
        paper_reference=clean_text(resolution.paper_reference),
        title=clean_text(resolution.title),
        url=resolution.absolute_url(),
        status=status,
        decision_date=_iso(resolution.decision_date),
        responsible_office=clean_text(resolution.responsible_office or ""),
        confidential=bool(resolution.confidential),
        next_control_date=_iso(resolution.next_control_date),
        points=points,
    )


def _point(point, state: str, today: date) -> ListPoint:
    return ListPoint(
        number=point.number,
        state=state,
        due_date=_iso(point.due_date),
        overdue=point_overdue(point.due_date, state, today),
        target_date=_iso(getattr(point, "target_date", None)),
        delay_reason=clean_text(getattr(point, "delay_reason", "") or "").strip(),
        delay_unexplained=delay_unexplained(point, state, today),
        report=excerpt(plain_text(point.status_report)),
        responsible_office=clean_text(point.effective_responsible_office() or ""),
    )


def _done_point(point, state: str, when: datetime) -> ListPoint:
    superseded_by = getattr(point, "superseded_by", "") if state == "superseded" else ""
    return ListPoint(
        number=point.number,
        state=state,
        due_date=_iso(point.due_date),
        report=excerpt(plain_text(point.status_report)),
        responsible_office=clean_text(point.effective_responsible_office() or ""),
        done_on=_local_day(when).isoformat(),
        superseded_by=clean_text(superseded_by or ""),
    )


def done_at(point) -> datetime | None:
    """When the point last reached its state by fulfilling or superseding it,
    from its workflow history."""
    history = (getattr(point, "workflow_history", None) or {}).get(
        "bk_control_point_workflow", ()
    )
    for entry in reversed(history):
        if entry.get("action") in DONE_TRANSITIONS:
            return datetime.fromtimestamp(entry["time"].timeTime(), UTC)
        if entry.get("action") == "reopen":
            return None
    return None


def _local_day(moment: datetime) -> date:
    return moment.astimezone(site_zone()).date()


def excerpt(text: str, length: int = REPORT_EXCERPT) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + " …"


def _iso(value) -> str | None:
    return value.isoformat() if value else None
