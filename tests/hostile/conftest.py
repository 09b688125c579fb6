"""Hostile input: each test records how many cases it tried of its kind; the root
conftest's summary adds them up (also across xdist workers, through the reports'
user properties)."""

from tests.helpers.hostile import SECRET

import pytest


@pytest.fixture
def tried(record_property):
    def record(kind: str, count: int = 1):
        record_property("hostile_cases", [kind, count])

    return record


@pytest.fixture
def world(functional_portal, role_users):
    """A published folder "beschluesse" with a draft (d1-21), a released resolution
    (r1-21: point 1 open with an editor's proposal, 2 in progress, 3 fulfilled), a
    released confidential one (c1-21, its title, texts and reports naming SECRET)
    and a public one (p1-21)."""
    from bk.plone.content import approvals
    from plone import api
    from plone.app.textfield.value import RichTextValue
    from plone.dexterity.utils import createContentInContainer

    import transaction

    def rich(text):
        return RichTextValue(f"<p>{text}</p>", "text/html", "text/x-html-safe")

    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=functional_portal, type="Folder", id="beschluesse"
        )
        api.content.transition(obj=folder, transition="publish")
        made = {}
        for paper, title, confidential in (
            ("D1/21", "Entwurf", False),
            ("R1/21", "Radwege", False),
            ("C1/21", SECRET, True),
            ("P1/21", "Bibliothek", False),
        ):
            resolution = createContentInContainer(
                folder,
                "Resolution",
                paper_reference=paper,
                title=title,
                confidential=confidential,
                description=f"Beschreibung {title}",
            )
            for number, transitions in (("1", []), ("2", ["start"]), ("3", ["fulfil"])):
                point = createContentInContainer(
                    resolution,
                    "ControlPoint",
                    number=number,
                    resolution_text=rich(f"Auftrag {number} {title}"),
                    status_report=rich(f"Bericht {number} {title}"),
                )
                for transition in transitions:
                    api.content.transition(obj=point, transition=transition)
            made[paper] = resolution
        for paper in ("R1/21", "C1/21", "P1/21"):
            api.content.transition(obj=made[paper], transition="release")
        api.content.transition(obj=made["P1/21"], transition="publish")
    with api.env.adopt_user(username=role_users["Editor"]):
        approvals.propose(made["R1/21"]["1"], "start", comment="Begonnen")
    transaction.commit()
    return folder
