"""What the form, REST and the command line share around a sync: reading their
parameters (the address, "since", the date range) and the results as plain data
with every message translated."""

from bk.plone import _
from bk.plone.content.resolution import IResolution
from bk.plone.content.resolution import is_web_address
from bk.plone.importer.importer import STATUS_LABELS as IMPORT_STATUS_LABELS
from bk.plone.interfaces import RefusedInput
from bk.plone.letter.model import site_zone
from bk.plone.oparl.client import check_url
from bk.plone.oparl.client import FetchError
from bk.plone.oparl.client import same_server
from bk.plone.oparl.sync import FAILED
from bk.plone.oparl.sync import last_sync
from bk.plone.oparl.sync import PaperResult
from bk.plone.oparl.sync import SyncRun
from datetime import date
from datetime import datetime
from plone import api


LAST = "last"


def endpoint(value, may_choose: bool = True) -> str:
    """The address given, else the settings' one; a RefusedInput when neither is
    an http(s) address. Who may not choose the address (`may_choose`: only
    administrators may) reads only from the server of the settings' address: the
    site's own requests go nowhere a person sends them."""
    configured = api.portal.get_registry_record("bk.plone.oparl_endpoint", default="")
    if value is None or value == "":
        value = configured
    if not value:
        raise RefusedInput(
            _(
                "oparl_error_no_endpoint",
                default="Please give the address of the council information "
                "system's OParl system (or set it in the Beschlusskontrolle settings).",
            )
        )
    if not isinstance(value, str):
        raise RefusedInput(_("oparl_error_url_text", default="url is a text."))
    try:
        url = check_url(value)
    except FetchError as error:
        raise RefusedInput(error.message) from error
    if not may_choose and not (configured and same_server(url, configured)):
        raise RefusedInput(
            _(
                "oparl_error_not_configured",
                default="Only the council information system of the settings "
                "(${configured}) is read from here; another address needs a site "
                "administrator, or the settings.",
                mapping={"configured": configured or "–"},
            )
        )
    return url


def may_choose_address(context) -> bool:
    """Administrators may sync from any address; the mayor's office from the
    settings' council system."""
    return api.user.has_permission("bk.plone: Manage settings", obj=context)


def since_value(value, container, url: str) -> datetime | None:
    """None (every paper), "last" (since the last sync of this address into this
    folder; every paper when there was none) or an ISO date or date-time."""
    if value is None or value == "":
        return None
    if value == LAST:
        return last_sync(container, url)
    moment = _moment(value)
    if moment is None:
        raise RefusedInput(
            _(
                "oparl_error_since",
                default='since is "last", a date (2025-01-31) or a date and time '
                "(2025-01-31T08:00:00+01:00).",
            )
        )
    return moment


def _moment(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=site_zone())


def day_value(value, name: str) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value) if isinstance(value, str) else _bad_day(name)
    except ValueError:
        return _bad_day(name)


def _bad_day(name: str):
    raise RefusedInput(
        _(
            "oparl_error_day",
            default="${name} is a date (2025-01-31).",
            mapping={"name": name},
        )
    )


STATUS_LABELS = {
    **IMPORT_STATUS_LABELS,
    "skipped": _("oparl_status_skipped", default="not taken"),
}

TEXT_CHANGED = _("oparl_flag_text_changed", default="resolution text changed")

SKIP_LABELS = {
    "type": _("oparl_skip_type", default="a paper type not taken (see the settings)"),
    "no_decision": _(
        "oparl_skip_no_decision", default="no decision (adjourned, withdrawn, …)"
    ),
    "date": _("oparl_skip_date", default="decided outside the date range"),
    "deleted": _(
        "oparl_skip_deleted",
        default="deleted in the council information system (a resolution here "
        "stays as it is)",
    ),
    "not_published": _(
        "oparl_skip_not_published",
        default="a changed agenda item whose consultation the council information "
        "system does not publish",
    ),
}


def field_title(name: str):
    if name == "points":
        return _("oparl_change_points", default="points")
    return IResolution[name].title


def result_data(result: PaperResult, translate) -> dict:
    return {
        "@id": result.resolution_url or None,
        "url": result.url,
        "web": result.web if is_web_address(result.web) else None,
        "status": result.status,
        "status_title": translate(STATUS_LABELS[result.status]),
        "paper_reference": result.reference,
        "title": result.title,
        "changes": result.changes,
        "change_titles": [translate(field_title(name)) for name in result.changes],
        "text_changed": result.text_changed,
        "points": result.points,
        "skip": result.skip,
        "skip_title": translate(SKIP_LABELS[result.skip]) if result.skip else None,
        "notes": [translate(note) for note in result.notes],
        "error": translate(result.error) if result.error else None,
    }


def run_data(run: SyncRun, translate) -> dict:
    return {
        "url": run.url,
        "dry_run": run.dry_run,
        "written": written(run),
        "since": run.since.isoformat() if run.since else None,
        "items": [result_data(result, translate) for result in run.results],
        "summary": run.totals(),
        "error": translate(run.error) if run.error else None,
    }


def summary_message(run: SyncRun, rolled_back: bool = True):
    totals = run.totals()
    if run.error is not None and not run.dry_run and rolled_back:
        return _(
            "msg_oparl_nothing_written",
            default="Nothing was written: the council information system could "
            "not be read to the end. Reading would have given: ${created} created, "
            "${updated} updated, ${unchanged} unchanged, ${skipped} not taken, "
            "${failed} failed.",
            mapping=totals,
        )
    if run.dry_run:
        return _(
            "msg_oparl_preview",
            default="Syncing would give: ${created} created, ${updated} updated, "
            "${unchanged} unchanged, ${skipped} not taken, ${failed} failed.",
            mapping=totals,
        )
    return _(
        "msg_oparl_done",
        default="Sync finished: ${created} created, ${updated} updated, "
        "${unchanged} unchanged, ${skipped} not taken, ${failed} failed.",
        mapping=totals,
    )


def written(run: SyncRun) -> bool:
    """A sync through the browser or REST writes all or nothing of what it read:
    nothing when the council system's lists could not be read to their end."""
    return not run.dry_run and run.error is None


def failed(run: SyncRun) -> bool:
    return run.error is not None or any(r.status == FAILED for r in run.results)
