"""POST <folder>/@oparl-import: take resolutions from a council information system.

Body: {"url": "https://ris.example.org/oparl/v1/system", "dry_run": false,
"since": "last" | "2025-01-31" | "2025-01-31T08:00:00+01:00", "from": "2025-01-01",
"until": "2025-12-31"}; every key optional (url: the settings' address). The
answer lists every paper's result (created, updated, unchanged, not taken, failed
with the object's URL) and the totals: 200 when every paper went in, 422 when any
failed (the others are imported all the same), 502 when the council system's lists
could not be read, 400 for a body that is not such a request.

POST <resolution>/@oparl-text {"action": "apply" | "dismiss"}: the mayor's office
applies the council system's changed decided text to the points, or dismisses it."""

from bk.plone import _
from bk.plone.interfaces import RefusedInput
from bk.plone.oparl.filters import PaperFilter
from bk.plone.oparl.results import day_value
from bk.plone.oparl.results import endpoint
from bk.plone.oparl.results import failed
from bk.plone.oparl.results import may_choose_address
from bk.plone.oparl.results import run_data
from bk.plone.oparl.results import since_value
from bk.plone.oparl.sync import apply_pending
from bk.plone.oparl.sync import dismiss_pending
from bk.plone.oparl.sync import sync
from bk.plone.services import bad_request
from bk.plone.services import write_request_body
from plone.restapi.services import Service
from zope.i18n import translate

import transaction


KEYS = {"url", "dry_run", "since", "from", "until"}


class OParlImportPost(Service):
    def reply(self):
        data = write_request_body(self.request)
        if data is None or not isinstance(data, dict) or set(data) - KEYS:
            return bad_request(
                self.request,
                _(
                    "error_oparl_body",
                    default='The body is a JSON object with the optional keys "url", '
                    '"dry_run", "since", "from" and "until".',
                ),
            )
        try:
            options = self.options(data)
        except RefusedInput as error:
            return bad_request(self.request, error.message)
        run = sync(self.context, **options)
        if run.error is not None:
            # all or nothing of what was read: nothing, as the list broke off
            transaction.doom()
            self.request.response.setStatus(502)
        elif failed(run):
            self.request.response.setStatus(422)
        return {
            "@id": f"{self.context.absolute_url()}/@oparl-import",
            **run_data(run, self.translate),
        }

    def options(self, data: dict) -> dict:
        dry_run = data.get("dry_run", False)
        if not isinstance(dry_run, bool):
            raise RefusedInput(
                _("error_dry_run_bool", default="dry_run is true or false.")
            )
        url = endpoint(data.get("url"), may_choose_address(self.context))
        return {
            "url": url,
            "dry_run": dry_run,
            "since": since_value(data.get("since"), self.context, url),
            "paper_filter": PaperFilter.from_settings(
                date_from=day_value(data.get("from"), "from"),
                date_to=day_value(data.get("until"), "until"),
            ),
        }

    def translate(self, message):
        return translate(message, context=self.request)


class OParlTextPost(Service):
    def reply(self):
        data = write_request_body(self.request)
        action = data.get("action") if isinstance(data, dict) else None
        if action not in ("apply", "dismiss"):
            return bad_request(
                self.request,
                _(
                    "error_oparl_text_body",
                    default='The body is {"action": "apply"} or {"action": "dismiss"}.',
                ),
            )
        done = (
            apply_pending(self.context) is not None
            if action == "apply"
            else dismiss_pending(self.context)
        )
        if not done:
            return bad_request(self.request, NOTHING_PENDING)
        self.request.response.setStatus(204)
        return None


NOTHING_PENDING = _(
    "error_oparl_nothing_pending",
    default="The council information system gives no changed resolution text for "
    "this resolution.",
)
