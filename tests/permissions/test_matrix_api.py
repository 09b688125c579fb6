"""Who may do what, as the real roles, through plone.api and the content's own code."""

from AccessControl import getSecurityManager
from AccessControl import Unauthorized
from AccessControl.PermissionRole import rolesForPermissionOn
from bk.plone.content import approvals
from contextlib import contextmanager
from plone import api
from tests.helpers.permissions import build
from tests.helpers.permissions import EXPECTED
from tests.helpers.permissions import ROLES
from tests.helpers.permissions import TRANSITIONS

import pytest


@pytest.fixture
def scenario(portal, users):
    return build(portal, users["Editor"])


@contextmanager
def acting_as(users, role):
    if role == "Anonymous":
        from AccessControl.SecurityManagement import newSecurityManager
        from AccessControl.SecurityManagement import setSecurityManager
        from AccessControl.SpecialUsers import nobody

        previous = getSecurityManager()
        newSecurityManager(None, nobody)
        try:
            yield
        finally:
            setSecurityManager(previous)
    else:
        with api.env.adopt_user(username=users[role]):
            yield


def may(permission, obj):
    return bool(getSecurityManager().checkPermission(permission, obj))


def may_write(point, *names):
    """Plone's edit form and plone.restapi write a field when the user holds
    "Modify portal content" and the field's own write permission."""
    from bk.plone.content.control_point import IControlPoint
    from plone.autoform.interfaces import WRITE_PERMISSIONS_KEY

    field_permissions = IControlPoint.queryTaggedValue(WRITE_PERMISSIONS_KEY, {})
    permissions = {"Modify portal content"} | {
        _permission_title(field_permissions[name])
        for name in names
        if name in field_permissions
    }
    return all(may(permission, point) for permission in permissions)


def _permission_title(permission_id):
    from zope.component import getUtility
    from zope.security.interfaces import IPermission

    return getUtility(IPermission, permission_id).title


def can_fire(obj, transition):
    workflow_tool = api.portal.get_tool("portal_workflow")
    return transition in [t["id"] for t in workflow_tool.getTransitionsFor(obj)]


def attempt(call):
    try:
        call()
    except Unauthorized:
        return False
    return True


def perform(action, scenario, portal):
    draft, released, public = (
        scenario["draft"],
        scenario["released"],
        scenario["public"],
    )
    checks = {
        "view draft resolution": lambda: may("View", draft),
        "view released resolution": lambda: may("View", released),
        "view public resolution": lambda: may("View", public),
        "view point of draft": lambda: may("View", draft["1"]),
        "view point of released": lambda: may("View", released["1"]),
        "add resolution": lambda: may("bk.plone: Add Resolution", portal),
        "add point to draft": lambda: may("bk.plone: Add ControlPoint", draft),
        "add point to released": lambda: may("bk.plone: Add ControlPoint", released),
        "edit draft resolution": lambda: (
            may("Modify portal content", draft)
            and may("bk.plone: Modify decision", draft)
        ),
        "edit released resolution": lambda: (
            may("Modify portal content", released)
            and may("bk.plone: Modify decision", released)
        ),
        "edit decided text of released point": lambda: (
            may("Modify portal content", released["1"])
            and may("bk.plone: Modify decision", released["1"])
        ),
        "share draft resolution": lambda: may("Sharing page: Delegate roles", draft),
        "edit report of open point": lambda: may(
            "Modify portal content", released["1"]
        ),
        "edit report of in_progress point": lambda: may(
            "Modify portal content", released["2"]
        ),
        "edit report of fulfilled point": lambda: may(
            "Modify portal content", released["3"]
        ),
        "edit delay of in_progress point": lambda: may_write(
            released["2"], "delay_reason", "target_date"
        ),
        "edit delay of fulfilled point": lambda: may_write(
            released["3"], "delay_reason", "target_date"
        ),
        "name superseding paper of released point": lambda: may_write(
            released["2"], "superseded_by"
        ),
        "supersede resolution": lambda: attempt(
            lambda: approvals.supersede_resolution(released, "V9/22")
        ),
        "sync with council system": lambda: may("bk.plone: Import letters", portal),
        "decide changed council text of released resolution": lambda: may(
            "bk.plone: Modify decision", released
        ),
        "propose": lambda: attempt(
            lambda: approvals.propose(released["3"], "reopen", "wieder offen")
        ),
        "approve": lambda: attempt(lambda: approvals.approve(released["1"], "ok")),
        "decline": lambda: attempt(lambda: approvals.decline(released["1"], "nein")),
    }
    if action in TRANSITIONS:
        path, transition = TRANSITIONS[action]
        return can_fire(portal.unrestrictedTraverse(path), transition)
    return checks[action]()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(EXPECTED))
def test_matrix(portal, users, scenario, record, action, role):
    with acting_as(users, role):
        allowed = perform(action, scenario, portal)
    record("plone.api", action, role, allowed)
    assert allowed is (role in EXPECTED[action])


def test_anonymous_view_roles_of_draft(scenario):
    assert "Anonymous" not in rolesForPermissionOn("View", scenario["draft"])
