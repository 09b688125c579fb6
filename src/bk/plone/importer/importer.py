"""Import letters as resolutions, points and issued reports: one code path for the
command line, the form @@import-letters and REST @import-letters.

Each file is its own unit of work: it is imported in a savepoint that is rolled back
when the file fails (or on a dry run), so one bad file never leaves half a resolution.
The command line commits after every file; a web request commits once at its end."""

from bk.plone import _
from bk.plone import logger
from bk.plone import rollbacks
from bk.plone.content.resolution import paper_key
from bk.plone.content.status import IMPORT_STATES
from bk.plone.content.status import status_label
from bk.plone.importer.ocr import MOST_PAGES
from bk.plone.importer.ocr import TIMEOUT_PER_PAGE
from bk.plone.importer.parser import LetterParseError
from bk.plone.importer.parser import parse_letter
from bk.plone.importer.parser import ParsedLetter
from bk.plone.importer.readers import read_lines
from bk.plone.importer.readers import UnreadableFile
from bk.plone.importer.states import StateRules
from bk.plone.interfaces import RefusedInput
from bk.plone.letter.issue import freeze
from bk.plone.letter.issue import issued_reports
from bk.plone.letter.issue import IssueError
from bk.plone.letter.issue import pdf_pending
from bk.plone.letter.issue import render_pending_pdf
from bk.plone.letter.model import build_letter
from bk.plone.letter.model import german_date
from bk.plone.letter.model import point_entry
from bk.plone.letter.model import recipient_lines
from bk.plone.letter.render import document_html
from bk.plone.letter.render import pdf_bytes
from bk.plone.letter.schema import Letter
from bk.plone.letter.schema import LetterSchemaError
from bk.plone.letter.schema import Sender
from bk.plone.letter.settings import letter_settings
from bk.plone.letter.text import quoted
from bk.plone.letter.text import safe_html
from bk.plone.notifications.reminders import office_addresses
from bk.plone.retry import retried_on_conflict
from collections.abc import Callable
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from lxml import html as lxml_html
from pathlib import PureWindowsPath
from plone import api
from plone.app.textfield.value import RichTextValue
from ZODB.POSException import ConflictError
from zope.container.interfaces import INameChooser
from zope.i18nmessageid import Message
from zope.interface import Invalid
from zope.lifecycleevent import modified

import transaction


CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"
STATUSES = (CREATED, UPDATED, UNCHANGED, FAILED)

# The transitions that lead from a point's state to the state a letter reports.
# The workflow never returns to "open": a point once begun stays at least in progress.
PATHS = {
    ("open", "in_progress"): ["start"],
    ("open", "fulfilled"): ["fulfil"],
    ("in_progress", "fulfilled"): ["fulfil"],
    ("fulfilled", "in_progress"): ["reopen"],
    ("fulfilled", "open"): ["reopen"],
}

MAX_FILE_SIZE = 20 * 1024 * 1024
MAX_FILES = 100


class ImportFailure(RefusedInput):
    """A file that cannot be imported (and is rolled back)."""


@dataclass
class FileResult:
    filename: str
    status: str = FAILED
    paper_reference: str = ""
    title: str = ""
    letter_date: str = ""
    url: str = ""
    uid: str = ""
    points: list[dict] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    error: Message | None = None
    line: int | None = None

    def error_message(self) -> Message | None:
        """ "file.txt, line 12: <reason>", as a message to translate."""
        if self.error is None:
            return None
        if self.line is None:
            return _(
                "import_error_in_file",
                default="${file}: ${reason}",
                mapping={"file": self.filename, "reason": self.error},
            )
        return _(
            "import_error_in_file_line",
            default="${file}, line ${line}: ${reason}",
            mapping={"file": self.filename, "line": self.line, "reason": self.error},
        )


def state_rules() -> StateRules:
    fulfilled = api.portal.get_registry_record(
        "bk.plone.import_fulfilled_phrases", default=None
    )
    opened = api.portal.get_registry_record(
        "bk.plone.import_open_phrases", default=None
    )
    return StateRules(tuple(fulfilled or ()), tuple(opened or ()))


