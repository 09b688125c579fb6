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
        assert profile_last_version(f"{PACKAGE_NAME}:default") == "1006"

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


class TestDomainInstalled:
    @pytest.mark.parametrize(
        "portal_type", ["Resolution", "ControlPoint", "ControlReport"]
    )
    def test_type_installed(self, portal, portal_type):
        assert portal_type in api.portal.get_tool("portal_types")

    @pytest.mark.parametrize(
        ("portal_type", "workflow"),
        [
            ("Resolution", "bk_resolution_workflow"),
            ("ControlPoint", "bk_control_point_workflow"),
        ],
    )
    def test_workflow_bound(self, portal, portal_type, workflow):
        chain = api.portal.get_tool("portal_workflow").getChainForPortalType(
            portal_type
        )
        assert chain == (workflow,)

    @pytest.mark.parametrize("role", ["MayorsOffice", "CouncilMember"])
    def test_role_exists(self, portal, role):
        assert role in portal.valid_roles()

    @pytest.mark.parametrize(
        ("group", "role"),
        [("mayors-office", "MayorsOffice"), ("council", "CouncilMember")],
    )
    def test_group_holds_role(self, portal, group, role):
        assert role in api.group.get_roles(groupname=group)

    @pytest.mark.parametrize("role", ["MayorsOffice", "CouncilMember"])
    def test_role_on_sharing_tab(self, portal, role):
        from plone.app.workflow.interfaces import ISharingPageRole
        from zope.component import queryUtility

        assert queryUtility(ISharingPageRole, name=role) is not None

    def test_approval_permission_roles(self, portal):
        roles = {
            r["name"]
            for r in portal.rolesOfPermission("bk.plone: Approve control point")
            if r["selected"]
        }
        assert roles == {"Manager", "Site Administrator", "MayorsOffice"}

    @pytest.mark.parametrize(
        "index",
        [
            "paper_reference",
            "bk_status",
            "next_control_date",
            "decision_date",
            "responsible_office",
            "body",
        ],
    )
    def test_catalog_index(self, portal, index):
        assert index in api.portal.get_tool("portal_catalog").indexes()

    def test_resolution_addable_in_site_and_folders(self, portal):
        fti = api.portal.get_tool("portal_types")["Resolution"]
        assert fti.global_allow is True
        assert fti.allowed_content_types == ("ControlPoint",)

    def test_point_not_addable_outside_resolution(self, portal):
        assert api.portal.get_tool("portal_types")["ControlPoint"].global_allow is False

    def test_point_versioned(self, portal):
        fti = api.portal.get_tool("portal_types")["ControlPoint"]
        assert "plone.versioning" in fti.behaviors
