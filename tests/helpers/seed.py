"""The resolution behind the seed letter (the demo profile's copy), built with plone.api.

The texts are those of the seed letter; its scan artefacts (`**`, a "- " before 1a)
are not part of the content, the bold list items of point 1 are (<strong>)."""

from babel.dates import format_date
from datetime import date
from pathlib import Path
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer

import re


SEED_LETTER = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "bk"
    / "plone"
    / "profiles"
    / "demo"
    / "letters"
    / "V0220-14_2021-01-25.txt"
)

FULFILLED = "Der Beschlusspunkt ist erfüllt."

POINTS = [
    (
        "1",
        "<p>Der Stadtrat beschließt das „Konzept zur Integration von Menschen mit "
        "Migrationshintergrund in der Landeshauptstadt Dresden (Integrationskonzept "
        "2015 - 2020)“ mit folgenden Ergänzungen:</p>"
        "<p>Auf Seite 69 Punkt 4 der Maßnahmen „Soziale Beratung und Betreuung“ sind in "
        "der Spalte 2 die Anstriche 2 - 4 wie folgt zu ergänzen:</p>"
        "<ul>"
        "<li><strong>Niedrigschwellige Hilfsangebote, verbunden mit der Gewinnung von "
        "Ehrenamtlichen mit Migrationshintergrund als Lotsen im Pflegesystem, sind "
        "schrittweise anzubieten.</strong></li>"
        "<li><strong>Erste mehrsprachige Informationsbroschüren und Angebote "
        "mehrsprachiger Pflegeberatung sind ggf. unter Einbindung von professionell "
        "Pflegenden mit Migrationshintergrund zu entwickeln.</strong></li>"
        "<li><strong>Mit einer differenzierten Datenlage zur Gesundheit und Pflege von "
        "Migrantinnen und Migranten ist deren Bedarf besser zu ermitteln und der "
        "weiteren Planung zugrunde zu legen.</strong></li>"
        "</ul>",
        "fulfilled",
        "",
    ),
    (
        "1a",
        "<p><strong>Die Grundsätze der Integrationspolitik aus dem Integrationskonzept "
        "2009 werden im neuen Konzept verankert.</strong></p>",
        "fulfilled",
        "",
    ),
    (
        "1b",
        "<p>Die Einwohnerinnen und Einwohner sind frühzeitig bei Standortentscheidungen "
        "zu Wohnheimen für Asylsuchende einzubeziehen.</p>",
        "fulfilled",
        "",
    ),
    (
        "1c",
        "<p>Die Oberbürgermeisterin soll sich für eine verbesserte und vereinfachte "
        "gesundheitliche Versorgung von Asylsuchenden einsetzen und dazu mit einer "
        "Krankenkasse die Übernahme der Krankenbehandlung von Leistungsberechtigten nach "
        "den §§ 1 und 1a des Asylbewerberleistungsgesetzes (AsylbLG) durch die Ausgabe "
        "von Versichertenkarten gewährleisten.</p>",
        "in_progress",
        "<p>Die Anmeldung der anspruchsberechtigten Personen zu den drei beteiligten "
        "Krankenkassen AOK Plus, DAK und KKH erfolgt seit 1. April 2020. Die Regelungen "
        "aus der Rahmenvereinbarung werden umgesetzt. Aktuell sind bei jeder Krankenkasse "
        "205 Personen angemeldet.</p>",
    ),
    (
        "1d",
        "<p>Das strategische Personalentwicklungskonzept der Landeshauptstadt Dresden ist "
        "im Hinblick auf den Erwerb interkultureller Kompetenz sowie den Ausbau der "
        "Fremdsprachenkenntnisse der Mitarbeiterinnen und Mitarbeiter fortzuschreiben.</p>",
        "fulfilled",
        "",
    ),
    (
        "1e",
        "<p>Das Welcome Center Dresden soll in die Lage versetzt werden, allen aus dem "
        "Ausland neu ankommenden Hilfe suchenden Menschen (außer Touristen) Orientierung "
        "zu geben und die zuständigen Ansprechpartnerinnen und Ansprechpartner der "
        "Ausländerbehörde vermitteln. Das Angebot ist durch geeignete Maßnahmen der "
        "Öffentlichkeit bekannt zu machen.</p>",
        "fulfilled",
        "<p>Die letzten Voraussetzungen zur Umsetzung des o. g. Punktes des "
        "Integrationskonzeptes wurden im Mai 2020 geschaffen. Der Internetauftritt des "
        "Dresden Welcome Centers ist in diesem Zusammenhang mit Hilfe des Amtes für "
        "Presse-, Öffentlichkeitsarbeit und Protokoll inzwischen neugestaltet und in "
        "mehrere Sprachen übersetzt worden.</p>"
        "<p>Da das Welcome Center Dresden Teil der Abteilung Staatsangehörigkeits- und "
        "Ausländerangelegenheiten im Bürgeramt ist, erfolgt bereits seit Eröffnung des "
        "Welcome Centers eine entsprechende Verweisberatung im Internet, im Rahmen "
        "persönlicher Vorsprachen oder auch bei telefonischen bzw. elektronischen "
        "Anfragen.</p>"
        "<p>Der Beschlusspunkt ist somit umgesetzt.</p>",
    ),
    (
        "2",
        "<p>Die Oberbürgermeisterin wird beauftragt, dem Stadtrat zur Umsetzung des "
        "Konzeptes im Jahr 2017 schriftlich Bericht zu erstatten.</p>",
        "fulfilled",
        "",
    ),
    (
        "3",
        "<p>Die Oberbürgermeisterin wird beauftragt, dem Stadtrat spätestens im Jahr 2020 "
        "einen Vorschlag zur Fortschreibung bzw. Neufassung des Integrationskonzeptes "
        "vorzulegen.</p>",
        "in_progress",
        "<p>Mit dem Fortschreibungsprozess wurde begonnen. Zunächst wird eine "
        "ausführliche Situationsanalyse erstellt. Sie gliedert sich in die "
        "Berichterstattung zur Umsetzung des Integrationskonzeptes in den Jahren 2017 bis "
        "2020 (V0586/20, Informationsvorlage, veröffentlicht 11/2020), den "
        "Tätigkeitsbericht der Integrations- und Ausländerbeauftragten (Broschüre, "
        "veröffentlicht 10/2020) und eine Analyse der Situation in den Handlungsfeldern "
        "des neuen Integrationskonzeptes. Letztere wird im 1. Quartal 2021 veröffentlicht "
        "und die Grundlage zur Erstellung von Zielen und Maßnahmen des neuen "
        "Integrationskonzeptes sein. Ein breiter Beteiligungs- und Diskussionsprozess "
        "wird sich anschließen. Mit der Fertigstellung des neuen Konzept-Entwurfs wird "
        "Mitte 2021 zu rechnen sein. Das neue Integrationskonzept wird anschließend dem "
        "Stadtrat zur Beschlussfassung vorgelegt.</p>",
    ),
    (
        "4",
        "<p>Alle Maßnahmen des „Integrationskonzeptes 2015 – 2020“ sind innerhalb der den "
        "Geschäftsbereichen im jeweiligen Haushaltsplan zur Verfügung stehenden Mittel "
        "umzusetzen.</p>",
        "fulfilled",
        "",
    ),
]


