from bk.plone import PACKAGE_NAME
from plone import api

import pytest


class TestSetupUninstall:
    @pytest.fixture(autouse=True)
    def uninstalled(self, installer):
        installer.uninstall_product(PACKAGE_NAME)

    def test_addon_uninstalled(self, installer):
        assert installer.is_product_installed(PACKAGE_NAME) is False

    def test_browserlayer_removed(self, browser_layers):
        from bk.plone.interfaces import IBrowserLayer

        assert IBrowserLayer not in browser_layers

    def test_registry_records_removed(self, portal):
        registry = api.portal.get_tool("portal_registry")
        assert [key for key in registry.records if key.startswith("bk.plone.")] == []

    def test_controlpanel_configlet_removed(self, controlpanel_actions):
        assert "bk-settings" not in controlpanel_actions

    @pytest.mark.parametrize(
        "portal_type", ["Resolution", "ControlPoint", "ControlReport"]
    )
    def test_type_removed(self, portal, portal_type):
        assert portal_type not in api.portal.get_tool("portal_types")

    @pytest.mark.parametrize(
        "workflow",
        [
            "bk_resolution_workflow",
            "bk_control_point_workflow",
            "bk_control_report_workflow",
        ],
    )
    def test_workflow_removed(self, portal, workflow):
        assert workflow not in api.portal.get_tool("portal_workflow")

    @pytest.mark.parametrize("index", ["paper_reference", "bk_status", "bk_paper_key"])
    def test_index_removed(self, portal, index):
        assert index not in api.portal.get_tool("portal_catalog").indexes()


def test_import_action_removed(installer, portal):
    installer.uninstall_product(PACKAGE_NAME)
    actions = api.portal.get_tool("portal_actions").object
    assert "bk-import-letters" not in actions
    assert "bk-control-overview" not in actions
