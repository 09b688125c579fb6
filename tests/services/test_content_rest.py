"""plone.restapi serialises resolutions and points with all fields, points in natural
order; @workflow offers only what the user may fire; @history shows the approvals."""

from datetime import date
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer

import pytest
import transaction


@pytest.fixture
def resolution(functional_portal, role_users):
    with api.env.adopt_roles(["Manager"]):
        resolution = createContentInContainer(
            functional_portal,
            "Resolution",
            paper_reference="V0220/14",
            title="Integrationskonzept 2015 - 2020",
            session_reference="SR/011/2015",
            decision_date=date(2015, 4, 23),
            file_reference="(OB) INAUSLB",
            responsible_office="(OB) INAUSLB",
            next_control_date=date(2021, 6, 30),
        )
        for number in ("2", "10", "1b", "1", "1a"):
            createContentInContainer(
                resolution,
                "ControlPoint",
                number=number,
                resolution_text=RichTextValue(
                    f"<p>Punkt {number}</p>", "text/html", "text/x-html-safe"
                ),
            )
        api.content.transition(obj=resolution, transition="release")
    transaction.commit()
    return resolution


def test_resolution_fields(resolution, http_session, role_users):
    body = (
        http_session(role_users["CouncilMember"], json=True)
        .get(resolution.absolute_url())
        .json()
    )
    assert body["@type"] == "Resolution"
    assert body["paper_reference"] == "V0220/14"
    assert body["session_reference"] == "SR/011/2015"
    assert body["decision_date"] == "2015-04-23"
    assert body["next_control_date"] == "2021-06-30"
    assert body["file_reference"] == "(OB) INAUSLB"
    assert body["body"]["token"] == "Stadtrat"  # noqa: S105 (a token name, not a secret)
    assert body["confidential"] is True
    assert body["review_state"] == "released"


def test_points_listed_in_natural_order(resolution, http_session, role_users):
    body = (
        http_session(role_users["CouncilMember"], json=True)
        .get(resolution.absolute_url())
        .json()
    )
    assert [item["title"] for item in body["items"]] == ["1", "1a", "1b", "2", "10"]


def test_point_fields(resolution, http_session, role_users):
    body = (
        http_session(role_users["Editor"], json=True)
        .get(f"{resolution.absolute_url()}/1a")
        .json()
    )
    assert body["number"] == "1a"
    assert body["resolution_text"]["data"] == "<p>Punkt 1a</p>"
    assert body["status_report"] is None
    assert body["review_state"] == "open"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("MayorsOffice", ["fulfil", "start", "supersede"]),
        ("Editor", []),
        ("CouncilMember", []),
    ],
)
def test_workflow_offers_only_allowed_transitions(
    resolution, http_session, role_users, role, expected
):
    body = (
        http_session(role_users[role], json=True)
        .get(f"{resolution.absolute_url()}/1/@workflow")
        .json()
    )
    assert sorted(t["@id"].rsplit("/", 1)[1] for t in body["transitions"]) == expected


def test_confidential_resolution_offers_no_publish(
    resolution, http_session, role_users
):
    body = (
        http_session(role_users["MayorsOffice"], json=True)
        .get(f"{resolution.absolute_url()}/@workflow")
        .json()
    )
    assert [t["@id"].rsplit("/", 1)[1] for t in body["transitions"]] == ["retract"]


def test_history_shows_proposal_and_approval(resolution, http_session, role_users):
    url = f"{resolution.absolute_url()}/1"
    editor = http_session(role_users["Editor"], json=True)
    office = http_session(role_users["MayorsOffice"], json=True)
    assert editor.post(
        f"{url}/@approvals",
        json={"action": "propose", "transition": "start", "comment": "Begonnen."},
    ).ok
    assert office.post(f"{url}/@approvals", json={"action": "approve"}).ok
    for reader in (office, editor):
        history = reader.get(f"{url}/@history").json()
        entries = [
            (h["action"], h["actor"]["id"], h["comments"])
            for h in history
            if h["type"] == "workflow"
        ]
        assert ("Vorgeschlagen: Beginnen", role_users["Editor"], "Begonnen.") in entries
        assert ("start", role_users["MayorsOffice"], "Begonnen.") in entries


def test_worklist_over_rest(resolution, http_session, role_users):
    editor = http_session(role_users["Editor"], json=True)
    office = http_session(role_users["MayorsOffice"], json=True)
    editor.post(
        f"{resolution.absolute_url()}/1a/@approvals",
        json={"action": "propose", "transition": "fulfil", "comment": "Erledigt."},
    )
    body = office.get(f"{resolution.absolute_url()}/@approvals").json()
    assert body["items_total"] == 1
    (row,) = body["items"]
    assert row["number"] == "1a"
    assert row["proposal"]["transition"] == "fulfil"
    assert row["proposal"]["proposer"] == role_users["Editor"]
    assert row["resolution"]["paper_reference"] == "V0220/14"
    # and the mayor's office decides by UID from the worklist
    decided = office.post(
        f"{resolution.absolute_url()}/@approvals",
        json={"action": "approve", "uid": row["uid"], "comment": "Danke."},
    )
    assert decided.status_code == 200
    transaction.begin()
    assert api.content.get_state(resolution["1a"]) == "fulfilled"


def test_state_title_in_german(resolution, http_session, role_users):
    body = (
        http_session(role_users["MayorsOffice"], json=True)
        .get(f"{resolution.absolute_url()}/1/@workflow")
        .json()
    )
    assert body["state"]["title"] == "Offen"
    assert sorted(t["title"] for t in body["transitions"]) == [
        "Als aufgehoben/überholt kennzeichnen",
        "Als erfüllt kennzeichnen",
        "Beginnen",
    ]
