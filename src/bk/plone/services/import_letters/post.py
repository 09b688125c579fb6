"""POST @import-letters: import letters into this folder.

Body: {"files": [{"filename": "V0220-14.txt", "data": "<base64>"}, ...],
"dry_run": false, "overrides": {"V0220-14.txt": {"1c": "fulfilled"}}}; overrides
are the states a person chose after the preview instead of those the letter's words
give (each point's result says which sentence decided it). The answer lists every file's result (created, updated, unchanged,
failed, with the line where a letter could not be read) and the totals; 200 when
every file went in, 422 when any failed (the others are imported all the same),
400 for a body that is not such a request."""

from bk.plone import _
from bk.plone.content.status import IMPORT_STATES
from bk.plone.importer.importer import batch_problem
from bk.plone.importer.importer import import_files
from bk.plone.importer.importer import result_data
from bk.plone.importer.importer import summary
from bk.plone.importer.importer import unknown_files
from bk.plone.services import bad_request
from bk.plone.services import write_request_body
from plone.restapi.services import Service
from zope.i18n import translate

import base64
import binascii


class ImportLettersPost(Service):
    def reply(self):
        data = write_request_body(self.request)
        files, problem = self.files(data)
        if problem is not None:
            return self._bad_request(problem)
        dry_run = data.get("dry_run", False)
        if not isinstance(dry_run, bool):
            return self._bad_request(
                _("error_dry_run_bool", default="dry_run is true or false.")
            )
        overrides, problem = self.overrides(data.get("overrides", {}))
        if problem is not None:
            return self._bad_request(problem)
        unknown = unknown_files(files, overrides)
        if unknown:
            return self._bad_request(
                _(
                    "error_import_overrides_file",
                    default="overrides names ${files}, which is not among the files.",
                    mapping={"files": ", ".join(unknown)},
                )
            )
        results = import_files(
            self.context, files, dry_run=dry_run, overrides=overrides
        )
        totals = summary(results)
        if totals["failed"]:
            self.request.response.setStatus(422)
        return {
            "@id": f"{self.context.absolute_url()}/@import-letters",
            "dry_run": dry_run,
            "items": [result_data(result, self.translate) for result in results],
            "summary": totals,
        }

    def overrides(self, value) -> tuple[dict | None, object]:
        problem = _(
            "error_import_overrides",
            default='overrides maps a file name to {"point number": state}, the '
            'state one of "open", "in_progress", "fulfilled".',
        )
        if not isinstance(value, dict):
            return None, problem
        for chosen in value.values():
            if not isinstance(chosen, dict):
                return None, problem
            for number, state in chosen.items():
                if not isinstance(number, str) or state not in IMPORT_STATES:
                    return None, problem
        return value, None

    def translate(self, message):
        return translate(message, context=self.request)

    def files(self, data):
        shape = _(
            "error_import_body",
            default='The body is a JSON object with "files": a list of objects '
            'with "filename" and base64 "data".',
        )
        if not isinstance(data, dict) or not isinstance(data.get("files"), list):
            return None, shape
        problem = batch_problem(len(data["files"]))
        if problem is not None:
            return None, problem
        files = []
        for item in data["files"]:
            if not isinstance(item, dict):
                return None, shape
            filename, content = item.get("filename"), item.get("data")
            if not isinstance(filename, str) or not filename.strip():
                return None, shape
            if not isinstance(content, str):
                return None, shape
            try:
                files.append(
                    (filename.strip(), base64.b64decode(content, validate=True))
                )
            except (binascii.Error, ValueError):
                return None, _(
                    "error_import_base64",
                    default='The data of "${file}" is not base64.',
                    mapping={"file": filename},
                )
        return files, None

    def _bad_request(self, message):
        return bad_request(self.request, message)
