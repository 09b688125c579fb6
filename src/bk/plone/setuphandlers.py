"""Setup handlers of bk.plone."""

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
