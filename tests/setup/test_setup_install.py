from bk.plone import PACKAGE_NAME
from plone import api

import pytest


class TestSetupInstall:
    def test_addon_installed(self, installer):
        assert installer.is_product_installed(PACKAGE_NAME) is True

    def test_browserlayer(self, browser_layers):
        from bk.plone.interfaces import IBrowserLayer

        assert IBrowserLayer in browser_layers

    def test_latest_version(self, profile_last_version):
        assert profile_last_version(f"{PACKAGE_NAME}:default") == "1000"

    @pytest.mark.parametrize(
        "dependency",
        [
            "plone.app.dexterity",
            "plone.app.registry",
            "plone.restapi",
            "plone.app.layout",
        ],
    )
    def test_dependency_installed(self, setup_tool, dependency):
        assert setup_tool.getLastVersionForProfile(f"{dependency}:default") != "unknown"

    def test_controlpanel_configlet(self, controlpanel_actions):
        assert "bk-settings" in controlpanel_actions

    @pytest.mark.parametrize(
        ("record", "expected"),
        [
            ("municipality", "Landeshauptstadt Dresden"),
            ("issuer", "Der Oberbürgermeister"),
            ("signatory", "Dirk Hilbert"),
            ("salutation", "Sehr geehrte Fraktionen und Mitglieder des Stadtrates,"),
            ("fulfilled_sentence", "Der Beschlusspunkt ist erfüllt."),
            ("closing", "Mit freundlichen Grüßen"),
            ("reminder_lead_days", 14),
        ],
    )
    def test_settings_defaults(self, portal, record, expected):
        assert api.portal.get_registry_record(f"bk.plone.{record}") == expected
