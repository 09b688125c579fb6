"""PortalTransforms' chain of transforms is remembered per committed state of its
registry (patches.py): the same chain as the search finds, and a new chain as soon
as transforms or policies change, committed or not."""

from bk.plone import patches
from plone import api
from Products.PortalTransforms.TransformEngine import TransformTool

import transaction


def names(path):
    return None if path is None else [t.name() for t in path]


def test_installed():
    assert TransformTool._findPath is patches._remembered_path


def test_remembered_chain_is_the_searched_one(functional_portal):
    tool = api.portal.get_tool("portal_transforms")
    for source, target, required in [
        ("text/html", "text/x-html-safe", ["html_to_plone_outputfilters_html"]),
        ("text/html", "text/plain", []),
        ("text/plain", "text/html", []),
        ("text/html", "text/html", []),
        ("text/html", "application/x-no-such-type", []),
    ]:
        searched = names(patches._find_path(tool, source, target, list(required)))
        assert names(tool._findPath(source, target, list(required))) == searched
        # asked again: from memory, the same
        assert names(tool._findPath(source, target, list(required))) == searched
    assert patches.registry_state(tool) is not None


def test_a_changed_registry_gives_a_new_chain(functional_portal):
    tool = api.portal.get_tool("portal_transforms")
    assert names(tool._findPath("text/html", "text/plain")) == ["html_to_text"]
    tool.unregisterTransform("html_to_text")
    # not committed: never remembered, searched each time
    assert patches.registry_state(tool) is None
    after = names(tool._findPath("text/html", "text/plain"))
    assert after != ["html_to_text"]
    transaction.commit()
    assert patches.registry_state(tool) is not None
    assert names(tool._findPath("text/html", "text/plain")) == after


def test_safe_html_unchanged_by_the_memory(functional_portal):
    tool = api.portal.get_tool("portal_transforms")
    html = '<p onclick="x()">Text<script>alert(1)</script></p>'
    for _ in range(2):
        data = tool.convertTo("text/x-html-safe", html, mimetype="text/html")
        assert data.getData() == "<p>Text</p>"


def test_a_transform_mapped_anew_gives_a_new_chain(functional_portal):
    """Configuring a transform (its inputs, its output) unmaps and maps it again
    without adding or removing an object of the tool: still a new chain."""
    tool = api.portal.get_tool("portal_transforms")
    assert names(tool._findPath("text/html", "text/plain")) == ["html_to_text"]
    tool._unmapTransform(tool.html_to_text)
    assert patches.registry_state(tool) is None
    assert names(tool._findPath("text/html", "text/plain")) != ["html_to_text"]
    transaction.commit()
    assert names(tool._findPath("text/html", "text/plain")) != ["html_to_text"]
