"""Upgrade steps: a site installed at an older profile version reaches the new one."""

from plone import api

import pytest


@pytest.fixture
def site_at_1000(portal):
    """A site as version 1000 left it: no import permission, no phrase settings."""
    setup_tool = api.portal.get_tool("portal_setup")
    portal.manage_permission("bk.plone: Import letters", roles=[], acquire=0)
    registry = api.portal.get_tool("portal_registry")
    api.portal.get_tool("portal_actions").object.manage_delObjects(
        ["bk-import-letters"]
    )
    for name in ("import_fulfilled_phrases", "import_open_phrases"):
        del registry.records[f"bk.plone.{name}"]
    setup_tool.setLastVersionForProfile("bk.plone:default", "1000")
    return portal


def test_upgrade_step_registered(setup_tool):
    listed = setup_tool.listUpgrades("bk.plone:default", show_old=True)
    # upgradeSteps blocks are listed as groups
    steps = [
        s for group in listed for s in (group if isinstance(group, list) else [group])
    ]
    assert {(s["source"], s["dest"]) for s in steps} == {
        (("1000",), ("1001",)),
        (("1001",), ("1002",)),
        (("1002",), ("1003",)),
        (("1003",), ("1004",)),
        (("1004",), ("1005",)),
        (("1005",), ("1006",)),
    }


def test_upgrade_1000_to_1001(site_at_1000, setup_tool):
    setup_tool.upgradeProfile("bk.plone:default", dest="1001")
    assert setup_tool.getLastVersionForProfile("bk.plone:default") == ("1001",)
    roles = {
        r["name"]
        for r in site_at_1000.rolesOfPermission("bk.plone: Import letters")
        if r["selected"]
    }
    assert roles == {"Manager", "Site Administrator", "MayorsOffice"}
    phrases = api.portal.get_registry_record("bk.plone.import_fulfilled_phrases")
    assert "ist (somit) (vollständig) umgesetzt" in phrases
    assert "bk-import-letters" in api.portal.get_tool("portal_actions").object
    assert "bk-control-overview" in api.portal.get_tool("portal_actions").object


@pytest.fixture
def site_at_1001(portal):
    """A site as version 1001 left it: Resolution with plone.basic, no write
    permission of the decided text in the workflows, @transactions for Members."""
    setup_tool = api.portal.get_tool("portal_setup")
    fti = api.portal.get_tool("portal_types")["Resolution"]
    fti.behaviors = ("plone.basic", *fti.behaviors)
    portal.manage_permission(
        "List undoable changes",
        roles=["Manager", "Site Administrator", "Member"],
        acquire=1,
    )
    with api.env.adopt_roles(["Manager"]):
        resolution = api.content.create(
            container=portal,
            type="Resolution",
            id="alt",
            title="Alt",
            paper_reference="A1/20",
        )
    resolution.manage_permission("bk.plone: Modify decision", roles=[], acquire=1)
    del api.portal.get_tool("portal_registry").records["bk.plone.allowed_origins"]
    setup_tool.setLastVersionForProfile("bk.plone:default", "1001")
    return portal


def test_upgrade_1001_to_1002(site_at_1001, setup_tool):
    setup_tool.upgradeProfile("bk.plone:default", dest="1002")
    assert setup_tool.getLastVersionForProfile("bk.plone:default") == ("1002",)
    fti = api.portal.get_tool("portal_types")["Resolution"]
    assert "plone.basic" not in fti.behaviors
    assert "bk.plone.responsible_office" in fti.behaviors

    def roles(obj, permission):
        return {r["name"] for r in obj.rolesOfPermission(permission) if r["selected"]}

    for permission in ("List undoable changes", "Undo changes"):
        assert roles(site_at_1001, permission) == {"Manager", "Site Administrator"}
    assert roles(site_at_1001, "Sharing page: Delegate Editor role") == {
        "Manager",
        "Site Administrator",
        "MayorsOffice",
    }
    # the draft resolution took its workflow's new mapping
    assert roles(site_at_1001["alt"], "bk.plone: Modify decision") == {
        "Manager",
        "Site Administrator",
        "MayorsOffice",
        "Owner",
        "Contributor",
    }
    workflow = api.portal.get_tool("portal_workflow")["bk_resolution_workflow"]
    assert "withhold" in workflow.transitions
    report_workflow = api.portal.get_tool("portal_workflow")[
        "bk_control_report_workflow"
    ]
    assert "withdrawn" in report_workflow.states
    assert api.portal.get_registry_record("bk.plone.allowed_origins") == []


