"""Path tricks: ids that would escape their folder or shadow views, and URLs that try
to reach what a user may not see through acquisition or dunder names."""

from tests.helpers.hostile import snapshot

import pytest


@pytest.mark.parametrize(
    "new_id",
    [
        "../evil",
        "a/b",
        "..",
        ".",
        "acl_users",
        "view",
        "@@letter",
        "aq_parent",
        "__class__",
        "REQUEST",
        "%2e%2e",
    ],
)
def test_tricky_ids_refused(world, role_users, http_session, tried, new_id):
    before = snapshot(world.aq_parent)
    session = http_session(role_users["MayorsOffice"], json=True)
    response = session.post(
        world.absolute_url(),
        json={
            "@type": "Resolution",
            "id": new_id,
            "paper_reference": "X9/24",
            "title": "x",
        },
    )
    tried("paths: tricks in ids and names")
    if response.status_code in (200, 201):
        # Plone may choose a safe id of its own instead: then it stays inside
        created = response.json()["@id"]
        assert created.startswith(world.absolute_url() + "/")
        assert created.rsplit("/", 1)[1] not in (new_id, "..", ".")
    else:
        assert response.status_code == 400, response.text[:300]
        assert snapshot(world.aq_parent) == before


@pytest.mark.parametrize(
    "path",
    [
        "c1-21/aq_parent/c1-21",
        "r1-21/acl_users/manage_main",
        "r1-21/__class__",
        "r1-21/REQUEST",
        "r1-21/_p_jar",
        "r1-21/aq_inner/aq_parent/c1-21/@@letter",
        "r1-21/../c1-21/@@letter.pdf",
        "r1-21/%2e%2e/c1-21/@@letter",
        "p1-21/../c1-21/@@letter",
        "p1-21/..%2fc1-21/@@letter",
        "p1-21/@@letter/../../c1-21",
        "p1-21/c1-21",
        "p1-21/1/../../c1-21/1",
    ],
)
def test_traversal_tricks_show_nothing_hidden(world, http_session, tried, path):
    from tests.helpers.hostile import SECRET

    response = http_session(None).get(f"{world.absolute_url()}/{path}")
    tried("paths: traversal tricks as Anonymous")
    assert SECRET not in response.text
    # no management screen (ZMI pages carry their "zmi-" classes)
    assert "zmi-" not in response.text
