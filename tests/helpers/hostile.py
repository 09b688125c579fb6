"""What the hostile tests plant and compare: a secret that must never leak, and a
snapshot of everything a refused request must leave as it was."""

SECRET = "Geheimprojekt Zauberwald"  # noqa: S105 (a marker the leak tests look for)


def snapshot(portal) -> dict:
    """What a state change would alter: every catalogued object with its state and
    modification time, every proposal, the issued reports and bk.plone's settings."""
    from bk.plone.content import approvals
    from plone import api
    from plone.registry.interfaces import IRegistry
    from zope.component import getUtility

    import transaction

    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        catalog = api.portal.get_tool("portal_catalog")
        content = {
            brain.getPath(): (brain.review_state, str(brain.modified), brain.Title)
            for brain in catalog.unrestrictedSearchResults()
        }
        proposals = {
            brain.getPath(): [
                dict(p) for p in approvals.proposals(brain._unrestrictedGetObject())
            ]
            for brain in catalog.unrestrictedSearchResults(portal_type="ControlPoint")
        }
    registry = getUtility(IRegistry)
    settings = {
        name: repr(registry[name])
        for name in registry.records
        if name.startswith("bk.plone.")
    }
    return {"content": content, "proposals": proposals, "settings": settings}
