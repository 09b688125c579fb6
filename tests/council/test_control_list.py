"""The committee's control list, built from the content as each reader may see it:
work left per resolution, the annex of points done in the period, the period's
default from the previous issued list."""

from bk.plone.council.control_list import build_control_list
from bk.plone.council.control_list import InvalidControlList
from bk.plone.council.control_list import period_from_params
from bk.plone.council.issue import ControlListError
from bk.plone.council.issue import issue_control_list
from datetime import timedelta
from plone import api
from tests.helpers.council import COMMITTEE
from tests.helpers.council import TODAY

import pytest


def control_list(folder, **params):
    return build_control_list(folder, period_from_params(folder, params))


def papers(entries):
    return [entry.paper_reference for entry in entries]


def points(entries):
    return [
        (entry.paper_reference, point.number, point.state)
        for entry in entries
        for point in entry.points
    ]


def test_council_list_as_the_mayors_office(folder, users):
    with api.env.adopt_user(username=users["MayorsOffice"]):
        listed = control_list(folder, body="Stadtrat")
    # the draft V0004/22 is the administration's, not the council's
    assert papers(listed.entries) == ["V0001/20", "V0002/21"]
    assert points(listed.entries) == [
        ("V0001/20", "1", "open"),
        ("V0001/20", "2", "in_progress"),
        ("V0002/21", "1", "open"),
    ]
    first, second = listed.entries[0].points
    assert (first.overdue, first.delay_unexplained) == (True, True)
    assert (second.overdue, second.delay_unexplained) == (True, False)
    assert second.delay_reason == "Die Vergabe wurde gerügt."
    assert second.target_date == "2030-06-30"
    # everything done so far, superseded points named with their paper
    assert points(listed.annex) == [
        ("V0001/20", "3", "fulfilled"),
        ("V0002/21", "2", "fulfilled"),
        ("V0003/21", "1", "fulfilled"),
        ("V0003/21", "2", "fulfilled"),
        ("V0006/23", "1", "superseded"),
        ("V0006/23", "2", "superseded"),
    ]
    assert listed.annex[-1].points[0].superseded_by == "V0815/24"
    assert listed.annex[-1].points[0].done_on == TODAY.isoformat()
    assert listed.totals() == {
        "resolutions": 2,
        "points": 3,
        "overdue": 2,
        "unexplained_delays": 1,
        "done": 6,
    }
    assert listed.confidential is True


def test_committee_list(folder, users):
    with api.env.adopt_user(username=users["MayorsOffice"]):
        listed = control_list(folder, body=COMMITTEE)
    assert points(listed.entries) == [("U0001/24", "1", "in_progress")]
    assert listed.annex == []


def test_council_members_see_no_drafts(folder, users):
    with api.env.adopt_user(username=users["CouncilMember"]):
        listed = control_list(folder, body="Stadtrat")
    assert papers(listed.entries) == ["V0001/20", "V0002/21"]


@pytest.mark.parametrize("role", ["MayorsOffice", "CouncilMember", "Anonymous"])
def test_public_list_holds_only_public_resolutions(folder, users, role):
    with (
        api.env.adopt_roles([role])
        if role == "Anonymous"
        else api.env.adopt_user(username=users[role])
    ):
        listed = control_list(folder, body="Stadtrat", public="1")
    assert papers(listed.entries) == ["V0002/21"]
    assert papers(listed.annex) == ["V0002/21"]
    assert listed.confidential is False
    assert listed.public_only is True


def test_anonymous_always_gets_the_public_list(folder, portal):
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.SecurityManagement import noSecurityManager

    noSecurityManager()
    newSecurityManager(None, portal.acl_users._nobody)
    listed = control_list(folder, body="Stadtrat")
    assert listed.public_only is True
    assert papers(listed.entries) == ["V0002/21"]


def test_period_bounds_the_annex_and_the_resolutions(folder, users):
    with api.env.adopt_user(username=users["MayorsOffice"]):
        since_today = control_list(folder, body="Stadtrat", **{"from": str(TODAY)})
        until_2021 = control_list(folder, body="Stadtrat", to="2021-06-30")
    assert len(since_today.annex) == 4  # done today: from today on
    assert papers(since_today.entries) == ["V0001/20", "V0002/21"]
    # decided after the period's end: not yet in that list; nothing done by then
    assert papers(until_2021.entries) == ["V0001/20", "V0002/21"]
    assert until_2021.annex == []


