"""The resolutions the overview tests build, with their expected states."""

from datetime import date
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContentInContainer


TODAY = date.today()

# paper: (title, body, office, decided, next control, point states, workflow state,
#         confidential)
RESOLUTIONS = {
    "V0001/20": (
        "Integrationskonzept",
        "Stadtrat",
        "(OB) INAUSLB",
        date(2020, 3, 1),
        TODAY - timedelta(days=10),
        ["open", "in_progress"],
        "released",
        True,
    ),
    "V0002/21": (
        "Radwegekonzept",
        "Ältestenrat",
        "(GB 5) Jugendamt",
        date(2021, 5, 4),
        TODAY + timedelta(days=40),
        ["fulfilled", "in_progress", "open"],
        "public",
        False,
    ),
    "V0003/21": (
        "Schulnetzplan",
        "Stadtrat",
        "(GB 5) Jugendamt",
        date(2021, 9, 9),
        TODAY - timedelta(days=3),
        ["fulfilled", "fulfilled"],
        "released",
        True,
    ),
    "V0004/22": (
        "Bibliothekssanierung",
        "Stadtrat",
        "(OB) INAUSLB",
        date(2022, 1, 20),
        TODAY + timedelta(days=10),
        ["open"],
        "draft",
        True,
    ),
}

TRANSITIONS = {"in_progress": ["start"], "fulfilled": ["fulfil"], "open": []}
RELEASE = {"released": ["release"], "public": ["release", "publish"], "draft": []}


def build(portal):
    with api.env.adopt_roles(["Manager"]):
        api.portal.set_registry_record(
            "bk.plone.responsible_offices", ["(OB) INAUSLB", "(GB 5) Jugendamt"]
        )
        folder = api.content.create(container=portal, type="Folder", id="beschluesse")
        api.content.transition(obj=folder, transition="publish")
        for paper, values in RESOLUTIONS.items():
            title, body, office, decided, control, states, wf, secret = values
            resolution = createContentInContainer(
                folder,
                "Resolution",
                paper_reference=paper,
                title=title,
                body=body,
                responsible_office=office,
                decision_date=decided,
                next_control_date=control,
                confidential=secret,
            )
            for number, state in enumerate(states, 1):
                point = createContentInContainer(
                    resolution, "ControlPoint", number=str(number)
                )
                for transition in TRANSITIONS[state]:
                    api.content.transition(obj=point, transition=transition)
            for transition in RELEASE[wf]:
                api.content.transition(obj=resolution, transition=transition)
    return folder