def read_letter(filename: str, data: bytes) -> ParsedLetter:
    """Parse one letter file, or raise ImportFailure saying where and why."""
    if not data:
        raise ImportFailure(_("import_error_empty", default="The file is empty."))
    if len(data) > MAX_FILE_SIZE:
        raise ImportFailure(
            _(
                "import_error_too_large",
                default="The file is larger than ${size} MB.",
                mapping={"size": MAX_FILE_SIZE // (1024 * 1024)},
            )
        )
    try:
        lines = read_lines(filename, data)
    except UnreadableFile as error:
        raise ImportFailure(UNREADABLE[error.reason]) from error
    try:
        return parse_letter(lines, state_rules(), letter_settings().fulfilled_sentence)
    except LetterParseError as error:
        raise ImportFailure(error.message, error.line) from error


UNREADABLE = {
    "binary": _(
        "import_error_binary",
        default="The file is neither text nor a Word or PDF document.",
    ),
    "encoding": _(
        "import_error_encoding", default="The text is neither UTF-8 nor Windows-1252."
    ),
    "damaged": _(
        "import_error_damaged", default="The Word or PDF document cannot be opened."
    ),
    "no_text": _(
        "import_error_no_text",
        default="The PDF has no text layer, and text recognition found no text in "
        "it either.",
    ),
    "no_ocr": _(
        "import_error_no_ocr",
        default="The PDF is a scan without a text layer, and text recognition is "
        "not installed on the server (Debian packages tesseract-ocr and "
        "tesseract-ocr-deu).",
    ),
    "scan_too_long": _(
        "import_error_scan_too_long",
        default="The PDF is a scan of more than ${pages} pages; text recognition "
        "reads letters of up to ${pages} pages.",
        mapping={"pages": MOST_PAGES},
    ),
    "ocr_too_slow": _(
        "import_error_ocr_too_slow",
        default="Text recognition took longer than ${seconds} seconds for a page of "
        "the scan; it was stopped. A scan at a lower resolution may be read.",
        mapping={"seconds": TIMEOUT_PER_PAGE},
    ),
}


def batch_problem(count: int) -> Message | None:
    """Why a request with `count` files is refused as a whole, if it is."""
    if not count:
        return _("error_import_no_files", default="Please choose at least one letter.")
    if count > MAX_FILES:
        return _(
            "error_import_too_many",
            default="Please import at most ${count} letters at once.",
            mapping={"count": MAX_FILES},
        )
    return None


def find_resolution(paper_reference: str):
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
        portal_type="Resolution", bk_paper_key=paper_key(paper_reference)
    ):
        return brain._unrestrictedGetObject()
    return None


def import_letter(
    container,
    filename: str,
    letter: ParsedLetter,
    render=True,
    overrides=None,
    versions: bool = True,
):
    """Write one parsed letter into the site; raises ImportFailure to refuse it.

    `overrides` ({point number: state}) are the states a person chose in the
    preview instead of those the letter's words give. `versions=False` (a bulk
    import) writes no CMFEditions versions of the points: the letter is recorded by
    its issued report and the states by the workflow history."""
    result = FileResult(
        filename=filename,
        paper_reference=letter.paper_reference,
        title=letter.title,
        letter_date=letter.letter_date.isoformat(),
    )
    # The letter's identity, whatever a person chose for its points.
    checksum = letter.checksum
    overrides = overrides or {}
    _refuse_unknown_points(letter, overrides)
    apply_overrides(letter, overrides)
    resolution = find_resolution(letter.paper_reference)
    if resolution is None:
        resolution = _create_resolution(container, letter)
        result.status = CREATED
    reports = issued_reports(resolution)
    same_day = [r for r in reports if r.letter_date == letter.letter_date]
    if same_day:
        imported = [r for r in same_day if _same_letter(r, letter, checksum)]
        if imported:
            recorded = _recorded_states(imported[0])
            _refuse_new_choices(letter, overrides, recorded)
            result.status = UNCHANGED
            result.url = resolution.absolute_url()
            result.uid = api.content.get_uuid(resolution)
            result.points = _recorded_points(letter, recorded)
            return result
        raise ImportFailure(
            _(
                "import_error_other_letter_same_day",
                default="${paper} already has a different report of ${date}; "
                "it is not replaced.",
                mapping={
                    "paper": letter.paper_reference,
                    "date": german_date(letter.letter_date),
                },
            )
        )
    newest = reports[0].letter_date if reports else None
    if newest is None or letter.letter_date > newest:
        if result.status != CREATED:
            _update_resolution(resolution, letter, result)
        result.points = _apply_points(resolution, filename, letter, result, versions)
    else:
        result.notes.append(
            _(
                "import_note_older_letter",
                default="Older than the report of ${date}: its report was added, "
                "the points keep their newer state.",
                mapping={"date": german_date(newest)},
            )
        )
        result.points = _letter_points(letter)
    _freeze(resolution, filename, letter, checksum, render)
    if result.status != CREATED:
        result.status = UPDATED
    result.url = resolution.absolute_url()
    result.uid = api.content.get_uuid(resolution)
    return result


