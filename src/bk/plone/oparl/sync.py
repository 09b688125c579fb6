"""Take resolutions from a council information system over OParl: one code path for
the form @@oparl-import, REST @oparl-import and `bk-plone oparl-import`.

Each paper is its own unit of work, in a savepoint rolled back when the paper fails
(or on a dry run): one bad paper never stops the others nor leaves half a
resolution. A sync updates the resolution's fields from the council system; it never
touches what the administration wrote (status reports, states, reasons for delay),
and a changed decided text is only flagged (see oparl/decided.py)."""

from bk.plone import _
from bk.plone import logger
from bk.plone import rollbacks
from bk.plone.content.resolution import IResolution
from bk.plone.content.resolution import is_web_address
from bk.plone.content.resolution import paper_reference_taken
from bk.plone.importer.importer import find_resolution
from bk.plone.importer.importer import rich_html
from bk.plone.importer.parser import DecidedText
from bk.plone.importer.parser import html_words
from bk.plone.letter.model import german_date
from bk.plone.letter.model import site_language
from bk.plone.oparl import decided
from bk.plone.oparl.client import check_url
from bk.plone.oparl.client import FetchError
from bk.plone.oparl.client import OParlClient
from bk.plone.oparl.filters import PaperFilter
from bk.plone.oparl.mapping import CouncilPaper
from bk.plone.oparl.mapping import one_line
from bk.plone.oparl.mapping import read_paper
from bk.plone.oparl.sources import entries
from bk.plone.oparl.sources import entry_url
from bk.plone.oparl.sources import PassedOver
from bk.plone.oparl.sources import Unreadable
from bk.plone.retry import retried_on_conflict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from persistent.mapping import PersistentMapping
from plone import api
from ZODB.POSException import ConflictError
from zope.annotation.interfaces import IAnnotations
from zope.container.interfaces import INameChooser
from zope.globalrequest import getRequest
from zope.i18nmessageid import Message
from zope.lifecycleevent import modified
from zope.publisher.interfaces.browser import IBrowserRequest
from zope.schema import ValidationError

import transaction


CREATED, UPDATED, UNCHANGED, SKIPPED, FAILED = (
    "created",
    "updated",
    "unchanged",
    "skipped",
    "failed",
)
STATUSES = (CREATED, UPDATED, UNCHANGED, SKIPPED, FAILED)

# The fields a sync keeps in step with the council system, in the order shown.
SYNCED_FIELDS = (
    "title",
    "body",
    "decision_date",
    "session_reference",
    "responsible_office",
    "confidential",
    "oparl_paper",
    "oparl_web",
)
SYNCS_KEY = "bk.plone.oparl.syncs"
CLOCK_MARGIN = timedelta(minutes=10)
# Fields a council system that says nothing does not empty.
KEPT_WHEN_EMPTY = {
    "body",
    "responsible_office",
    "decision_date",
    "session_reference",
    "oparl_web",
}


class ImportRefused(FetchError):
    """A paper that is read but cannot become (or update) a resolution."""


@dataclass
class PaperResult:
    url: str
    status: str = FAILED
    reference: str = ""
    title: str = ""
    web: str | None = None
    resolution_url: str = ""
    changes: list[str] = field(default_factory=list)
    text_changed: bool = False
    points: list[str] = field(default_factory=list)
    skip: str | None = None
    notes: list[Message] = field(default_factory=list)
    error: Message | None = None


@dataclass
class SyncRun:
    url: str
    dry_run: bool
    since: datetime | None = None
    results: list[PaperResult] = field(default_factory=list)
    error: Message | None = None

    def totals(self) -> dict[str, int]:
        return {s: sum(r.status == s for r in self.results) for s in STATUSES}


def sync(
    container,
    url: str,
    dry_run: bool = False,
    since: datetime | None = None,
    paper_filter: PaperFilter | None = None,
    client: OParlClient | None = None,
    commit_each: bool = False,
    on_result: Callable[[PaperResult], None] | None = None,
) -> SyncRun:
    """Read every paper the address leads to (changed since `since`, when given)
    and create or update its resolution in `container`."""
    run = SyncRun(url=url, dry_run=dry_run, since=since)
    client = client or OParlClient()
    paper_filter = paper_filter or PaperFilter.from_settings()
    started = datetime.now(UTC)

    def one(entry) -> None:
        def paper() -> PaperResult:
            return _one(container, client, entry, paper_filter, dry_run)

        result = _committed(paper, dry_run) if commit_each else paper()
        run.results.append(result)
        if on_result is not None:
            on_result(result)

    try:
        client.restrict_to(url)
        for entry in entries(client, check_url(url), since):
            one(entry)
    except FetchError as error:
        run.error = error.message
    if _complete(run, paper_filter):
        # the council system's clock may run behind ours
        moment = started - CLOCK_MARGIN
        if not commit_each:
            remember_sync(container, url, moment)
        else:
            retried_on_conflict(lambda: _remembered(container, url, moment))
    return run


