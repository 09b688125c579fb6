"""@@download, @@display-file and @@images that answer 404 for a field that holds no
file or image, and 304 to a client that holds the file already.

plone.namedfile's views take whatever the named attribute holds and fail with a
500 on text (an issued report's `html`, a resolution's `title`) or a missing field.
They send no validators either, so an issued report's PDF (frozen, never changed)
travelled in full on every click."""

from Acquisition import aq_base
from bk.plone.browser.letter import etag_matches
from bk.plone.content.control_report import IControlReport
from bk.plone.letter.issue import pdf_pending
from bk.plone.letter.render import frozen_pdf
from bk.plone.letter.render import PDF_TYPE
from datetime import datetime
from datetime import UTC
from email.utils import format_datetime
from email.utils import parsedate_to_datetime
from persistent.timestamp import TimeStamp
from plone.namedfile.browser import DisplayFile
from plone.namedfile.browser import Download
from plone.namedfile.file import NamedFile
from plone.namedfile.interfaces import INamedFile
from plone.namedfile.interfaces import INamedImage
from plone.namedfile.scaling import ImageScaling
from zope.publisher.interfaces import NotFound


def holds_file(value) -> bool:
    return INamedFile.providedBy(value) or INamedImage.providedBy(value)


class FileOnly:
    _pending = None

    def _getFile(self):
        if _is_pending(self):
            # rendered once per request (both download steps ask for the file)
            if self._pending is None:
                self._pending = pending_pdf(self.context)
                self.request.response.setHeader("Cache-Control", "private, no-cache")
            return self._pending
        file = super()._getFile()
        if not holds_file(file):
            raise NotFound(self, self.fieldname, self.request)
        return file


def _is_pending(view) -> bool:
    return (
        view.fieldname == "pdf"
        and IControlReport.providedBy(view.context)
        and pdf_pending(view.context)
    )


def pending_pdf(report) -> NamedFile:
    """A report whose PDF a bulk import has not rendered yet: rendered for this
    request from its frozen HTML (kept by the import's `render_pending`, not here:
    a GET writes nothing). The view's own permission has let the reader in."""
    return NamedFile(
        data=frozen_pdf(report.html),
        contentType=PDF_TYPE,
        filename=report.letter.filename("pdf"),
    )


class Conditional:
    """ETag and Last-Modified from the stored file object's own transaction: both
    change whenever the file does."""

    def __call__(self):
        file = self._getFile()
        validators = file_validators(file)
        if validators is None:
            return super().__call__()
        etag, modified = validators
        response = self.request.response
        response.setHeader("ETag", etag)
        response.setHeader("Last-Modified", format_datetime(modified, usegmt=True))
        # Reports may be confidential: no shared cache keeps them.
        response.setHeader("Cache-Control", "private, no-cache")
        if not_modified(self.request, etag, modified):
            response.setStatus(304)
            return b""
        return super().__call__()


def file_validators(file):
    serial = getattr(file, "_p_serial", None)
    oid = getattr(file, "_p_oid", None)
    if not oid or not serial or serial == b"\0" * 8:
        return None  # not committed yet
    modified = TimeStamp(serial).timeTime()
    etag = f'"{oid.hex()}-{serial.hex()}"'
    return etag, datetime.fromtimestamp(int(modified), tz=UTC)


def not_modified(request, etag: str, modified: datetime) -> bool:
    match = request.getHeader("If-None-Match", None)
    if match is not None:
        return etag_matches(match, etag)
    since = request.getHeader("If-Modified-Since", None)
    if not since:
        return False
    try:
        return modified <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


class FileDownload(Conditional, FileOnly, Download):
    pass


class FileDisplay(Conditional, FileOnly, DisplayFile):
    pass


class ImageFieldScaling(ImageScaling):
    def publishTraverse(self, request, name):
        stack = request.get("TraversalRequestNameStack")
        names_a_field = "-" not in name or (
            stack and stack[-1] not in self._ignored_stacks
        )
        if names_a_field:
            field = name.rsplit(".", 1)[0]
            if not holds_file(getattr(aq_base(self.context), field, None)):
                raise NotFound(self, name, request)
        return super().publishTraverse(request, name)