def _same_letter(report, letter: ParsedLetter, checksum: str) -> bool:
    """The report was issued from this very letter: the same checksum, or (for a
    report imported before the importer read its states differently) the same
    points with the same decided texts and reports."""
    if getattr(report, "source_checksum", None) == checksum:
        return True
    if not getattr(report, "source_filename", None):
        return False
    try:
        frozen = report.letter
    except LetterSchemaError:
        return False
    before = [
        (p.number, _words(p.resolution_text), _words(p.status_report))
        for p in frozen.points
    ]
    now = [
        (
            p.number,
            _words(quoted(p.resolution_text)),
            " ".join(" ".join(p.status_paragraphs).split()),
        )
        for p in letter.points
    ]
    return before == now


def _words(html: str) -> str:
    """The words of a text, paragraphs and items parted by a space."""
    if not html:
        return ""
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    return " ".join(" ".join(block.text_content() for block in root).split())


def _refuse_unknown_points(letter: ParsedLetter, overrides: dict[str, str]) -> None:
    numbers = {point.number for point in letter.points}
    unknown = [number for number in overrides if number not in numbers]
    if unknown:
        raise ImportFailure(
            _(
                "import_error_override_unknown_point",
                default="A state was chosen for point ${numbers}, which the letter "
                "does not have; nothing was imported.",
                mapping={"numbers": ", ".join(unknown)},
            )
        )


def _recorded_states(report) -> dict[str, str]:
    """The points' states as the issued report made from this letter recorded them
    (after what a person chose at that import)."""
    try:
        return {point.number: point.state for point in report.letter.points}
    except LetterSchemaError:
        return {}


def _refuse_new_choices(letter, overrides: dict[str, str], recorded) -> None:
    """A letter imported before keeps the states its report records: a state
    chosen now would contradict the issued report, so it is refused, not ignored."""
    changed = [
        number
        for number, state in overrides.items()
        if state != recorded.get(number, state)
    ]
    if changed:
        raise ImportFailure(
            _(
                "import_error_override_imported",
                default="This letter was imported before; its report records the "
                "states of its points. The state chosen for point ${numbers} is "
                "not applied: change it on the point's page.",
                mapping={"numbers": ", ".join(changed)},
            )
        )


def _recorded_points(letter: ParsedLetter, recorded: dict[str, str]) -> list[dict]:
    """The points with the states the report records; one that differs from the
    letter's words was chosen by a person at that import."""
    points = []
    for point in letter.points:
        state = recorded.get(point.number, point.state)
        if state != point.state:
            point = replace(point, state=state, decided_by="person")
        points.append(point_result(point, state, state))
    return points


def apply_overrides(letter: ParsedLetter, overrides: dict[str, str]) -> None:
    for point in letter.points:
        chosen = overrides.get(point.number)
        if chosen in IMPORT_STATES and chosen != point.state:
            point.state = chosen
            point.decided_by = "person"


def point_result(point, state: str, previous: str | None) -> dict:
    """A point of a file's result: its state, and why (the letter's sentence, or a
    person's choice in the preview)."""
    return {
        "number": point.number,
        "state": state,
        "previous_state": previous,
        "reason": point.state_reason,
        "decided_by": point.decided_by,
        "derived_state": _derived(point),
    }


def _derived(point) -> str:
    return point.state if point.decided_by == "letter" else ""


def _letter_points(letter: ParsedLetter) -> list[dict]:
    """The points as the letter states them, when the live points are not touched."""
    return [point_result(p, p.state, None) for p in letter.points]