def _complete(run: SyncRun, paper_filter: PaperFilter) -> bool:
    """A run after which "since the last sync" misses nothing: written, every list
    read to its end, no paper failed, no date range left papers out."""
    return not (
        run.dry_run
        or run.error is not None
        or any(result.status == FAILED for result in run.results)
        or paper_filter.date_from
        or paper_filter.date_to
    )


def _remembered(container, url: str, moment: datetime) -> None:
    """The command line's own commit of when it synced (its site is not committed)."""
    remember_sync(container, url, moment)
    transaction.commit()


def _committed(paper: Callable[[], PaperResult], dry_run: bool) -> PaperResult:
    """The command line commits each paper that went in; a paper whose commit met
    another's write (a person's edit, a reminder run) is read and written again."""

    def attempt() -> PaperResult:
        result = paper()
        if not dry_run and result.status not in (FAILED, SKIPPED):
            transaction.commit()
        else:
            rollbacks.abort()
        return result

    return retried_on_conflict(attempt)


def _one(container, client, entry, paper_filter, dry_run) -> PaperResult:
    """One paper in a savepoint, rolled back when it fails or is only tried."""
    savepoint = rollbacks.savepoint()
    result = PaperResult(entry_url(entry))
    try:
        _sync_paper(container, client, entry, paper_filter, result)
    except ConflictError:
        raise
    except FetchError as failure:
        result.status, result.error = FAILED, failure.message
    except Exception:
        logger.exception("OParl import of %s failed", result.url)
        result.status, result.error = FAILED, UNEXPECTED
    if result.status == FAILED or dry_run:
        savepoint.rollback()
    return result


UNEXPECTED = _(
    "oparl_error_unexpected",
    default="An unexpected error stopped the import of this paper; the site log "
    "has the details.",
)


def _sync_paper(container, client, entry, paper_filter, result: PaperResult) -> None:
    """Fill `result` as the paper goes in; raises FetchError to refuse it."""
    if isinstance(entry, Unreadable):
        raise FetchError(entry.error, entry.url)
    if isinstance(entry, PassedOver):
        result.status, result.skip = SKIPPED, entry.skip
        return
    if isinstance(entry, str):
        entry = client.get(entry)
    if isinstance(entry, dict):  # named in the result even if it cannot be read
        result.reference = one_line(entry.get("reference"))
        result.title = one_line(entry.get("name"))
        if entry.get("deleted") is True:
            # what the administration followed up stays; the council system's
            # paper is gone, not the decision
            result.status, result.skip = SKIPPED, "deleted"
            return
    council = read_paper(client, entry)
    result.url, result.reference = council.url, council.reference
    result.title, result.web = council.title, council.web
    result.skip = paper_filter.skip_reason(council)
    if result.skip:
        result.status = SKIPPED
        return
    values = _field_values(council, paper_filter, result)
    resolution = find_linked(council.url) or find_resolution(council.reference)
    if resolution is None:
        resolution = _create(container, council, values, result)
        result.status = CREATED
    else:
        _refuse_other_paper(resolution, council)
        _update(resolution, council, values, result)
        changed = result.changes or result.text_changed
        result.status = UPDATED if changed else UNCHANGED
    result.resolution_url = resolution.absolute_url()
    result.points = [point.number for point in resolution.points()]


def find_linked(url: str):
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
        portal_type="Resolution", bk_oparl_paper=url
    ):
        return brain._unrestrictedGetObject()
    return None


def _refuse_other_paper(resolution, council: CouncilPaper) -> None:
    linked = resolution.oparl_paper
    if linked and linked != council.url:
        raise ImportRefused(
            _(
                "oparl_error_other_paper",
                default="${url}: the resolution ${reference} here belongs to another "
                "paper of the council system (${other}); it is not changed.",
                mapping={
                    "url": council.url,
                    "reference": council.reference,
                    "other": linked,
                },
            ),
            council.url,
        )


