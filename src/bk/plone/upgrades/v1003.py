"""1002 → 1003: what each role sees (issue 14)."""

from plone import api


def reindex_resolution_texts(context):
    """Existing resolutions become findable by their points' texts."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Resolution"):
        brain._unrestrictedGetObject().reindexObject(idxs=["SearchableText"])
