"""The site every permission case starts from, and what each role may do in it.

Built as Manager: a draft resolution D1/21 (point 1), a released non-confidential
resolution R1/21 (points 1 open with an editor's open proposal "start", 2 in progress
naming a superseding paper, 3 fulfilled) and a public resolution P1/21."""

from bk.plone.content import approvals
from bk.plone.importer.parser import DecidedText
from bk.plone.oparl import decided
from plone import api
from plone.dexterity.utils import createContentInContainer


ROLES = [
    "Manager",
    "Site Administrator",
    "MayorsOffice",
    "Editor",
    "Contributor",
    "CouncilMember",
    "Member",
    "Anonymous",
]

OFFICE = {"Manager", "Site Administrator", "MayorsOffice"}
STAFF = OFFICE | {"Editor", "Contributor"}
COUNCIL = STAFF | {"CouncilMember"}
EVERYONE = set(ROLES)

# action -> roles that may do it
EXPECTED = {
    "view draft resolution": STAFF,
    "view released resolution": COUNCIL,
    "view public resolution": EVERYONE,
    "view point of draft": STAFF,
    "view point of released": COUNCIL,
    # Plone's Editor edits, its Contributor adds.
    "add resolution": OFFICE | {"Contributor"},
    "add point to draft": OFFICE | {"Contributor"},
    "add point to released": OFFICE,
    # The record (title, references, dates, confidentiality) and the decided text:
    # in a draft its creator's (here Manager) and the mayor's office's, from release
    # on the mayor's office's; Editors write status reports.
    "edit draft resolution": OFFICE,
    "edit released resolution": OFFICE,
    "edit decided text of released point": OFFICE,
    "share draft resolution": OFFICE,
    "edit report of open point": STAFF,
    "edit report of in_progress point": STAFF,
    "edit report of fulfilled point": OFFICE,
    # Reasons for delay and target dates are the department's, like the report;
    # the paper that superseded a point is the record's.
    "edit delay of in_progress point": STAFF,
    "edit delay of fulfilled point": OFFICE,
    "name superseding paper of released point": OFFICE,
    "supersede resolution": OFFICE,
    # Taking resolutions from the council information system is an import; its
    # changed decided texts are the record's.
    "sync with council system": OFFICE,
    "decide changed council text of released resolution": OFFICE,
    "propose": STAFF,
    "approve": OFFICE,
    "decline": OFFICE,
    "release": OFFICE,
    "retract": OFFICE,
    "publish": OFFICE,
    "start": OFFICE,
    "fulfil": OFFICE,
    "reopen": OFFICE,
    "supersede": OFFICE,
}

# action -> (path below the site, transition) for the workflow actions
TRANSITIONS = {
    "release": ("d1-21", "release"),
    "retract": ("r1-21", "retract"),
    "publish": ("r1-21", "publish"),
    "start": ("r1-21/1", "start"),
    "fulfil": ("r1-21/2", "fulfil"),
    "reopen": ("r1-21/3", "reopen"),
    "supersede": ("r1-21/2", "supersede"),
}


def build(portal, editor_id):
    with api.env.adopt_roles(["Manager"]):
        draft = createContentInContainer(
            portal, "Resolution", paper_reference="D1/21", title="Entwurf"
        )
        createContentInContainer(draft, "ControlPoint", number="1")
        released = createContentInContainer(
            portal,
            "Resolution",
            paper_reference="R1/21",
            title="Freigegeben",
            confidential=False,
        )
        for number in ("1", "2", "3"):
            createContentInContainer(released, "ControlPoint", number=number)
        api.content.transition(obj=released["2"], transition="start")
        # the paper that would supersede it (@workflow supersedes only with one)
        released["2"].superseded_by = "V9/21"
        api.content.transition(obj=released["3"], transition="fulfil")
        api.content.transition(obj=released, transition="release")
        public = createContentInContainer(
            portal,
            "Resolution",
            paper_reference="P1/21",
            title="Öffentlich",
            confidential=False,
        )
        api.content.transition(obj=public, transition="release")
        api.content.transition(obj=public, transition="publish")
    with api.env.adopt_user(username=editor_id):
        approvals.propose(released["1"], "start", "begonnen")
    # the council system has changed the decided text of point 1 since
    changed = DecidedText("", [("1", "<p>Neu gefasst.</p>")])
    decided.flag_changed(released, changed, changed.points)
    return {"draft": draft, "released": released, "public": public}
