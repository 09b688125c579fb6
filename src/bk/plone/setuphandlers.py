"""Setup handlers of bk.plone."""

from bk.plone.importer.importer import FAILED
from bk.plone.importer.importer import import_files
from bk.plone.importer.parser import DecidedText
from bk.plone.oparl import decided
from datetime import date
from pathlib import Path
from plone import api
from plone.base.interfaces import INonInstallable
from urllib.parse import urlencode
from zope.event import notify
from zope.interface import implementer
from zope.lifecycleevent import ObjectModifiedEvent


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Profiles applied by code or by make start, not from the add-ons panel."""
        return [
            "bk.plone:demo",
            "bk.plone:uninstall",
        ]

    def getNonInstallableProducts(self):
        return ["bk.plone.upgrades"]


GROUPS = {
    "mayors-office": ("Mayor's office", "MayorsOffice"),
    "council": ("City council", "CouncilMember"),
}


def post_install(context):
    """Groups holding the product's roles, so that membership is all it takes."""
    for group_id, (title, role) in GROUPS.items():
        group = api.group.get(groupname=group_id)
        if group is None:
            group = api.group.create(groupname=group_id, title=title)
        api.group.grant_roles(group=group, roles=[role])


DEMO_LETTERS = Path(__file__).parent / "profiles" / "demo" / "letters"
DEMO_FOLDER = ("beschluesse", "Beschlüsse")

# login: (password, full name, global role or None, group or None)
DEMO_USERS = {
    "redaktion": ("redaktion-demo", "Rita Redaktion (Fachamt)", "Editor", None),
    "buergermeisteramt": (
        "buergermeisteramt-demo",
        "Bernd Büro (Büro des Oberbürgermeisters)",
        None,
        "mayors-office",
    ),
    "stadtrat": ("stadtrat-demo", "Stefanie Stadträtin", None, "council"),
}


class DemoFailed(RuntimeError):
    pass


def post_install_demo(context):
    """The seed letter imported through the importer and released to the council,
    a user for each role, a front page that says where to go, the resolutions
    folder opening on the control overview. Applying the profile again changes
    nothing."""
    portal = api.portal.get()
    with api.env.adopt_roles(["Manager"]):
        folder = demo_folder(portal)
        demo_bodies()
        import_demo_letters(folder)
        demo_delays(folder)
        demo_council_links(folder)
        create_demo_users()
        front_page(portal, folder)
        demo_office_addresses()


def demo_folder(portal):
    folder_id, title = DEMO_FOLDER
    folder = portal.get(folder_id)
    if folder is None:
        folder = api.content.create(
            container=portal, type="Folder", id=folder_id, title=title
        )
        # The folder only holds resolutions, which their own workflow protects.
        transitions = api.portal.get_tool("portal_workflow").getTransitionsFor(folder)
        if "publish" in {t["id"] for t in transitions}:
            api.content.transition(obj=folder, transition="publish")
    # Opens on the overview: paper, title, body, status and next control date.
    folder.setLayout("control-overview")
    return folder


def import_demo_letters(folder) -> None:
    files = [
        (path.name, path.read_bytes()) for path in sorted(DEMO_LETTERS.glob("*.txt"))
    ]
    for result in import_files(folder, files):
        if result.status == FAILED:
            raise DemoFailed(api.portal.translate(result.error_message()))
        resolution = api.content.get(UID=result.uid)
        body = DEMO_COMMITTEE_PAPERS.get(resolution.paper_reference)
        if body and resolution.body != body:
            resolution.body = body
            resolution.reindexObject(idxs=["body"])
        if api.content.get_state(resolution) == "draft":
            api.content.transition(obj=resolution, transition="release")
            # What is not confidential the public sees too (the overview, Anonymous).
            if not resolution.confidential:
                api.content.transition(obj=resolution, transition="publish")


# The demo's committee, with letters of its own: the control list has two bodies.
DEMO_COMMITTEE = "Ausschuss für Umwelt und Kommunalwirtschaft"
DEMO_COMMITTEE_PAPERS = {"U0031/24": DEMO_COMMITTEE, "U0047/25": DEMO_COMMITTEE}
# A point past due with its reason and target date, and one past due without a
# reason: what the control list, the overview and the reminders flag.
DEMO_DELAYS = {
    ("U0031/24", "1"): (
        date(2025, 12, 31),
        "Zwei Bebauungspläne wurden nach der Offenlage geändert; ihre Kataster "
        "werden mit den neuen Entwürfen erstellt.",
        date(2026, 6, 30),
    ),
    ("U0047/25", "2"): (date(2026, 9, 30), "", None),
}


def demo_bodies() -> None:
    record = "bk.plone.bodies"
    bodies = list(api.portal.get_registry_record(record, default=None) or [])
    if DEMO_COMMITTEE not in bodies:
        api.portal.set_registry_record(record, [*bodies, DEMO_COMMITTEE])


def demo_delays(folder) -> None:
    """Due dates (and a reason for delay) on demo points that have none yet."""
    for (paper, number), (due, reason, target) in DEMO_DELAYS.items():
        found = api.content.find(
            context=folder, portal_type="Resolution", paper_reference=paper
        )
        if not found:
            continue
        point = found[0].getObject().get(number)
        if point is None or point.due_date:
            continue
        point.due_date = due
        point.delay_reason = reason
        point.target_date = target
        notify(ObjectModifiedEvent(point))


