"""Setup handlers of bk.plone."""

from plone import api
from plone.base.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Profiles applied by code or by make start, not from the add-ons panel."""
        return [
            "bk.plone:demo",
            "bk.plone:uninstall",
        ]

    def getNonInstallableProducts(self):
        return ["bk.plone.upgrades"]


GROUPS = {
    "mayors-office": ("Mayor's office", "MayorsOffice"),
    "council": ("City council", "CouncilMember"),
}


def post_install(context):
    """Groups holding the product's roles, so that membership is all it takes."""
    for group_id, (title, role) in GROUPS.items():
        group = api.group.get(groupname=group_id)
        if group is None:
            group = api.group.create(groupname=group_id, title=title)
        api.group.grant_roles(group=group, roles=[role])
