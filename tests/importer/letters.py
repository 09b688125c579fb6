"""Letters for the importer tests, written the ways real letters come."""

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
    """A Word letter from `text`: blank lines separate paragraphs; "- " lines are
    list paragraphs; **…** bold runs."""
    document = Document()
    for paragraph in text.split("\n\n"):
        for line in (
            paragraph.split("\n") if paragraph.startswith("- ") else [paragraph]
        ):
            if not line.strip():
                continue
            if line.startswith("- "):
                para = document.add_paragraph(style="List Bullet")
                line = line[2:]
            else:
                para = document.add_paragraph()
            for index, part in enumerate(line.replace("\n", " ").split("**")):
                if part:
                    para.add_run(part).bold = index % 2 == 1
    out = BytesIO()
    document.save(out)
    return out.getvalue()