def _create_resolution(container, letter: ParsedLetter):
    if "Resolution" not in [fti.getId() for fti in container.allowedContentTypes()]:
        raise ImportFailure(
            _(
                "import_error_container",
                default="Resolutions cannot be added here.",
            )
        )
    recipients = _own_recipients(letter)
    # In a GZ like "(OB) INAUSLB" the city names the office that keeps the file.
    offices = set(office_addresses())
    office = letter.file_reference if letter.file_reference in offices else None
    # The same id the add form gives (see content/naming.py): "V0220/14" -> "v0220-14".
    name = INameChooser(container).chooseName(
        letter.paper_reference.replace("/", "-"), container
    )
    return api.content.create(
        container=container,
        type="Resolution",
        id=name,
        title=letter.title,
        paper_reference=letter.paper_reference,
        session_reference=letter.session_reference or None,
        file_reference=letter.file_reference or None,
        next_control_date=letter.next_control_date,
        confidential=letter.confidential,
        recipients=recipients,
        responsible_office=office,
    )


def _own_recipients(letter: ParsedLetter) -> str | None:
    """Recipients only when they differ from the settings' default address."""
    default = recipient_lines(letter_settings().default_recipients)
    if not letter.recipients or letter.recipients == default:
        return None
    return "\n".join(letter.recipients)


def _update_resolution(resolution, letter: ParsedLetter, result: FileResult) -> None:
    values = {
        "title": letter.title,
        "session_reference": letter.session_reference or resolution.session_reference,
        "file_reference": letter.file_reference or resolution.file_reference,
        "next_control_date": letter.next_control_date,
        # An import may make a resolution confidential, never public.
        "confidential": bool(resolution.confidential or letter.confidential),
    }
    recipients = _own_recipients(letter)
    if recipients:
        values["recipients"] = recipients
    changed = [
        name for name, value in values.items() if getattr(resolution, name) != value
    ]
    for name in changed:
        setattr(resolution, name, values[name])
    if changed:
        modified(resolution)
    if resolution.confidential and not letter.confidential:
        result.notes.append(
            _(
                "import_note_stays_confidential",
                default="The letter is not marked confidential; the resolution "
                "stays confidential.",
            )
        )


def rich_html(html: str):
    """Safe-to-store HTML as a rich text value (None for no text)."""
    return RichTextValue(html, "text/html", "text/x-html-safe") if html else None


def _raw(rich) -> str:
    return (rich.raw if rich is not None else "") or ""


def _apply_points(
    resolution, filename, letter: ParsedLetter, result, versions: bool = True
) -> list[dict]:
    existing = {point.number: point for point in resolution.points()}
    comment = api.portal.translate(
        _(
            "import_transition_comment",
            default="Imported from ${file} (letter of ${date})",
            mapping={"file": filename, "date": german_date(letter.letter_date)},
        )
    )
    points = []
    for parsed in letter.points:
        point = existing.get(parsed.number)
        if point is None:
            point = _create_point(resolution, parsed, versions)
            previous = None
            current = "open"
        else:
            previous = current = api.content.get_state(point)
            _update_point(point, parsed, versions)
        for transition in PATHS.get((current, parsed.state), []):
            api.content.transition(
                obj=point, transition=transition, comment=_comment(comment, parsed)
            )
        state = api.content.get_state(point)
        if state != parsed.state:
            result.notes.append(
                _(
                    "import_note_state_kept",
                    default="Point ${number}: the letter says ${wanted}, but a point "
                    "never returns to open; it is ${state}.",
                    mapping={
                        "number": parsed.number,
                        "wanted": status_label(parsed.state),
                        "state": status_label(state),
                    },
                )
            )
        points.append(point_result(parsed, state, previous))
    return points


def _create_point(resolution, parsed, versions: bool):
    point = api.content.create(
        container=resolution,
        type="ControlPoint",
        # The id the add form gives ("1a"), chosen here rather than by a rename
        # after creation, which costs a move and its reindexing.
        id=INameChooser(resolution).chooseName(parsed.number, resolution),
        number=parsed.number,
        resolution_text=rich_html(parsed.resolution_text),
        status_report=rich_html(parsed.status_report),
        # read by CMFEditions when the point is added (plone.versioning's field)
        **({} if versions else {"versioning_enabled": False}),
    )
    if not versions:
        del point.versioning_enabled  # the field's default again: versioned
    return point