@pytest.mark.parametrize(
    "params",
    [
        {"body": "Gemeinderat Nirgendwo"},
        {"body": "Stadtrat", "to": "30.06.2021"},
        {"body": "Stadtrat", "from": "2021-13-01"},
        {"body": "Stadtrat", "from": "2022-01-01", "to": "2021-01-01"},
        {"body": "Stadtrat", "to": "1850-01-01"},
        {"body": "Stadtrat", "to": str(TODAY + timedelta(days=1))},
        {"body": ["Stadtrat", "Ältestenrat"]},
    ],
)
def test_parameters_that_make_no_sense_are_refused(folder, params):
    with pytest.raises(InvalidControlList):
        period_from_params(folder, params)


def test_next_list_starts_where_the_issued_one_ended(folder, users):
    with api.env.adopt_user(username=users["MayorsOffice"]):
        first = control_list(folder, body="Stadtrat", to=str(TODAY - timedelta(1)))
        assert first.annex == []  # everything was done today
        report = issue_control_list(
            folder, first, "Liste", "<html></html>", b"%PDF-1.7", "liste.pdf"
        )
        following = control_list(folder, body="Stadtrat")
    assert following.date_from == str(TODAY - timedelta(1))
    assert len(following.annex) == 4  # done today: after the previous list
    assert following.previous["url"] == report.absolute_url()
    # the other body's list does not follow the council's
    with api.env.adopt_user(username=users["MayorsOffice"]):
        assert control_list(folder, body=COMMITTEE).date_from is None


def test_issued_list_is_frozen(folder, users):
    with api.env.adopt_user(username=users["MayorsOffice"]):
        listed = control_list(folder, body="Stadtrat")
        report = issue_control_list(
            folder, listed, "Liste", "<html></html>", b"%PDF-1.7", "liste.pdf"
        )
        folder["v0001-20"]["1"].delay_reason = "Später geschrieben"
    assert report.control_list.entries[0].points[0].delay_reason == ""
    assert report.control_list == listed
    assert api.content.get_state(report) == "issued"
    assert not api.user.has_permission("Modify portal content", obj=report)


def test_public_list_is_published_when_issued(folder, users):
    with api.env.adopt_user(username=users["MayorsOffice"]):
        listed = control_list(folder, body="Stadtrat", public="1")
        report = issue_control_list(
            folder, listed, "Liste", "<html></html>", b"%PDF-1.7", "liste.pdf"
        )
    assert api.content.get_state(report) == "public"


def test_an_empty_list_is_not_issued(folder, users):
    with api.env.adopt_user(username=users["MayorsOffice"]):
        listed = control_list(folder, body="Ältestenrat")
        with pytest.raises(ControlListError):
            issue_control_list(folder, listed, "Liste", "", b"", "liste.pdf")
    assert "ControlListReport" not in {o.portal_type for o in folder.objectValues()}


def test_points_done_after_a_list_issued_today_go_into_the_next(folder, users):
    with api.env.adopt_user(username=users["MayorsOffice"]):
        first = control_list(folder, body="Stadtrat")
        issue_control_list(folder, first, "Liste", "<html/>", b"%PDF-1.7", "l.pdf")
        api.content.transition(obj=folder["v0002-21"]["1"], transition="fulfil")
        following = control_list(folder, body="Stadtrat")
    assert following.date_from == str(TODAY)
    assert points(following.annex) == [("V0002/21", "1", "fulfilled")]
    assert points(first.annex)
    assert ("V0002/21", "1", "fulfilled") not in points(first.annex)


def test_a_public_list_follows_the_previous_public_list(folder, users):
    with api.env.adopt_user(username=users["MayorsOffice"]):
        internal = control_list(folder, body="Stadtrat", to=str(TODAY - timedelta(1)))
        issue_control_list(folder, internal, "intern", "<html/>", b"%PDF", "l.pdf")
        public = control_list(folder, body="Stadtrat", public="1")
        internal_next = control_list(folder, body="Stadtrat")
    assert public.date_from is None  # no public list before it
    assert public.previous is None
    assert internal_next.date_from == str(TODAY - timedelta(1))


def test_a_deleted_users_feed_token_goes_with_the_user(portal, users):
    from bk.plone.council.feeds import new_token
    from bk.plone.council.feeds import token_of
    from bk.plone.council.feeds import user_of

    token = new_token(users["CouncilMember"])
    assert user_of(token) == users["CouncilMember"]
    with api.env.adopt_roles(["Manager"]):
        api.user.delete(username=users["CouncilMember"])
    assert token_of(users["CouncilMember"]) is None
    assert user_of(token) is None
