"""1004 → 1005: what councils ask for (issue 18)."""

from plone import api


def reindex_point_dues(context):
    """Existing resolutions tell the overview their points' due dates and reasons
    for delay (metadata `bk_point_dues`), when their newest letter was issued
    (`bk_last_issued`) and whether they link to the council system
    (`bk_has_oparl`)."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Resolution"):
        brain._unrestrictedGetObject().reindexObject(idxs=["bk_status", "bk_has_oparl"])