def _update_point(point, parsed, versions: bool = True) -> None:
    """The letter's texts on an existing point; an unchanged point is not written
    (nor versioned)."""
    changes = {}
    if _raw(point.resolution_text) != parsed.resolution_text:
        changes["resolution_text"] = rich_html(parsed.resolution_text)
    if _raw(point.status_report) != parsed.status_report:
        changes["status_report"] = rich_html(parsed.status_report)
    if not changes:
        return
    with versions_paused(point, paused=not versions):
        for name, value in changes.items():
            setattr(point, name, value)
        modified(point)


@contextmanager
def versions_paused(obj, paused: bool = True):
    """No CMFEditions version of `obj` while the block runs (plone.versioning's
    per-object switch), the switch as it was afterwards."""
    if not paused:
        yield
        return
    obj._p_activate()  # a ghost's __dict__ is empty: its own switch would be lost
    stored = obj.__dict__.get("versioning_enabled", _UNSET)
    obj.versioning_enabled = False
    try:
        yield
    finally:
        if stored is _UNSET:
            del obj.versioning_enabled
        else:
            obj.versioning_enabled = stored


_UNSET = object()


def letter_data(resolution, letter: ParsedLetter) -> Letter:
    """The letter model of an imported letter: built by the one letter model, with
    what the letter itself said where it may differ from today's site."""
    settings = letter_settings()
    data = build_letter(
        resolution,
        letter_date=letter.letter_date,
        file_reference=letter.file_reference,
        next_control_date=letter.next_control_date,
    )
    sender = data.sender
    if len(letter.sender) >= 2:
        sender = Sender(
            municipality=letter.sender[0],
            issuer=" ".join(letter.sender[1:]),
            # The letter's own sender, not today's settings.
            return_line=" · ".join(letter.sender),
        )
    return replace(
        data,
        title=letter.title,
        confidential=letter.confidential,
        sender=sender,
        # today's contact lines and council link were not in a letter written
        # years ago
        contact=[],
        council_link="",
        recipients=letter.recipients or data.recipients,
        salutation=letter.salutation or data.salutation,
        intro=letter.intro or data.intro,
        closing=letter.closing or data.closing,
        signatory=letter.signatory or data.signatory,
        next_control_date=(
            letter.next_control_date.isoformat() if letter.next_control_date else None
        ),
        next_control_text=german_date(letter.next_control_date, data.language),
        points=[
            point_entry(
                number=point.number,
                state=point.state,
                resolution_text=safe_html(rich_html(point.resolution_text)),
                status_report=safe_html(rich_html(point.status_report)),
                settings=settings,
            )
            for point in letter.points
        ],
    )


def _freeze(resolution, filename, letter: ParsedLetter, checksum, render):
    """`render`: True renders the PDF now, LATER leaves it to `render_pending`,
    False (a dry run) renders nothing."""
    data = letter_data(resolution, letter)
    html = document_html(data) if render else ""
    pdf = pdf_bytes(data) if render is True else None
    try:
        freeze(
            resolution,
            data,
            html,
            pdf,
            source_filename=filename,
            source_checksum=checksum,
        )
    except IssueError as error:
        raise ImportFailure(error.message) from error


def _comment(comment: str, parsed) -> str:
    """The transition's comment; a state chosen in the preview says who chose it."""
    if parsed.decided_by != "person":
        return comment
    return api.portal.translate(
        _(
            "import_transition_comment_person",
            default="${comment}; state chosen by ${user} in the preview",
            mapping={"comment": comment, "user": api.user.get_current().getId()},
        )
    )


# Render the issued reports' PDFs after the import (render_pending), from their
# frozen HTML: a bulk import spends half its time on PDFs otherwise.
LATER = "later"


def render_pending(results: list[FileResult], commit_each: bool = False) -> int:
    """Render the report PDFs a bulk import left pending, in the resolutions its
    letters went into (wherever in the site they are); a report that fails to
    render is logged and left pending for its download to render."""
    done = 0
    for uid in dict.fromkeys(r.uid for r in results if r.uid and r.status != FAILED):
        resolution = api.content.get(UID=uid)
        for report in issued_reports(resolution) if resolution is not None else []:
            if not pdf_pending(report):
                continue
            try:
                render_pending_pdf(report)
                if commit_each:
                    transaction.commit()
            except Exception:  # one broken report does not stop the others
                # a conflict too: someone's download rendered it meanwhile, or
                # the next download will
                logger.exception("PDF of %s not rendered", report.absolute_url())
                if commit_each:
                    rollbacks.abort()
                continue
            done += 1
    return done


