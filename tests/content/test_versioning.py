"""Every saved status report is kept in the point's history."""

from plone import api
from plone.app.textfield.value import RichTextValue
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


def report(text):
    return RichTextValue(f"<p>{text}</p>", "text/html", "text/x-html-safe")


def test_each_saved_report_is_a_version(resolution, make_point):
    point = make_point(resolution, "1")
    for text in ("Begonnen.", "Halb fertig.", "Fertig."):
        point.status_report = report(text)
        notify(ObjectModifiedEvent(point))
    repository = api.portal.get_tool("portal_repository")
    history = repository.getHistoryMetadata(point)
    versions = [
        repository.retrieve(point, history.getVersionId(i, countPurged=False)).object
        for i in range(history.getLength(countPurged=False))
    ]
    kept = [v.status_report.raw if v.status_report else None for v in versions]
    # The first version is the point as created, before any report.
    assert kept == [None, "<p>Begonnen.</p>", "<p>Halb fertig.</p>", "<p>Fertig.</p>"]
