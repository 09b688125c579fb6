"""@@import-letters: upload letters, see what importing them would do, then import."""

from bk.plone import _
from bk.plone.content.status import IMPORT_STATES
from bk.plone.content.status import status_label
from bk.plone.importer import staging
from bk.plone.importer.importer import batch_problem
from bk.plone.importer.importer import import_files
from bk.plone.importer.importer import result_data
from bk.plone.importer.importer import summary
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


class ImportLettersView(BrowserView):
    error = None
    results = None
    dry_run = True
    staged = ""
    totals = None

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            files = self.files()
            if files:
                self.dry_run = not self.request.form.get("form.buttons.import")
                results = import_files(
                    self.context,
                    files,
                    dry_run=self.dry_run,
                    overrides=self.overrides(),
                )
                self.results = [result_data(r, self.translate) for r in results]
                self.totals = summary(results)
                if self.dry_run:
                    # What the preview was made from is what the import will read.
                    self.staged = staging.stage(files, self.user_id())
        return self.index()

    def summary_message(self):
        """ "Import finished: 2 created, …" or, for a preview, what it would do."""
        if self.dry_run:
            message = _(
                "msg_letters_preview",
                default="Importing would give: ${created} created, ${updated} "
                "updated, ${unchanged} unchanged, ${failed} failed.",
                mapping=self.totals,
            )
        else:
            message = _(
                "msg_letters_imported",
                default="Import finished: ${created} created, ${updated} updated, "
                "${unchanged} unchanged, ${failed} failed.",
                mapping=self.totals,
            )
        return self.translate(message)

    def overrides(self) -> dict[str, dict[str, str]]:
        """States chosen in the preview: fields "bk-state-<n>" hold
        "<file>|<point>|<state>" for every point whose state a person changed."""
        chosen: dict[str, dict[str, str]] = {}
        for key, value in self.request.form.items():
            if not key.startswith("bk-state-") or not isinstance(value, str):
                continue
            filename, _sep, rest = value.rpartition("|")
            filename, _sep, number = filename.rpartition("|")
            if filename and number and rest in IMPORT_STATES:
                chosen.setdefault(filename, {})[number] = rest
        return chosen

    def state_options(self, item: dict, point: dict) -> list[dict]:
        """The states offered for a point of the preview, the letter's own chosen
        (not the point's state in the site, which the letter may not change): an
        untouched choice is no choice."""
        derived = point.get("derived_state") or point["state"]
        return [
            {
                "value": f"{item['filename']}|{point['number']}|{state}",
                "title": self.translate(status_label(state)),
                "selected": state == derived,
            }
            for state in IMPORT_STATES
        ]

    def user_id(self) -> str:
        return api.user.get_current().getId()

    def translate(self, message):
        return translate(message, context=self.request)

    def files(self) -> list[tuple[str, bytes]]:
        form = self.request.form
        files = []
        for upload in form.get("files", []) or []:
            filename = getattr(upload, "filename", "") or ""
            if filename:
                files.append(
                    (filename.replace("\\", "/").split("/")[-1], upload.read())
                )
        if form.get("staged"):
            staged = staging.take(form["staged"], self.user_id())
            if staged is None:
                self.error = _(
                    "error_import_staged",
                    default="The files of the preview are no longer there; please "
                    "upload them again.",
                )
                return []
            files.extend(staged)
        self.error = batch_problem(len(files))
        if self.error is not None:
            return []
        return files
