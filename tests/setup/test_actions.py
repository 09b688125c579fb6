"""The "Import letters" tab: on folders and the site, for who may import."""

from plone import api

import pytest


@pytest.fixture
def folder(portal):
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=portal, type="Folder", id="beschluesse")
        api.content.transition(obj=folder, transition="publish")
        return folder


def tab(context, name="bk-import-letters"):
    actions = api.portal.get_tool("portal_actions").listFilteredActionsFor(context)
    return [a for a in actions.get("object", []) if a["id"] == name]


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("MayorsOffice", True),
        ("Site Administrator", True),
        ("Editor", False),
        ("CouncilMember", False),
        ("Member", False),
    ],
)
def test_tab_for_who_may_import(folder, users, role, shown):
    with api.env.adopt_user(username=users[role]):
        found = tab(folder)
    assert bool(found) is shown
    if shown:
        assert found[0]["url"] == f"{folder.absolute_url()}/@@import-letters"


def test_no_tab_on_a_resolution(folder):
    with api.env.adopt_roles(["Manager"]):
        resolution = api.content.create(
            container=folder, type="Resolution", paper_reference="V0220/14", title="K"
        )
        assert tab(resolution) == []


@pytest.mark.parametrize("role", ["MayorsOffice", "Editor", "CouncilMember", "Member"])
def test_overview_tab_for_who_may_view(folder, users, role):
    with api.env.adopt_user(username=users[role]):
        (found,) = tab(folder, "bk-control-overview")
    assert found["url"] == f"{folder.absolute_url()}/@@control-overview"


def test_no_overview_tab_on_a_resolution(folder):
    with api.env.adopt_roles(["Manager"]):
        resolution = api.content.create(
            container=folder, type="Resolution", paper_reference="V0220/14", title="K"
        )
        assert tab(resolution, "bk-control-overview") == []


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("MayorsOffice", True),
        ("Site Administrator", True),
        ("Editor", False),
        ("CouncilMember", False),
        ("Member", False),
    ],
)
def test_council_system_tab_once_its_address_is_set(folder, users, role, shown):
    with api.env.adopt_user(username=users[role]):
        assert tab(folder, "bk-oparl-import") == []
    api.portal.set_registry_record(
        "bk.plone.oparl_endpoint", "https://ris.example.org/oparl/v1/system"
    )
    with api.env.adopt_user(username=users[role]):
        found = tab(folder, "bk-oparl-import")
    assert bool(found) is shown
    if shown:
        assert found[0]["url"] == f"{folder.absolute_url()}/@@oparl-import"


def test_worklist_above_log_out_in_the_personal_bar(portal):
    user_actions = list(api.portal.get_tool("portal_actions")["user"].objectIds())
    assert user_actions.index("bk-approvals") == user_actions.index("logout") - 1
