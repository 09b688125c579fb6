from bk.plone.setuphandlers import HiddenProfiles
from plone.base.interfaces import INonInstallable
from zope.component import getAllUtilitiesRegisteredFor

import pytest


@pytest.mark.parametrize("profile", ["bk.plone:uninstall", "bk.plone:demo"])
def test_profile_hidden(portal, profile):
    hidden = {
        name
        for utility in getAllUtilitiesRegisteredFor(INonInstallable)
        for name in utility.getNonInstallableProfiles()
    }
    assert profile in hidden


def test_default_profile_offered(portal):
    assert "bk.plone:default" not in HiddenProfiles().getNonInstallableProfiles()


def test_addon_listed_once_in_addons_panel(portal, installer):
    assert installer.is_product_installable("bk.plone")
    assert installer.get_install_profile("bk.plone")["id"] == "bk.plone:default"
    assert installer.get_uninstall_profile("bk.plone")["id"] == "bk.plone:uninstall"
