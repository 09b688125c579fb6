"""The same permission matrix, as the real roles over HTTP through plone.restapi."""

from tests.helpers.oparl_server import oparl_server
from tests.helpers.permissions import build
from tests.helpers.permissions import EXPECTED
from tests.helpers.permissions import ROLES
from tests.helpers.permissions import TRANSITIONS

import pytest
import transaction


ALLOWED_STATUS = {200, 201, 204}


@pytest.fixture(scope="module")
def oparl_url():
    with oparl_server() as system:
        yield system.url("system")


@pytest.fixture
def scenario(functional_portal, role_users, oparl_url):
    from plone import api

    objects = build(functional_portal, role_users["Editor"])
    api.portal.set_registry_record("bk.plone.oparl_endpoint", oparl_url)
    transaction.commit()
    return objects


def request_for(action, base, oparl_url):
    """(method, url, json body) performing the action."""
    html = {
        "data": "<p>Sachstand</p>",
        "content-type": "text/html",
        "encoding": "utf-8",
    }
    requests = {
        "view draft resolution": ("GET", f"{base}/d1-21", None),
        "view released resolution": ("GET", f"{base}/r1-21", None),
        "view public resolution": ("GET", f"{base}/p1-21", None),
        "view point of draft": ("GET", f"{base}/d1-21/1", None),
        "view point of released": ("GET", f"{base}/r1-21/1", None),
        "add resolution": (
            "POST",
            base,
            {"@type": "Resolution", "paper_reference": "N9/21", "title": "Neu"},
        ),
        "add point to draft": (
            "POST",
            f"{base}/d1-21",
            {"@type": "ControlPoint", "number": "9"},
        ),
        "add point to released": (
            "POST",
            f"{base}/r1-21",
            {"@type": "ControlPoint", "number": "9"},
        ),
        "edit draft resolution": ("PATCH", f"{base}/d1-21", {"title": "Geändert"}),
        "edit released resolution": ("PATCH", f"{base}/r1-21", {"title": "Geändert"}),
        "edit decided text of released point": (
            "PATCH",
            f"{base}/r1-21/1",
            {"resolution_text": html},
        ),
        "share draft resolution": (
            "POST",
            f"{base}/d1-21/@sharing",
            {
                "entries": [
                    {"id": "member-user", "type": "user", "roles": {"Reader": True}}
                ]
            },
        ),
        "edit report of open point": (
            "PATCH",
            f"{base}/r1-21/1",
            {"status_report": html},
        ),
        "edit report of in_progress point": (
            "PATCH",
            f"{base}/r1-21/2",
            {"status_report": html},
        ),
        "edit report of fulfilled point": (
            "PATCH",
            f"{base}/r1-21/3",
            {"status_report": html},
        ),
        "edit delay of in_progress point": (
            "PATCH",
            f"{base}/r1-21/2",
            {"delay_reason": "Vergabe verzögert", "target_date": "2030-06-30"},
        ),
        "edit delay of fulfilled point": (
            "PATCH",
            f"{base}/r1-21/3",
            {"delay_reason": "Vergabe verzögert", "target_date": "2030-06-30"},
        ),
        "name superseding paper of released point": (
            "PATCH",
            f"{base}/r1-21/2",
            {"superseded_by": "V9/22"},
        ),
        "supersede resolution": (
            "POST",
            f"{base}/r1-21/@supersede",
            {"superseded_by": "V9/22"},
        ),
        "sync with council system": (
            "POST",
            f"{base}/@oparl-import",
            {"url": oparl_url, "dry_run": True},
        ),
        "decide changed council text of released resolution": (
            "POST",
            f"{base}/r1-21/@oparl-text",
            {"action": "dismiss"},
        ),
        "propose": (
            "POST",
            f"{base}/r1-21/3/@approvals",
            {"action": "propose", "transition": "reopen", "comment": "wieder offen"},
        ),
        "approve": ("POST", f"{base}/r1-21/1/@approvals", {"action": "approve"}),
        "decline": (
            "POST",
            f"{base}/r1-21/1/@approvals",
            {"action": "decline", "comment": "nein"},
        ),
    }
    if action in TRANSITIONS:
        path, transition = TRANSITIONS[action]
        return "POST", f"{base}/{path}/@workflow/{transition}", {}
    return requests[action]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(EXPECTED))
def test_matrix(
    functional_portal,
    role_users,
    scenario,
    http_session,
    record,
    oparl_url,
    action,
    role,
):
    session = http_session(role_users.get(role), json=True)
    method, url, body = request_for(action, functional_portal.absolute_url(), oparl_url)
    response = session.request(method, url, json=body)
    allowed = response.status_code in ALLOWED_STATUS
    record("REST", action, role, allowed)
    assert allowed is (role in EXPECTED[action]), (
        response.status_code,
        response.text[:300],
    )
    if not allowed:
        assert response.status_code in {400, 401, 403, 404}
