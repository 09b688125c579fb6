"""@@download, @@display-file and @@images that answer 404 for a field that holds no
file or image.

plone.namedfile's views take whatever the named attribute holds and fail with a
500 on text (an issued report's `html`, a resolution's `title`) or a missing field."""

from Acquisition import aq_base
from plone.namedfile.browser import DisplayFile
from plone.namedfile.browser import Download
from plone.namedfile.interfaces import INamedFile
from plone.namedfile.interfaces import INamedImage
from plone.namedfile.scaling import ImageScaling
from zope.publisher.interfaces import NotFound


def holds_file(value) -> bool:
    return INamedFile.providedBy(value) or INamedImage.providedBy(value)


class FileOnly:
    def _getFile(self):
        file = super()._getFile()
        if not holds_file(file):
            raise NotFound(self, self.fieldname, self.request)
        return file


class FileDownload(FileOnly, Download):
    pass


class FileDisplay(FileOnly, DisplayFile):
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