def html(text):
    return RichTextValue(text, "text/html", "text/x-html-safe") if text else None


def build_seed_resolution(container):
    """Create V0220/14 with its nine points in their seed states (as Manager)."""
    with api.env.adopt_roles(["Manager"]):
        resolution = createContentInContainer(
            container,
            "Resolution",
            paper_reference="V0220/14",
            session_reference="SR/011/2015",
            title="Konzept zur Integration von Menschen mit Migrationshintergrund in der "
            "Landeshauptstadt Dresden (Integrationskonzept 2015 - 2020)",
            file_reference="(OB) INAUSLB",
            confidential=True,
            next_control_date=date(2021, 6, 30),
        )
        # created out of order on purpose: the letter orders them
        for number, text, state, report in reversed(POINTS):
            point = createContentInContainer(
                resolution,
                "ControlPoint",
                number=number,
                resolution_text=html(text),
                status_report=html(report),
            )
            if state == "in_progress":
                api.content.transition(obj=point, transition="start")
            elif state == "fulfilled":
                api.content.transition(obj=point, transition="fulfil")
    return resolution


SEED = SEED_LETTER.read_bytes()
SEED_TEXT = SEED_LETTER.read_text(encoding="utf-8")


def later_letter(text: str = SEED_TEXT) -> bytes:
    """The seed as the next letter: 1c and 3 fulfilled, dated in June."""
    text = text.replace("Datum: 25. JAN. 2021", "Datum: 28.06.2021")
    text = text.replace(
        "Aktuell sind bei jeder Krankenkasse 205 Personen angemeldet.",
        "Aktuell sind bei jeder Krankenkasse 205 Personen angemeldet.\n\n"
        "Der Beschlusspunkt ist erfüllt.",
    )
    text = text.replace(
        "zur Beschlussfassung vorgelegt.",
        "zur Beschlussfassung vorgelegt.\n\nDer Beschlusspunkt ist somit erledigt.",
    )
    return text.replace("30. Juni 2021", "31. Dezember 2021").encode("utf-8")


def normalise(text: str) -> str:
    text = text.replace("**", "")
    return re.sub(r"\s+", " ", text).strip()


# The seed prints its remark above the letterhead; DIN 5008 puts it in the address
# field's remark zone, right above the recipients, and so do bk.plone's letters.
REMARK = "vertraulich"
FIRST_RECIPIENT = "An alle"


def seed_lines() -> list[str]:
    """The seed letter's lines in the order a bk.plone letter reads them."""
    lines = _scanned_lines()
    lines.remove(REMARK)
    lines.insert(lines.index(FIRST_RECIPIENT), REMARK)
    return lines


def _scanned_lines() -> list[str]:
    lines = []
    for raw in SEED_LETTER.read_text(encoding="utf-8").splitlines():
        line = normalise(re.sub(r"^\s*- ", "", raw))
        if not line:
            continue
        # The scan prints the date as "25. JAN. 2021"; the letter writes it out.
        match = re.fullmatch(r"Datum: 25\. JAN\. 2021", line)
        if match:
            line = "Datum: " + format_date(
                date(2021, 1, 25), format="long", locale="de"
            )
        lines.append(line)
    return lines
