"""1005 → 1006: resolutions taken from the council information system (issue 19)."""

from plone import api


def index_oparl_papers(context):
    """Existing resolutions are found by their paper's OParl address
    (`bk_oparl_paper`), the key of the next sync; none waits for a decision on a
    changed text yet (`bk_oparl_pending`)."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Resolution"):
        brain._unrestrictedGetObject().reindexObject(
            idxs=["bk_oparl_paper", "bk_oparl_pending"]
        )
