"""Wrong types and nonsense in REST bodies and parameters: 400 with a message in the
site's language, and nothing changed."""

from tests.helpers.hostile import snapshot

import base64
import pytest


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# name: (role, method, path below the folder, JSON body)
CASES = {
    # @approvals
    "approvals: body is a list": ("Editor", "POST", "r1-21/2/@approvals", []),
    "approvals: body is a string": ("Editor", "POST", "r1-21/2/@approvals", "propose"),
    "approvals: body is null": ("Editor", "POST", "r1-21/2/@approvals", None),
    "approvals: action is a number": (
        "Editor",
        "POST",
        "r1-21/2/@approvals",
        {"action": 1, "transition": "fulfil"},
    ),
    "approvals: transition is a list": (
        "Editor",
        "POST",
        "r1-21/2/@approvals",
        {"action": "propose", "transition": ["fulfil"]},
    ),
    "approvals: comment is an object": (
        "Editor",
        "POST",
        "r1-21/2/@approvals",
        {"action": "propose", "transition": "fulfil", "comment": {"a": 1}},
    ),
    "approvals: unknown action": (
        "Editor",
        "POST",
        "r1-21/2/@approvals",
        {"action": "explode", "transition": "fulfil"},
    ),
    "approvals: unknown transition": (
        "Editor",
        "POST",
        "r1-21/2/@approvals",
        {"action": "propose", "transition": "delete"},
    ),
    "approvals: uid is a number": (
        "MayorsOffice",
        "POST",
        "@approvals",
        {"action": "approve", "uid": 5},
    ),
    "approvals: proposal id is an object": (
        "MayorsOffice",
        "POST",
        "r1-21/1/@approvals",
        {"action": "approve", "proposal": {}},
    ),
    # @import-letters
    "import: files is a string": (
        "MayorsOffice",
        "POST",
        "@import-letters",
        {"files": "x"},
    ),
    "import: files holds numbers": (
        "MayorsOffice",
        "POST",
        "@import-letters",
        {"files": [1]},
    ),
    "import: data is not base64": (
        "MayorsOffice",
        "POST",
        "@import-letters",
        {"files": [{"filename": "a.txt", "data": "%%%"}]},
    ),
    "import: filename is a number": (
        "MayorsOffice",
        "POST",
        "@import-letters",
        {"files": [{"filename": 7, "data": b64(b"x")}]},
    ),
    "import: dry_run is a string": (
        "MayorsOffice",
        "POST",
        "@import-letters",
        {"files": [{"filename": "a.txt", "data": b64(b"x")}], "dry_run": "ja"},
    ),
    "import: too many files": (
        "MayorsOffice",
        "POST",
        "@import-letters",
        {"files": [{"filename": f"{i}.txt", "data": b64(b"x")} for i in range(101)]},
    ),
    # @workflow
    "workflow: unknown transition": (
        "MayorsOffice",
        "POST",
        "r1-21/@workflow/explode",
        {},
    ),
    "workflow: publish a confidential resolution": (
        "MayorsOffice",
        "POST",
        "c1-21/@workflow/publish",
        {},
    ),
    # content
    "resolution: paper reference is a number": (
        "MayorsOffice",
        "PATCH",
        "r1-21",
        {"paper_reference": 123},
    ),
    "resolution: paper reference with a path": (
        "MayorsOffice",
        "PATCH",
        "r1-21",
        {"paper_reference": "V1/../../acl_users"},
    ),
    "resolution: confidential is a word": (
        "MayorsOffice",
        "PATCH",
        "r1-21",
        {"confidential": "vielleicht"},
    ),
    "resolution: date is not a date": (
        "MayorsOffice",
        "PATCH",
        "r1-21",
        {"next_control_date": "morgen"},
    ),
    "resolution: date is impossible": (
        "MayorsOffice",
        "PATCH",
        "r1-21",
        {"decision_date": "2024-02-30"},
    ),
    "resolution: unknown deciding body": (
        "MayorsOffice",
        "PATCH",
        "r1-21",
        {"body": "Geheimrat"},
    ),
    "resolution: javascript link": (
        "MayorsOffice",
        "PATCH",
        "r1-21",
        {"oparl_paper": "javascript:alert(1)"},
    ),
    "resolution: link whose brackets do not close": (
        "MayorsOffice",
        "PATCH",
        "r1-21",
        {"oparl_web": "http://[::1/vorlage"},
    ),
    "resolution: link without a host": (
        "MayorsOffice",
        "PATCH",
        "r1-21",
        {"oparl_paper": "https:///oparl/paper/1"},
    ),
    "resolution: control before decision": (
        "MayorsOffice",
        "PATCH",
        "r1-21",
        {"decision_date": "2024-05-01", "next_control_date": "2024-01-01"},
    ),
    "point: number is a number": ("MayorsOffice", "PATCH", "r1-21/2", {"number": 5}),
    "point: number with a path": (
        "MayorsOffice",
        "PATCH",
        "r1-21/2",
        {"number": "../1"},
    ),
    "point: duplicate number": ("MayorsOffice", "PATCH", "r1-21/2", {"number": "1"}),
    "point: due date is a list": (
        "MayorsOffice",
        "PATCH",
        "r1-21/2",
        {"due_date": [2024]},
    ),
    "add: resolution without paper reference": (
        "MayorsOffice",
        "POST",
        "",
        {"@type": "Resolution", "title": "Ohne"},
    ),
    "add: resolution with an existing paper reference": (
        "MayorsOffice",
        "POST",
        "",
        {"@type": "Resolution", "paper_reference": "R1/21"},
    ),
}

# Not a wrong value but a forbidden act: 403.
FORBIDDEN = {
    "add: point outside a resolution": (
        "MayorsOffice",
        "POST",
        "",
        {"@type": "ControlPoint", "number": "1"},
    ),
}


@pytest.mark.parametrize("name", [*CASES, *FORBIDDEN])
def test_wrong_rest_input_refused(world, role_users, http_session, tried, name):
    role, method, path, body = CASES.get(name) or FORBIDDEN[name]
    before = snapshot(world.aq_parent)
    session = http_session(role_users[role], json=True)
    session.headers["Accept-Language"] = "de"
    response = session.request(
        method, f"{world.absolute_url()}/{path}".rstrip("/"), json=body
    )
    tried(f"rest: wrong types and values ({name.split(':')[0]})")
    assert response.status_code == (403 if name in FORBIDDEN else 400), response.text[
        :400
    ]
    error = response.json().get("error") or response.json()
    message = error.get("message") if isinstance(error, dict) else str(error)
    assert message
    assert "Traceback" not in message
    assert snapshot(world.aq_parent) == before


@pytest.mark.parametrize(
    "query",
    [
        "b_size=abc",
        "b_start=-5",
        "sort_on=__class__",
        "sort_order=sideways",
        "year=1e9",
        "status=explodiert",
        "due_within=-1",
        "overdue=vielleicht",
    ],
)
def test_wrong_overview_parameters_refused(
    world, role_users, http_session, tried, query
):
    session = http_session(role_users["CouncilMember"], json=True)
    response = session.get(f"{world.absolute_url()}/@control-overview?{query}")
    tried("rest: wrong overview parameters")
    assert response.status_code == 400, response.text[:300]
    assert response.json()["error"]["message"]
