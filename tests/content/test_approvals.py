"""Editors propose, the mayor's office approves or declines; everything is recorded."""

from AccessControl import Unauthorized
from bk.plone.content import approvals
from bk.plone.interfaces import ApprovalError
from bk.plone.overview.worklist import worklist
from plone import api

import pytest


@pytest.fixture
def point(resolution, make_point):
    return make_point(resolution, "1")


def as_user(user_id):
    return api.env.adopt_user(username=user_id)


def test_editor_proposes(users, point):
    with as_user(users["Editor"]):
        proposal = approvals.propose(point, "fulfil", "Umgesetzt im Mai.")
    assert proposal["status"] == "open"
    assert proposal["proposer"] == users["Editor"]
    assert proposal["comment"] == "Umgesetzt im Mai."
    assert proposal["from_state"] == "open"
    assert api.content.get_state(point) == "open"


def test_editor_cannot_fire_transition(users, point):
    with as_user(users["Editor"]), pytest.raises(api.exc.InvalidParameterError):
        api.content.transition(obj=point, transition="fulfil")


def test_mayors_office_approves(users, point):
    with as_user(users["Editor"]):
        approvals.propose(point, "fulfil", "Umgesetzt.")
    with as_user(users["MayorsOffice"]):
        decided = approvals.approve(point, "Einverstanden.")
    assert api.content.get_state(point) == "fulfilled"
    assert decided["status"] == "approved"
    assert decided["decider"] == users["MayorsOffice"]
    last = point.workflow_history["bk_control_point_workflow"][-1]
    assert last["action"] == "fulfil"
    assert last["actor"] == users["MayorsOffice"]
    assert last["comments"] == "Umgesetzt. — Einverstanden."


def test_mayors_office_declines_with_reason(users, point):
    with as_user(users["Editor"]):
        approvals.propose(point, "start")
    with as_user(users["MayorsOffice"]):
        decided = approvals.decline(point, "Noch nicht begonnen.")
    assert decided["status"] == "declined"
    assert decided["decision_comment"] == "Noch nicht begonnen."
    assert api.content.get_state(point) == "open"
    assert approvals.open_proposal(point) is None


def test_decline_needs_reason(users, point):
    with as_user(users["Editor"]):
        approvals.propose(point, "start")
    with as_user(users["MayorsOffice"]), pytest.raises(ApprovalError):
        approvals.decline(point, "  ")
    assert approvals.open_proposal(point)["status"] == "open"


def test_one_open_proposal_per_point(users, point):
    with as_user(users["Editor"]):
        approvals.propose(point, "start")
        with pytest.raises(ApprovalError):
            approvals.propose(point, "fulfil")
    assert len(approvals.proposals(point)) == 1


@pytest.mark.parametrize("transition", ["reopen", "publish", "nonsense", ""])
def test_unavailable_transition_refused(users, point, transition):
    with as_user(users["Editor"]), pytest.raises(ApprovalError):
        approvals.propose(point, transition)
    assert approvals.proposals(point) == []


def test_approve_without_open_proposal_refused(users, point):
    with as_user(users["MayorsOffice"]), pytest.raises(ApprovalError):
        approvals.approve(point)


def test_approve_decided_proposal_refused(users, point):
    with as_user(users["Editor"]):
        proposal = approvals.propose(point, "start")
    with as_user(users["MayorsOffice"]):
        approvals.decline(point, "Nein.")
        with pytest.raises(ApprovalError):
            approvals.approve(point, proposal_id=proposal["id"])
    assert api.content.get_state(point) == "open"


@pytest.mark.parametrize("role", ["Editor", "Contributor", "CouncilMember", "Member"])
def test_only_approvers_decide(users, point, role):
    with as_user(users["Editor"]):
        approvals.propose(point, "start")
    with as_user(users[role]), pytest.raises(Unauthorized):
        approvals.approve(point)
    assert api.content.get_state(point) == "open"


@pytest.mark.parametrize("role", ["CouncilMember", "Member"])
def test_readers_cannot_propose(users, point, role):
    with as_user(users[role]), pytest.raises(Unauthorized):
        approvals.propose(point, "start")


def test_worklist_lists_open_proposals_oldest_first(users, resolution, make_point):
    first, second, third = (make_point(resolution, n) for n in ("2", "1", "3"))
    with as_user(users["Editor"]):
        approvals.propose(first, "start", "zuerst")
        approvals.propose(second, "fulfil", "danach")
    with as_user(users["MayorsOffice"]):
        rows = worklist(api.portal.get())
    assert [(r["number"], r["proposal"]["transition"]) for r in rows] == [
        ("2", "start"),
        ("1", "fulfil"),
    ]
    assert {r["resolution"]["paper_reference"] for r in rows} == {"V0220/14"}
    with as_user(users["MayorsOffice"]):
        approvals.approve(first)
        assert [r["number"] for r in worklist(api.portal.get())] == ["1"]
    assert third is not None


def test_approval_updates_resolution_status(users, resolution, point):
    with as_user(users["Editor"]):
        approvals.propose(point, "fulfil")
    with as_user(users["MayorsOffice"]):
        approvals.approve(point)
    (brain,) = api.content.find(UID=api.content.get_uuid(resolution))
    assert brain.bk_status == "fulfilled"


def test_history_shows_proposal_decline_and_approval(users, point):
    with as_user(users["Editor"]):
        approvals.propose(point, "start", "Wir beginnen.")
    with as_user(users["MayorsOffice"]):
        approvals.decline(point, "Zu früh.")
    with as_user(users["Editor"]):
        approvals.propose(point, "start", "Jetzt aber.")
    with as_user(users["MayorsOffice"]):
        approvals.approve(point, "Gut.")
    history = point.workflow_history["bk_control_point_workflow"]
    assert [
        (h["action"], h["actor"], h["comments"], h["review_state"]) for h in history[1:]
    ] == [
        ("bk_propose_start", users["Editor"], "Wir beginnen.", "open"),
        ("bk_decline_start", users["MayorsOffice"], "Zu früh.", "open"),
        ("bk_propose_start", users["Editor"], "Jetzt aber.", "open"),
        ("start", users["MayorsOffice"], "Jetzt aber. — Gut.", "in_progress"),
    ]
    assert api.content.get_state(point) == "in_progress"
