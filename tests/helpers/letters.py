"""Letters for the importer tests, written the ways real letters come."""

from bk.plone.importer.parser import parse_letter
from bk.plone.importer.readers import read_lines
from bk.plone.importer.states import DEFAULT_FULFILLED_PHRASES
from bk.plone.importer.states import DEFAULT_OPEN_PHRASES
from bk.plone.importer.states import StateRules
from docx import Document
from io import BytesIO

import textwrap


def letter(
    points: str, *, date="Datum: 12.03.2024", confidential=True, extra=""
) -> str:
    head = "vertraulich\n\n" if confidential else ""
    return (
        head
        + textwrap.dedent(
            f"""\
            Landeshauptstadt Dresden
            Der Oberbürgermeister

            An alle
            Fraktionen sowie Mitglieder
            des Stadtrates der Landeshauptstadt Dresden

            GZ: (GB 5) 50.1

            {date}

            Beschlusskontrolle zu A0123/22 (Sitzungsnummer: SR/045/2022)

            Sanierung der Stadtteilbibliothek

            Sehr geehrte Fraktionen und Mitglieder des Stadtrates,

            folgender Zwischenstand kann zu oben genanntem Beschluss gegeben werden:

            """
        )
        + textwrap.dedent(points)
        + extra
        + textwrap.dedent(
            """
            nächste Beschlusskontrolle: 30.09.2024

            Mit freundlichen Grüßen

            gez. Dirk Hilbert
            """
        )
    )


TWO_POINTS = """\
1. „Die Oberbürgermeisterin wird beauftragt, die Bibliothek zu sanieren.“

Der Beschlusspunkt ist erfüllt.

2. „Über den Stand ist jährlich zu berichten.“

Der erste Bericht folgt im Mai.
"""


def docx_letter(text: str) -> bytes:
    """A Word letter from `text` as Word users write one: a paragraph per line (no
    empty paragraphs), "- " lines as list paragraphs, **…** as bold runs."""
    document = Document()
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("- "):
            paragraph = document.add_paragraph(style="List Bullet")
            line = line[2:]
        else:
            paragraph = document.add_paragraph()
        for index, part in enumerate(line.split("**")):
            if part:
                paragraph.add_run(part).bold = index % 2 == 1
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_letter(text: str) -> bytes:
    """A PDF letter from `text` by WeasyPrint: a paragraph per blank-line block."""
    from html import escape
    from weasyprint import HTML

    paragraphs = "".join(
        f"<p>{escape(block).replace(chr(10), '<br>')}</p>"
        for block in text.split("\n\n")
        if block.strip()
    )
    return HTML(string=f"<html><body>{paragraphs}</body></html>").write_pdf()


RULES = StateRules(DEFAULT_FULFILLED_PHRASES, DEFAULT_OPEN_PHRASES)
FULFILLED = "Der Beschlusspunkt ist erfüllt."


def parse(text: str, name="letter.txt"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_letter(read_lines(name, data), RULES, FULFILLED)