def _field_values(council: CouncilPaper, paper_filter, result) -> dict:
    """The resolution's fields from the paper, each checked by the field itself; a
    body or office not known here is left out, with a note."""
    body_name = paper_filter.local_name(council.body)
    office_name = paper_filter.local_name(council.office)
    values = {
        "title": council.title,
        "body": paper_filter.known_body(body_name),
        "decision_date": council.decision_date,
        "session_reference": council.session_reference or None,
        "responsible_office": paper_filter.known_office(office_name),
        "confidential": council.confidential,
        "oparl_paper": council.url,
        "oparl_web": council.web or None,
    }
    if body_name and values["body"] is None:
        result.notes.append(_unknown_body(body_name))
    if office_name and values["responsible_office"] is None:
        result.notes.append(_unknown_office(office_name))
    if council.web and not is_web_address(council.web):
        values["oparl_web"] = None
        result.notes.append(
            _(
                "oparl_note_web_ignored",
                default="The paper's page (web) is not an http or https address; "
                "it is not linked.",
            )
        )
    for name in ("title", "session_reference", "oparl_paper", "oparl_web"):
        _validate(name, values[name], council.url)
    _validate("paper_reference", council.reference, council.url)
    return values


def _unknown_body(name: str) -> Message:
    return _(
        "oparl_note_unknown_body",
        default='"${name}" is not among the deciding bodies in the settings, so '
        "the body is not taken from the council system. A site administrator maps "
        'the name to a body under "Names in the council information system".',
        mapping={"name": name},
    )


def _unknown_office(name: str) -> Message:
    return _(
        "oparl_note_unknown_office",
        default='"${name}" is not among the responsible offices in the settings, so '
        "the office is not taken from the council system. A site administrator maps "
        'the name to an office under "Names in the council information system".',
        mapping={"name": name},
    )


def _validate(name: str, value, url: str) -> None:
    if value is None:
        return
    try:
        IResolution[name].validate(value)
    except ValidationError as error:
        raise ImportRefused(
            _(
                "oparl_error_field",
                default='${url}: "${value}" is not accepted as ${field} (${reason}).',
                mapping={
                    "url": url,
                    "value": str(value)[:100],
                    "field": IResolution[name].title,
                    "reason": error.doc(),
                },
            ),
            url,
        ) from error


def _create(container, council: CouncilPaper, values: dict, result: PaperResult):
    if "Resolution" not in [fti.getId() for fti in container.allowedContentTypes()]:
        raise ImportRefused(
            _("import_error_container", default="Resolutions cannot be added here."),
            council.url,
        )
    name = INameChooser(container).chooseName(
        council.reference.replace("/", "-"), container
    )
    resolution = api.content.create(
        container=container,
        type="Resolution",
        id=name,
        paper_reference=council.reference,
        # a body not known here stays empty, not the field's default
        **{key: v for key, v in values.items() if v is not None or key == "body"},
    )
    decided.remember_synced(resolution, confidential=values["confidential"])
    if council.has_text:
        _write_points(resolution, point_texts(council.text))
        decided.mark_applied(resolution, council.text)
    else:
        result.notes.append(NO_TEXT)
    return resolution


NO_TEXT = _(
    "oparl_note_no_text",
    default="The council system gives no resolution text; add the points by hand.",
)


def _update(resolution, council: CouncilPaper, values: dict, result) -> None:
    _sync_reference(resolution, council, result)
    for name in SYNCED_FIELDS:
        value = values[name]
        if value is None and name in KEPT_WHEN_EMPTY:
            continue  # not known there (or here): what a person entered stays
        if name == "confidential" and not _may_follow(resolution, value, result):
            continue
        if getattr(resolution, name, None) != value:
            setattr(resolution, name, value)
            result.changes.append(name)
    decided.remember_synced(resolution, confidential=values["confidential"])
    if "decision_date" in result.changes:
        _check_control_date(resolution, result)
    if result.changes:
        modified(resolution)
    if council.has_text:
        _sync_text(resolution, council.text, result)


def _check_control_date(resolution, result) -> None:
    """The council system moved the decision past the next control date: the
    decision date follows all the same (the council system knows when the council
    decided), and the note asks for a new control date, which the edit form will
    ask for too."""
    decided_on = resolution.decision_date
    control = resolution.next_control_date
    if decided_on and control and control < decided_on:
        language = site_language()
        result.notes.append(
            _(
                "oparl_note_control_before_decision",
                default="The decision is now dated ${decision}, after the next "
                "control date (${control}): please set a new control date.",
                mapping={
                    "decision": german_date(decided_on, language),
                    "control": german_date(control, language),
                },
            )
        )


def _sync_reference(resolution, council: CouncilPaper, result) -> None:
    """The council system renumbered the paper: the reference follows, unless
    another resolution here has that reference."""
    if council.reference == resolution.paper_reference:
        return
    if paper_reference_taken(council.reference, api.content.get_uuid(resolution)):
        result.notes.append(
            _(
                "oparl_note_reference_taken",
                default="The council system gives the reference ${reference}, "
                "which another resolution here has; the reference stays "
                "${current}.",
                mapping={
                    "reference": council.reference,
                    "current": resolution.paper_reference,
                },
            )
        )
        return
    resolution.paper_reference = council.reference
    result.changes.append("paper_reference")