def import_file(
    container,
    filename: str,
    data: bytes,
    render=True,
    overrides=None,
    versions: bool = True,
) -> FileResult:
    letter = read_letter(filename, data)
    return import_letter(
        container,
        filename,
        letter,
        render=render,
        overrides=overrides,
        versions=versions,
    )


def file_name(path: str) -> str:
    """Browsers and clients may send a path; only the name is the letter's."""
    return PureWindowsPath(path).name


def unknown_files(files, overrides: dict) -> list[str]:
    """The file names states were chosen for that are not among the files."""
    names = {file_name(path) for path, _data in files}
    return sorted(name for name in overrides if name not in names)


def import_files(
    container,
    files: Iterable[tuple[str, bytes]],
    dry_run: bool = False,
    commit_each: bool = False,
    on_result: Callable[[FileResult], None] | None = None,
    overrides: dict[str, dict[str, str]] | None = None,
    pdf_later: bool = False,
    versions: bool = True,
) -> list[FileResult]:
    """Import every file on its own; see the module's docstring for transactions.
    `overrides`: per file name, the states a person chose for its points;
    `pdf_later` leaves the reports' PDFs to `render_pending`; `versions=False` (a
    bulk import) writes no CMFEditions versions of the points."""
    results = []
    for path, data in files:
        filename = file_name(path)
        chosen = (overrides or {}).get(filename)
        render = False if dry_run else (LATER if pdf_later else True)

        def one_file(filename=filename, data=data, chosen=chosen, render=render):
            return _import_in_savepoint(
                container, filename, data, render, chosen, versions
            )

        result = _committed(one_file, not dry_run) if commit_each else one_file()
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


def _committed(one_file, keep: bool) -> FileResult:
    """One file in its own transaction, committed when it went in; done again from
    the start when another process (a person's edit, a reminder run) changed the
    same objects meanwhile."""

    def attempt() -> FileResult:
        result = one_file()
        if keep and result.status != FAILED:
            transaction.commit()
        else:
            rollbacks.abort()
        return result

    return retried_on_conflict(attempt)


UNEXPECTED = _(
    "import_error_unexpected",
    default="An unexpected error stopped the import of this file; "
    "the site log has the details.",
)


def _import_in_savepoint(
    container, filename, data, render, overrides=None, versions=True
):
    """One file's import, rolled back when it fails or is only tried."""
    dry_run = render is False
    savepoint = rollbacks.savepoint()
    try:
        result = import_file(
            container,
            filename,
            data,
            render=render,
            overrides=overrides,
            versions=versions,
        )
    except ConflictError:
        raise
    except ImportFailure as failure:
        result = FileResult(filename, error=failure.message, line=failure.line)
    except Invalid as invalid:
        result = FileResult(filename, error=invalid.args[0] if invalid.args else "")
    except Exception:
        logger.exception("Import of %s failed", filename)
        result = FileResult(filename, error=UNEXPECTED)
    if result.status == FAILED or dry_run:
        savepoint.rollback()
    return result


def summary(results: list[FileResult]) -> dict[str, int]:
    return {status: sum(r.status == status for r in results) for status in STATUSES}


STATUS_LABELS = {
    CREATED: _("import_status_created", default="created"),
    UPDATED: _("import_status_updated", default="updated"),
    UNCHANGED: _("import_status_unchanged", default="unchanged"),
    FAILED: _("import_status_failed", default="failed"),
}


def result_data(result: FileResult, translate_message) -> dict:
    """One file's result as plain data, every message translated: for REST and the
    form alike."""
    return {
        "filename": result.filename,
        "status": result.status,
        "status_title": translate_message(STATUS_LABELS[result.status]),
        "paper_reference": result.paper_reference,
        "title": result.title,
        "letter_date": result.letter_date or None,
        "@id": result.url or None,
        "points": [
            {**point, "state_title": translate_message(status_label(point["state"]))}
            for point in result.points
        ],
        "notes": [translate_message(note) for note in result.notes],
        "error": translate_message(result.error_message()) if result.error else None,
        "line": result.line,
    }
