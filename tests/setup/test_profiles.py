"""The profiles are registered as the public contract in DESIGN.md names them."""

from Products.GenericSetup import EXTENSION

import pytest


@pytest.mark.parametrize("profile", ["default", "uninstall", "demo"])
def test_profile_registered(setup_tool, profile):
    info = setup_tool.getProfileInfo(f"bk.plone:{profile}")
    assert info["product"] == "bk.plone"
    assert info["type"] == EXTENSION


def test_demo_profile_depends_on_default(setup_tool):
    assert setup_tool.getDependenciesForProfile("bk.plone:demo") == (
        "profile-bk.plone:default",
    )