def _may_follow(resolution, confidential: bool, result) -> bool:
    """A sync makes a resolution confidential as the council system does; it makes
    it public again only where a sync made it confidential, not a person."""
    if confidential or not resolution.confidential:
        return True
    if decided.synced(resolution, "confidential") is True:
        return True
    result.notes.append(
        _(
            "oparl_note_stays_confidential",
            default="The council system shows the paper in public, but here the "
            "resolution was marked confidential; it stays confidential.",
        )
    )
    return False


def _sync_text(resolution, text: DecidedText, result: PaperResult) -> None:
    points = point_texts(text)
    if decided.applied_checksum(resolution) is None:
        # linked now (typed in or imported from a letter before)
        if not resolution.points():
            _write_points(resolution, points)
            decided.mark_applied(resolution, text)
            result.changes.append("points")
            return
        if _same_words(resolution, points):
            decided.mark_applied(resolution, text)
            return
    if decided.flag_changed(resolution, text, points):
        result.text_changed = True
        result.notes.append(
            _(
                "oparl_note_text_changed",
                default="The council system gives a changed resolution text. It is "
                "not applied: the mayor's office applies or dismisses it on the "
                "resolution's page.",
            )
        )


def point_texts(text: DecidedText) -> list[tuple[str, str]]:
    """The points to write: a preamble that only introduces them ("Der Stadtrat
    beschließt:") is left out; any other preamble opens the first point."""
    points = list(text.points)
    preamble = html_words(text.preamble)
    if preamble and not preamble.endswith(":") and points:
        number, first = points[0]
        points[0] = (number, text.preamble + first)
    return points


def _same_words(resolution, points: list[tuple[str, str]]) -> bool:
    have = [
        (p.number, html_words(p.resolution_text.raw if p.resolution_text else ""))
        for p in resolution.points()
    ]
    return have == [(number, html_words(html)) for number, html in points]


def _write_points(resolution, points: list[tuple[str, str]]) -> list[str]:
    """Create missing points and give existing ones the decided text; never remove
    a point (its reports are the administration's). The numbers written."""
    existing = {point.number: point for point in resolution.points()}
    for number, html in points:
        point = existing.get(number)
        if point is None:
            api.content.create(
                container=resolution,
                type="ControlPoint",
                id=INameChooser(resolution).chooseName(number, resolution),
                number=number,
                resolution_text=rich_html(html),
            )
        elif html_words(point.resolution_text.raw if point.resolution_text else "") != (
            html_words(html)
        ):
            point.resolution_text = rich_html(html)
            modified(point)
    return [number for number, _html in points]


APPLIED_NOTE = _(
    "oparl_version_applied",
    default="Resolution text taken from the council information system",
)
# Where plone.app.versioningbehavior reads the change note of a version.
CHANGE_NOTE_KEY = "plone.app.versioningbehavior-changeNote"


def apply_pending(resolution) -> list[str] | None:
    """Write the flagged text into the points; None when nothing is flagged. The
    points' versions say where their new text came from."""
    pending = decided.take_pending(resolution)
    if pending is None:
        return None
    with change_note(api.portal.translate(APPLIED_NOTE)):
        return _write_points(resolution, [tuple(point) for point in pending["points"]])


@contextmanager
def change_note(text: str):
    """The versions written in the block carry `text` as their change note."""
    request = getRequest()
    if not IBrowserRequest.providedBy(request):
        yield
        return
    annotations = IAnnotations(request)
    before = annotations.get(CHANGE_NOTE_KEY)
    annotations[CHANGE_NOTE_KEY] = text
    try:
        yield
    finally:
        if before is None:
            annotations.pop(CHANGE_NOTE_KEY, None)
        else:
            annotations[CHANGE_NOTE_KEY] = before


def dismiss_pending(resolution) -> bool:
    return decided.dismiss(resolution)


def remember_sync(container, url: str, moment: datetime) -> None:
    annotations = IAnnotations(container)
    syncs = annotations.get(SYNCS_KEY)
    if syncs is None:
        syncs = annotations[SYNCS_KEY] = PersistentMapping()
    syncs[url] = moment.isoformat(timespec="seconds")


def last_sync(container, url: str) -> datetime | None:
    value = (IAnnotations(container).get(SYNCS_KEY) or {}).get(url)
    return datetime.fromisoformat(value) if value else None
