"""A folder with the resolutions of two bodies, for the control list's tests.

Stadtrat:
- V0001/20 released, confidential: 1 open, past due, no reason; 2 in progress, past
  due, with reason and target date; 3 fulfilled (today).
- V0002/21 public: 1 open (no due date); 2 fulfilled (today).
- V0003/21 released, confidential: 1 and 2 fulfilled (today).
- V0004/22 draft: 1 open.
- V0006/23 released, confidential: 1 and 2 superseded by V0815/24 (today).
Ausschuss für Umwelt und Kommunalwirtschaft:
- U0001/24 public: 1 in progress."""

from bk.plone.content.approvals import supersede_resolution
from datetime import date
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContentInContainer


TODAY = date.today()
PAST = TODAY - timedelta(days=20)
COMMITTEE = "Ausschuss für Umwelt und Kommunalwirtschaft"

# paper: (title, body, workflow state, confidential, decided,
#         [(number, state, fields)])
RESOLUTIONS = {
    "V0001/20": (
        "Integrationskonzept",
        "Stadtrat",
        "released",
        True,
        date(2020, 3, 1),
        [
            ("1", "open", {"due_date": PAST}),
            (
                "2",
                "in_progress",
                {
                    "due_date": PAST,
                    "delay_reason": "Die Vergabe wurde gerügt.",
                    "target_date": date(2030, 6, 30),
                },
            ),
            ("3", "fulfilled", {}),
        ],
    ),
    "V0002/21": (
        "Radwegekonzept",
        "Stadtrat",
        "public",
        False,
        date(2021, 5, 4),
        [("1", "open", {}), ("2", "fulfilled", {})],
    ),
    "V0003/21": (
        "Schulnetzplan",
        "Stadtrat",
        "released",
        True,
        date(2021, 9, 9),
        [("1", "fulfilled", {}), ("2", "fulfilled", {})],
    ),
    "V0004/22": (
        "Bibliothekssanierung",
        "Stadtrat",
        "draft",
        True,
        date(2022, 1, 20),
        [("1", "open", {})],
    ),
    "V0006/23": (
        "Parkraumkonzept",
        "Stadtrat",
        "released",
        True,
        date(2023, 2, 2),
        [("1", "open", {}), ("2", "in_progress", {})],
    ),
    "U0001/24": (
        "Baumschutzsatzung",
        COMMITTEE,
        "public",
        False,
        date(2024, 4, 4),
        [("1", "in_progress", {"due_date": TODAY + timedelta(days=30)})],
    ),
}

# the next control dates (for the calendar)
NEXT_CONTROL = {
    "V0001/20": TODAY + timedelta(days=10),
    "V0002/21": TODAY + timedelta(days=20),
    "V0004/22": TODAY + timedelta(days=5),
}

TRANSITIONS = {"open": [], "in_progress": ["start"], "fulfilled": ["fulfil"]}
RELEASE = {"draft": [], "released": ["release"], "public": ["release", "publish"]}


def build(portal):
    with api.env.adopt_roles(["Manager"]):
        api.portal.set_registry_record(
            "bk.plone.bodies", ["Stadtrat", COMMITTEE, "Ältestenrat"]
        )
        folder = api.content.create(container=portal, type="Folder", id="beschluesse")
        api.content.transition(obj=folder, transition="publish")
        for paper, values in RESOLUTIONS.items():
            title, body, workflow_state, secret, decided, points = values
            resolution = createContentInContainer(
                folder,
                "Resolution",
                paper_reference=paper,
                title=title,
                body=body,
                decision_date=decided,
                confidential=secret,
                responsible_office="(OB) INAUSLB",
            )
            for number, state, fields in points:
                point = createContentInContainer(
                    resolution, "ControlPoint", number=number, **fields
                )
                for transition in TRANSITIONS[state]:
                    api.content.transition(obj=point, transition=transition)
            resolution.next_control_date = NEXT_CONTROL.get(paper)
            if paper == "V0006/23":
                supersede_resolution(resolution, "V0815/24")
            for transition in RELEASE[workflow_state]:
                api.content.transition(obj=resolution, transition=transition)
    return folder
