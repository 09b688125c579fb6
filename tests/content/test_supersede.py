"""Superseded points: a later paper repealed or replaced them. Proposed and
approved like every transition, or a whole resolution at once by the mayor's office."""

from AccessControl import Unauthorized
from bk.plone.content import approvals
from bk.plone.interfaces import ApprovalError
from plone import api

import pytest


@pytest.fixture
def points(resolution, make_point):
    made = [make_point(resolution, number) for number in ("1", "2", "3")]
    api.content.transition(obj=made[1], transition="start")
    api.content.transition(obj=made[2], transition="fulfil")
    return made


def states(points):
    return [api.content.get_state(point) for point in points]


def test_proposed_supersede_names_the_paper_and_approval_records_it(points):
    proposal = approvals.perform(
        points[0], "propose", "supersede", "Neufassung", superseded_by=" V0815/22 "
    )
    assert proposal["superseded_by"] == "V0815/22"
    assert api.content.get_state(points[0]) == "open"  # until approved
    approvals.approve(points[0], "ja")
    assert api.content.get_state(points[0]) == "superseded"
    assert points[0].superseded_by == "V0815/22"


@pytest.mark.parametrize("paper", ["", "   ", "<script>", "V0815/22; DROP"])
def test_supersede_without_a_valid_paper_is_refused(points, paper):
    with pytest.raises(ApprovalError):
        approvals.propose(points[0], "supersede", "", superseded_by=paper)
    assert approvals.open_proposal(points[0]) is None


def test_other_transitions_ignore_a_paper(points):
    proposal = approvals.propose(points[0], "start", "", superseded_by="V1/22")
    assert proposal["superseded_by"] == ""


def test_whole_resolution_superseded_keeps_fulfilled_points(resolution, points):
    approvals.propose(points[1], "fulfil", "fertig")
    done = approvals.supersede_resolution(resolution, "V0815/22", "Neufassung")
    assert [point.number for point in done] == ["1", "2"]
    assert states(points) == ["superseded", "superseded", "fulfilled"]
    assert [point.superseded_by for point in points[:2]] == ["V0815/22"] * 2
    # the moot proposal is declined, with the reason
    assert approvals.proposals(points[1])[-1]["status"] == "declined"
    assert "V0815/22" in approvals.proposals(points[1])[-1]["decision_comment"]
    (brain,) = api.content.find(UID=api.content.get_uuid(resolution))
    assert brain.bk_status == "superseded"
    history = points[0].workflow_history["bk_control_point_workflow"][-1]
    assert history["action"] == "supersede"
    assert "V0815/22" in history["comments"]
    assert "Neufassung" in history["comments"]


def test_superseding_itself_or_nothing_is_refused(resolution, points):
    with pytest.raises(ApprovalError):
        approvals.supersede_resolution(resolution, resolution.paper_reference)
    approvals.supersede_resolution(resolution, "V0815/22")
    with pytest.raises(ApprovalError):
        approvals.supersede_resolution(resolution, "V0816/22")
    assert states(points) == ["superseded", "superseded", "fulfilled"]


@pytest.mark.parametrize("role", ["Editor", "Contributor", "CouncilMember"])
def test_only_the_mayors_office_supersedes_a_resolution(
    resolution, points, users, role
):
    with api.env.adopt_user(username=users[role]), pytest.raises(Unauthorized):
        approvals.supersede_resolution(resolution, "V0815/22")
    assert states(points) == ["open", "in_progress", "fulfilled"]
    with api.env.adopt_user(username=users["MayorsOffice"]):
        approvals.supersede_resolution(resolution, "V0815/22")
    assert states(points) == ["superseded", "superseded", "fulfilled"]


def test_superseded_point_can_be_reopened(points):
    points[0].superseded_by = "V0815/22"
    api.content.transition(obj=points[0], transition="supersede")
    api.content.transition(obj=points[0], transition="reopen")
    assert api.content.get_state(points[0]) == "in_progress"
    assert points[0].superseded_by == ""  # the paper goes with the state


def test_importer_never_moves_a_superseded_point():
    from bk.plone.importer.importer import PATHS

    assert not [path for path in PATHS if "superseded" in path]