# The committee's papers link into a council information system (example.org: the
# demo has none), and the council system has changed one decided text since: what
# the mayor's office applies or dismisses on the resolution's page.
DEMO_COUNCIL_PAPERS = {"U0031/24": "3104", "U0047/25": "4725"}
DEMO_CHANGED_TEXT = (
    "U0047/25",
    "2",
    "<p>Das Ergebnis der Vergabe ist dem Ausschuss vor Zuschlag vorzulegen und dem "
    "Stadtrat zur Kenntnis zu geben.</p>",
)


def demo_council_links(folder) -> None:
    for paper, number in DEMO_COUNCIL_PAPERS.items():
        resolution = _demo_resolution(folder, paper)
        if resolution is None or resolution.oparl_paper:
            continue
        resolution.oparl_paper = f"https://ratsinfo.example.org/oparl/v1/paper/{number}"
        resolution.oparl_web = (
            f"https://ratsinfo.example.org/bi/vo0050.asp?__kvonr={number}"
        )
        resolution.reindexObject(idxs=["bk_has_oparl", "bk_oparl_paper"])
        if paper == DEMO_CHANGED_TEXT[0]:
            _demo_changed_text(resolution)


def _demo_changed_text(resolution) -> None:
    _paper, changed, html = DEMO_CHANGED_TEXT
    points = [(p.number, p.resolution_text.raw) for p in resolution.points()]
    decided.mark_applied(resolution, DecidedText("", points))
    new = [(number, html if number == changed else text) for number, text in points]
    decided.flag_changed(resolution, DecidedText("", new), new)


def _demo_resolution(folder, paper: str):
    found = api.content.find(
        context=folder, portal_type="Resolution", paper_reference=paper
    )
    return found[0].getObject() if found else None


def create_demo_users() -> None:
    for login, (password, fullname, role, group) in DEMO_USERS.items():
        if api.user.get(username=login) is None:
            api.user.create(
                username=login,
                password=password,
                email=f"{login}@example.org",
                properties={"fullname": fullname},
            )
        if role:
            api.user.grant_roles(username=login, roles=[role])
        if group:
            api.group.add_user(groupname=group, username=login)


# The demo's offices get an address (example.org never delivers), so that the
# reminders have somewhere to go; `make start` shows the mails in instance/var/mail.
DEMO_OFFICE_ADDRESS = "integration@example.org"


def demo_office_addresses() -> None:
    record = "bk.plone.responsible_offices"
    offices = api.portal.get_registry_record(record, default=None) or []
    api.portal.set_registry_record(
        record,
        [line if "|" in line else f"{line}|{DEMO_OFFICE_ADDRESS}" for line in offices],
    )


FRONT_PAGE = """
<p>Hier verfolgt die Verwaltung die Beschlüsse des Stadtrates Punkt für Punkt: was
beschlossen wurde, wie weit es umgesetzt ist und was das Büro des Oberbürgermeisters
dem Stadtrat darüber schreibt.</p>
<h2>Wohin?</h2>
<ul>
  <li><strong>Alle:</strong> die <a href="{overview}">Übersicht der Beschlüsse</a> mit
  Stand, Ampel und nächster Beschlusskontrolle (ohne Anmeldung nur die öffentlichen).</li>
  <li><strong>Stadtrat</strong> (Anmeldung <code>stadtrat</code>): einen Beschluss in
  der Übersicht öffnen, dort das Schreiben lesen oder als PDF herunterladen.</li>
  <li><strong>Gremien:</strong> die Beschlusskontrollliste jedes Gremiums, mit allen
  offenen Punkten, Terminen und Verzögerungsgründen: <a href="{list_council}">Stadtrat</a>,
  <a href="{list_committee}">Ausschuss für Umwelt und Kommunalwirtschaft</a>.</li>
  <li><strong>Fachamt</strong> (Anmeldung <code>redaktion</code>): einen
  Beschlusspunkt öffnen, den Sachstandsbericht schreiben und eine Änderung des Standes
  vorschlagen.</li>
  <li><strong>Büro des Oberbürgermeisters</strong> (Anmeldung
  <code>buergermeisteramt</code>): die <a href="{worklist}">Vorschläge zur
  Entscheidung</a> (auch im persönlichen Menü) bestätigen oder ablehnen und das Schreiben
  an den Stadtrat ausfertigen.</li>
</ul>
<p>Die Kennwörter der Demo-Anmeldungen stehen in der README.</p>
"""


def front_page(portal, folder) -> None:
    """The demo's front page: what the site is for and where each role goes."""
    from plone.app.textfield.value import RichTextValue

    portal.title = "Beschlusskontrolle"
    portal.description = (
        "Beschlüsse des Stadtrates, ihre Umsetzung und die Schreiben an den Stadtrat"
    )
    # By UID: Plone's output filter makes them the URLs of wherever the site is
    # served (create-site runs without the real host name).
    text = FRONT_PAGE.format(
        overview=f"resolveuid/{api.content.get_uuid(folder)}",
        # (the site root's UID resolves to an unwrapped object: the folder's worklist)
        worklist=f"resolveuid/{api.content.get_uuid(folder)}/@@approvals",
        list_council=f"resolveuid/{api.content.get_uuid(folder)}/@@control-list?"
        + urlencode({"body": "Stadtrat"}),
        list_committee=f"resolveuid/{api.content.get_uuid(folder)}/@@control-list?"
        + urlencode({"body": DEMO_COMMITTEE}),
    )
    if hasattr(portal, "text"):
        portal.text = RichTextValue(text, "text/html", "text/x-html-safe")
