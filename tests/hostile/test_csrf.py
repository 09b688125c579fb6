"""Every state-changing view refuses a POST without the CSRF authenticator (403) and
changes nothing, even when the user may do the change; the REST write services are
not reachable by a cross-site form (no JSON Accept header, which a foreign page
cannot send without CORS)."""

from bk.plone.content import approvals
from tests.helpers.hostile import snapshot
from tests.helpers.seed import SEED

import json
import pytest
import transaction


def proposal_id(world):
    transaction.begin()
    return approvals.open_proposal(world["r1-21"]["1"])["id"]


# name: (role, path below the folder, form data or a function of the world)
FORMS = {
    "propose on the point": (
        "Editor",
        "r1-21/2/@@approvals",
        {"action": "propose", "transition": "fulfil", "comment": "x"},
    ),
    "approve": (
        "MayorsOffice",
        "r1-21/1/@@approvals",
        lambda world: {"action": "approve", "proposal": proposal_id(world)},
    ),
    "decline": (
        "MayorsOffice",
        "r1-21/1/@@approvals",
        lambda world: {
            "action": "decline",
            "proposal": proposal_id(world),
            "comment": "nein",
        },
    ),
    "decide from the worklist": (
        "MayorsOffice",
        "@@approvals",
        lambda world: {
            "action": "approve",
            "uid": world["r1-21"]["1"].UID(),
            "proposal": proposal_id(world),
        },
    ),
    "issue the letter": (
        "MayorsOffice",
        "r1-21/@@issue-letter",
        {"date": "2024-01-10", "form.buttons.issue": "1"},
    ),
    "import letters (preview)": (
        "MayorsOffice",
        "@@import-letters",
        {"form.buttons.preview": "1"},
    ),
    "import letters (import)": (
        "MayorsOffice",
        "@@import-letters",
        {"form.buttons.import": "1", "staged": "abc"},
    ),
    "settings": (
        "Manager",
        "../@@bk-settings",
        {"form.widgets.municipality": "Gefälscht", "form.buttons.save": "Speichern"},
    ),
    "add a resolution": (
        "MayorsOffice",
        "++add++Resolution",
        {
            "form.widgets.paper_reference": "V0999/24",
            "form.widgets.title": "Gefälscht",
            "form.buttons.save": "Speichern",
        },
    ),
    "edit a resolution": (
        "MayorsOffice",
        "r1-21/@@edit",
        {"form.widgets.title": "Gefälscht", "form.buttons.save": "Speichern"},
    ),
    "edit a status report": (
        "Editor",
        "r1-21/2/@@edit",
        {
            "form.widgets.status_report": "<p>Gefälscht</p>",
            "form.buttons.save": "Speichern",
        },
    ),
    "workflow transition (Plone's form)": (
        "MayorsOffice",
        "r1-21/content_status_modify",
        {"workflow_action": "retract"},
    ),
    "workflow transition of a point": (
        "MayorsOffice",
        "r1-21/2/content_status_modify",
        {"workflow_action": "fulfil"},
    ),
    "delete a resolution": (
        "MayorsOffice",
        "r1-21/delete_confirmation",
        {"form.buttons.Delete": "Löschen"},
    ),
    "rename a resolution": (
        "MayorsOffice",
        "r1-21/object_rename",
        {"form.widgets.new_id": "umbenannt", "form.buttons.Rename": "Umbenennen"},
    ),
}


PLONE_FORMS = {
    "delete a resolution",
    "rename a resolution",
}


@pytest.mark.parametrize("name", FORMS)
def test_post_without_authenticator_refused(
    world, role_users, http_session, tried, name
):
    role, path, data = FORMS[name]
    if callable(data):
        data = data(world)
    before = snapshot(world.aq_parent)
    session = http_session(role_users[role])
    files = (
        [("files:list", ("seed.txt", SEED, "text/plain"))] if "import" in name else None
    )
    response = session.post(
        f"{world.absolute_url()}/{path}", data=data, files=files, allow_redirects=False
    )
    tried("csrf: state-changing views")
    if name in PLONE_FORMS:
        # Plone's own forms: plone.protect aborts the transaction of a write
        # without the token (the form itself does not know).
        assert response.status_code in (200, 302, 403)
    else:
        assert response.status_code == 403, response.text[:300]
    assert snapshot(world.aq_parent) == before


# What a foreign page can send: a form post (cookie or basic auth ride along), no
# JSON Accept header.
FORGED_REST = {
    "@approvals": (
        "Editor",
        "r1-21/2/@approvals",
        {"action": "propose", "transition": "fulfil"},
    ),
    "@workflow": ("MayorsOffice", "r1-21/@workflow/retract", {}),
    "@import-letters": ("MayorsOffice", "@import-letters", {"files": []}),
    "content PATCH as POST": ("MayorsOffice", "r1-21", {"title": "Gefälscht"}),
}


@pytest.mark.parametrize("name", FORGED_REST)
@pytest.mark.parametrize("encoding", ["form", "text/plain"])
def test_forged_cross_site_post_to_rest_does_nothing(
    world, role_users, http_session, tried, name, encoding
):
    role, path, body = FORGED_REST[name]
    before = snapshot(world.aq_parent)
    session = http_session(role_users[role])
    url = f"{world.absolute_url()}/{path}"
    if encoding == "form":
        response = session.post(url, data=body, allow_redirects=False)
    else:
        response = session.post(
            url,
            data=json.dumps(body),
            headers={"Content-Type": "text/plain"},
            allow_redirects=False,
        )
    tried("csrf: forged cross-site REST posts")
    assert response.status_code >= 300 or "Gefälscht" not in response.text
    assert snapshot(world.aq_parent) == before


def test_with_authenticator_the_same_post_works(world, role_users, http_session):
    """The refusals above are about the token, not the request (else they prove
    nothing): the same approve with the authenticator changes the point."""
    from tests.helpers.web import token

    session = http_session(role_users["MayorsOffice"])
    url = f"{world.absolute_url()}/r1-21/1/@@approvals"
    before = snapshot(world.aq_parent)
    response = session.post(
        url,
        data={
            "action": "approve",
            "proposal": proposal_id(world),
            "_authenticator": token(session, url),
        },
    )
    assert response.status_code == 200
    assert snapshot(world.aq_parent) != before