@pytest.fixture
def site_at_1002(portal):
    """A site as version 1002 left it: bk.plone's stylesheet only on some pages, no
    worklist in the personal bar, resolutions not found by their points' texts."""
    from plone.app.textfield.value import RichTextValue
    from plone.dexterity.utils import createContentInContainer
    from Products.CMFCore.indexing import processQueue

    with api.env.adopt_roles(["Manager"]):
        resolution = createContentInContainer(
            portal, "Resolution", id="neu", title="Neu", paper_reference="N1/24"
        )
        point = createContentInContainer(resolution, "ControlPoint", number="1")
    processQueue()
    # written without an event: 1002 never reindexed the resolution for it
    point.resolution_text = RichTextValue("<p>Trinkwasserbrunnen</p>", "text/html")
    assert not api.content.find(
        SearchableText="Trinkwasserbrunnen", portal_type="Resolution"
    )
    registry = api.portal.get_tool("portal_registry")
    for name in [
        r for r in registry.records if r.startswith("plone.bundles/bk-plone.")
    ]:
        del registry.records[name]
    api.portal.get_tool("portal_actions").user.manage_delObjects(["bk-approvals"])
    api.portal.get_tool("portal_setup").setLastVersionForProfile(
        "bk.plone:default", "1002"
    )
    return portal


def test_upgrade_1002_to_1003(site_at_1002, setup_tool):
    setup_tool.upgradeProfile("bk.plone:default", dest="1003")
    assert setup_tool.getLastVersionForProfile("bk.plone:default") == ("1003",)
    assert (
        api.portal.get_registry_record("plone.bundles/bk-plone.csscompilation")
        == "++resource++bk.plone/bk.css"
    )
    assert "bk-approvals" in api.portal.get_tool("portal_actions").user
    found = api.content.find(
        SearchableText="Trinkwasserbrunnen", portal_type="Resolution"
    )
    assert [b.getId for b in found] == ["neu"]


LETTER_LAYOUT_RECORDS = ("letter_form", "page_numbers", "return_address", "contact")


@pytest.fixture
def site_at_1003(portal):
    """A site as version 1003 left it: no letter layout settings."""
    registry = api.portal.get_tool("portal_registry")
    for name in LETTER_LAYOUT_RECORDS:
        del registry.records[f"bk.plone.{name}"]
    # the phrases as 1003 shipped them, the site's own first, one default removed
    api.portal.set_registry_record(
        "bk.plone.import_fulfilled_phrases",
        ["ist erledigt, wie wir es schreiben", "ist (somit) (vollständig) erfüllt"],
    )
    api.portal.set_registry_record(
        "bk.plone.import_open_phrases", ["offen", "noch offen"]
    )
    api.portal.get_tool("portal_setup").setLastVersionForProfile(
        "bk.plone:default", "1003"
    )
    return portal


def test_upgrade_1003_to_1004(site_at_1003, setup_tool):
    from bk.plone.letter.settings import letter_settings

    # before: the letter still renders, in form B on every page
    assert letter_settings().letter_form == ""
    setup_tool.upgradeProfile("bk.plone:default", dest="1004")
    assert setup_tool.getLastVersionForProfile("bk.plone:default") == ("1004",)
    assert api.portal.get_registry_record("bk.plone.letter_form") == "B"
    assert api.portal.get_registry_record("bk.plone.page_numbers") == "all"
    assert api.portal.get_registry_record("bk.plone.return_address") == ""
    fulfilled = api.portal.get_registry_record("bk.plone.import_fulfilled_phrases")
    assert fulfilled[0] == "ist erledigt, wie wir es schreiben"
    assert "sind (somit) abgeschlossen" in fulfilled
    assert "ist (somit) erledigt" not in fulfilled  # the site had removed it
    assert "steht (noch) aus" in api.portal.get_registry_record(
        "bk.plone.import_open_phrases"
    )


def test_phrases_added_by_1004_are_defaults():
    from bk.plone.importer.states import DEFAULT_FULFILLED_PHRASES
    from bk.plone.importer.states import DEFAULT_OPEN_PHRASES
    from bk.plone.upgrades.v1004 import PHRASES

    assert set(PHRASES["bk.plone.import_fulfilled_phrases"]) <= set(
        DEFAULT_FULFILLED_PHRASES
    )
    assert set(PHRASES["bk.plone.import_open_phrases"]) <= set(DEFAULT_OPEN_PHRASES)


