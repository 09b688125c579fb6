"""@@download and @@display-file that answer 404 for a field that holds no file.

plone.namedfile's views take whatever the named attribute holds and fail with a
500 on text (an issued report's `html`, a resolution's `title`)."""

from plone.namedfile.browser import DisplayFile
from plone.namedfile.browser import Download
from plone.namedfile.interfaces import INamedFile
from plone.namedfile.interfaces import INamedImage
from zope.publisher.interfaces import NotFound


class FileOnly:
    def _getFile(self):
        file = super()._getFile()
        if not (INamedFile.providedBy(file) or INamedImage.providedBy(file)):
            raise NotFound(self, self.fieldname, self.request)
        return file


class FileDownload(FileOnly, Download):
    pass


class FileDisplay(FileOnly, DisplayFile):
    pass