@pytest.fixture
def site_at_1004(portal):
    """A site as version 1004 left it: a point workflow without `superseded`, no
    delay setting, no due dates on the resolutions' catalog entries."""
    from datetime import date
    from plone.dexterity.utils import createContentInContainer

    workflow = api.portal.get_tool("portal_workflow")["bk_control_point_workflow"]
    for state in ("open", "in_progress"):
        exits = workflow.states[state].transitions
        workflow.states[state].transitions = tuple(t for t in exits if t != "supersede")
    workflow.states.deleteStates(["superseded"])
    workflow.transitions.deleteTransitions(["supersede"])
    del api.portal.get_tool("portal_registry").records["bk.plone.show_delays"]
    api.portal.get_tool("portal_actions").object.manage_delObjects(["bk-control-list"])
    api.portal.get_tool("portal_types").manage_delObjects(["ControlListReport"])
    api.portal.get_tool("portal_workflow").manage_delObjects(
        ["bk_control_list_workflow"]
    )
    with api.env.adopt_roles(["Manager"]):
        resolution = api.content.create(
            container=portal, type="Resolution", title="Alt", paper_reference="A1/20"
        )
        point = createContentInContainer(
            resolution, "ControlPoint", number="1", due_date=date(2020, 1, 1)
        )
        api.content.transition(obj=point, transition="start")
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delColumn("bk_point_dues")
    catalog.delColumn("bk_last_issued")
    catalog.delIndex("bk_has_oparl")
    api.portal.get_tool("portal_setup").setLastVersionForProfile(
        "bk.plone:default", "1004"
    )
    return resolution


def test_upgrade_1004_to_1005(site_at_1004, setup_tool):
    setup_tool.upgradeProfile("bk.plone:default", dest="1005")
    assert setup_tool.getLastVersionForProfile("bk.plone:default") == ("1005",)
    workflow = api.portal.get_tool("portal_workflow")["bk_control_point_workflow"]
    assert set(workflow.states) == {"open", "in_progress", "fulfilled", "superseded"}
    assert set(workflow.transitions) == {
        "start",
        "fulfil",
        "reopen",
        "supersede",
    }
    point = site_at_1004["1"]
    assert api.content.get_state(point) == "in_progress"  # existing states kept
    (brain,) = api.content.find(UID=api.content.get_uuid(site_at_1004))
    assert brain.bk_point_dues == [
        {"number": "1", "due": "2020-01-01", "reason": False}
    ]
    assert brain.bk_last_issued is None
    found = api.content.find(UID=api.content.get_uuid(site_at_1004), bk_has_oparl=False)
    assert len(found) == 1
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=point, transition="supersede")
    assert api.portal.get_registry_record("bk.plone.show_delays") is True
    assert "ControlListReport" in api.portal.get_tool("portal_types")
    assert "bk-control-list" in api.portal.get_tool("portal_actions").object
    chain = api.portal.get_tool("portal_workflow").getChainForPortalType(
        "ControlListReport"
    )
    assert chain == ("bk_control_list_workflow",)
    (brain,) = api.content.find(UID=api.content.get_uuid(site_at_1004))
    assert brain.bk_status == "superseded"
    assert brain.bk_point_dues == []


@pytest.fixture
def site_at_1005(portal):
    """A site as version 1005 left it: no OParl settings, resolutions not findable
    by their paper in the council system."""
    registry = api.portal.get_tool("portal_registry")
    for name in (
        "oparl_endpoint",
        "oparl_paper_types",
        "oparl_no_decision",
        "oparl_names",
    ):
        del registry.records[f"bk.plone.{name}"]
    with api.env.adopt_roles(["Manager"]):
        resolution = api.content.create(
            container=portal,
            type="Resolution",
            title="Alt",
            paper_reference="A1/20",
            oparl_paper="https://ris.example.org/oparl/paper/1",
        )
    api.portal.get_tool("portal_catalog").delIndex("bk_oparl_paper")
    api.portal.get_tool("portal_catalog").delIndex("bk_oparl_pending")
    api.portal.get_tool("portal_actions").object.manage_delObjects(["bk-oparl-import"])
    api.portal.get_tool("portal_setup").setLastVersionForProfile(
        "bk.plone:default", "1005"
    )
    return resolution


def test_upgrade_1005_to_1006(site_at_1005, setup_tool):
    setup_tool.upgradeProfile("bk.plone:default", dest="1006")
    assert setup_tool.getLastVersionForProfile("bk.plone:default") == ("1006",)
    assert api.portal.get_registry_record("bk.plone.oparl_endpoint") is None
    assert "Vertagt" in api.portal.get_registry_record("bk.plone.oparl_no_decision")
    assert "bk-oparl-import" in api.portal.get_tool("portal_actions").object
    found = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        bk_oparl_paper="https://ris.example.org/oparl/paper/1"
    )
    assert [brain.UID for brain in found] == [api.content.get_uuid(site_at_1005)]
    waiting = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="Resolution", bk_oparl_pending=False
    )
    assert len(waiting) == 1
