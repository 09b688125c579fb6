"""Letters the way city offices write them, and what each one says.

`python -m tests.importer.corpus` writes them to tests/importer/letters/ (text, Word,
PDF) with `expected.json`; test_corpus.py imports every file and compares every field.
The letters differ in what offices differ in: municipality, issuer and signatory,
salutation, how the date is written and where it stands, how points are numbered
and introduced, whether the decided text is quoted or set in bold, and the document's
form (Word paragraphs, a letterhead table, the letterhead in the page header, a text
box, Word's automatic numbering; PDFs in DIN 5008 forms with an information table,
running heads and feet, two pages and more)."""

from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from datetime import date
from html import escape
from pathlib import Path

import json


LETTERS = Path(__file__).resolve().parent / "letters"
MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]


@dataclass
class Point:
    number: str  # as the letter writes it: "1.", "2a)", "Zu 3.:"
    expected_number: str  # as bk.plone stores it
    decided: str
    report: list[str]
    state: str


@dataclass
class Spec:
    name: str
    municipality: str
    issuer: str
    signatory: str
    recipients: list[str]
    file_reference: str
    letter_date: date
    paper: str
    session: str
    title: str
    salutation: str
    intro: str
    points: list[Point]
    closing: str = "Mit freundlichen Grüßen"
    next_control: date | None = None
    confidential: bool = False
    contact: list[tuple[str, str]] = field(default_factory=list)
    # how the decided text stands out: "quoted" („…“), "bold" or "italic"
    decided_style: str = "quoted"
    date_style: str = "long"  # long, numeric, short, iso, caps, place

    def date_text(self) -> str:
        d = self.letter_date
        return {
            "long": f"{d.day}. {MONTHS[d.month - 1]} {d.year}",
            "numeric": f"{d.day:02d}.{d.month:02d}.{d.year}",
            "short": f"{d.day}.{d.month}.{d.year % 100:02d}",
            "iso": d.isoformat(),
            "caps": f"{d.day}. {MONTHS[d.month - 1][:3].upper()}. {d.year}",
            "place": f"{d.day:02d}.{d.month:02d}.{d.year}",
        }[self.date_style]

    def date_line(self) -> str:
        if self.date_style == "place":
            return f"{self.municipality.split()[-1]}, {self.date_text()}"
        return f"Datum: {self.date_text()}"

    def subject(self) -> str:
        return f"Beschlusskontrolle zu {self.paper} (Sitzungsnummer: {self.session})"


# --- the letters' contents -------------------------------------------------------

REPORT_DONE = "Der Beschlusspunkt ist erfüllt."


def base_specs() -> list[Spec]:
    return [
        Spec(
            name="leipzig",
            municipality="Stadt Leipzig",
            issuer="Der Oberbürgermeister",
            signatory="Burkhard Jung",
            recipients=["An die Fraktionen", "des Stadtrates der Stadt Leipzig"],
            file_reference="OBM 12/2023",
            letter_date=date(2023, 3, 12),
            paper="VI-DS-01234",
            session="RB-VII/45",
            title="Sanierung der Stadtteilbibliothek Grünau",
            salutation="Sehr geehrte Damen und Herren,",
            intro="zum oben genannten Beschluss berichte ich wie folgt:",
            points=[
                Point(
                    "1.",
                    "1",
                    "Der Stadtrat beschließt die Sanierung der "
                    "Stadtteilbibliothek Grünau.",
                    [REPORT_DONE],
                    "fulfilled",
                ),
                Point(
                    "2.",
                    "2",
                    "Die Verwaltung wird beauftragt, bis Ende 2023 einen "
                    "Finanzierungsplan vorzulegen.",
                    [
                        "Der Finanzierungsplan wird "
                        "derzeit mit dem Fördermittelgeber abgestimmt."
                    ],
                    "in_progress",
                ),
                Point(
                    "3.",
                    "3",
                    "Über den Fortgang ist jährlich zu berichten.",
                    ["Die Umsetzung hat noch nicht begonnen."],
                    "open",
                ),
            ],
            next_control=date(2023, 9, 30),
            contact=[("Bearbeiter:", "Herr Krause"), ("Telefon:", "0341 123-4567")],
        ),
        Spec(
            name="kassel",
            municipality="Stadt Kassel",
            issuer="Der Oberbürgermeister",
            signatory="Dr. Sven Schoeller",
            recipients=["An die Mitglieder", "der Stadtverordnetenversammlung"],
            file_reference="101-BK/24",
            letter_date=date(2024, 2, 5),
            paper="101.19.1234",
            session="StVV/2024/03",
            title="Radverkehrskonzept Innenstadt",
            salutation="Sehr geehrte Stadtverordnete,",
            intro="zum Stand der Umsetzung teile ich Ihnen mit:",
            points=[
                Point(
                    "1.",
                    "1",
                    "Der Magistrat wird beauftragt, das Radverkehrskonzept umzusetzen.",
                    [
                        "Erste Maßnahmen wurden begonnen.",
                        "Die Planung der Achse Nord läuft.",
                    ],
                    "in_progress",
                ),
                Point(
                    "1a.",
                    "1a",
                    "Die Fahrradstraße Goethestraße ist einzurichten.",
                    ["Die Fahrradstraße ist umgesetzt."],
                    "fulfilled",
                ),
                Point(
                    "2.",
                    "2",
                    "Die Ergebnisse sind dem Ausschuss vorzulegen.",
                    ["Die Vorlage steht noch aus."],
                    "open",
                ),
            ],
            next_control=date(2024, 8, 31),
            confidential=True,
        ),
        Spec(
            name="erfurt",
            municipality="Landeshauptstadt Erfurt",
            issuer="Der Oberbürgermeister",
            signatory="Andreas Horn",
            recipients=["An alle Fraktionen", "des Stadtrates Erfurt"],
            file_reference="01.2/BK-2022-17",
            letter_date=date(2022, 11, 8),
            paper="DS 1234/22",
            session="SR/2022/11",
            title="Schulnetzplanung 2023 bis 2028",
            salutation="Sehr geehrte Mitglieder des Stadtrates,",
            intro="zu den Beschlusspunkten gebe ich folgenden Sachstand:",
            points=[
                Point(
                    "1.",
                    "1",
                    "Die Schulnetzplanung wird beschlossen.",
                    [REPORT_DONE],
                    "fulfilled",
                ),
                Point(
                    "2.1",
                    "2.1",
                    "Für die Grundschule Nord ist ein Ersatzneubau zu planen.",
                    ["Die Planung ist abgeschlossen."],
                    "fulfilled",
                ),
                Point(
                    "2.2",
                    "2.2",
                    "Die Kapazitäten der Gesamtschule Ost sind zu erweitern.",
                    [
                        "Die Erweiterung wird teilweise umgesetzt; der "
                        "zweite Bauabschnitt folgt."
                    ],
                    "in_progress",
                ),
            ],
        ),
        Spec(
            name="wesel",
            municipality="Kreis Wesel",
            issuer="Der Landrat",
            signatory="Ingo Brohl",
            recipients=["An die Mitglieder", "des Kreistages"],
            file_reference="LR-0815",
            letter_date=date(2021, 6, 30),
            paper="KT-2021/045",
            session="KT/07/2021",
            title="Klimaschutzkonzept des Kreises",
            salutation="Sehr geehrte Damen und Herren Kreistagsabgeordnete,",
            intro="zum Beschluss berichte ich:",
            points=[
                Point(
                    "1.",
                    "1",
                    "Das Klimaschutzkonzept wird beschlossen.",
                    ["Das Konzept wurde umgesetzt."],
                    "fulfilled",
                ),
                Point(
                    "2.",
                    "2",
                    "Ein Klimaschutzmanagement ist einzurichten.",
                    ["Die Stelle ist ausgeschrieben, die Besetzung erfolgt im Herbst."],
                    "in_progress",
                ),
                Point(
                    "3.",
                    "3",
                    "Dem Kreistag ist jährlich zu berichten.",
                    ["offen"],
                    "open",
                ),
            ],
            next_control=date(2021, 12, 15),
            closing="Mit freundlichem Gruß",
        ),
        Spec(
            name="lueneburg",
            municipality="Hansestadt Lüneburg",
            issuer="Die Oberbürgermeisterin",
            signatory="Claudia Kalisch",
            recipients=["An den Rat", "der Hansestadt Lüneburg"],
            file_reference="OB/BK 3-2024",
            letter_date=date(2024, 10, 1),
            paper="VO/10987/24",
            session="Rat/2024/09",
            title="Sanierung des Rathausdaches",
            salutation="Sehr geehrte Ratsmitglieder,",
            intro="über den Stand der Umsetzung informiere ich Sie wie folgt:",
            points=[
                Point(
                    "1.",
                    "1",
                    "Die Sanierung des Rathausdaches wird beschlossen.",
                    ["Die Arbeiten sind abgeschlossen."],
                    "fulfilled",
                ),
                Point(
                    "2.",
                    "2",
                    "Die Mittel sind im Haushalt 2025 bereitzustellen.",
                    ["Die Mittel sind im Entwurf des Haushalts enthalten."],
                    "in_progress",
                ),
            ],
            next_control=date(2025, 3, 31),
        ),
        Spec(
            name="hagen",
            municipality="Stadt Hagen",
            issuer="Der Oberbürgermeister",
            signatory="Erik O. Schulz",
            recipients=["An die Fraktionen", "im Rat der Stadt Hagen"],
            file_reference="OB/1-BK/11",
            letter_date=date(2023, 1, 9),
            paper="0815/2022",
            session="Rat/2022/12",
            title="Digitalisierung der Verwaltung",
            salutation="Sehr geehrte Damen und Herren,",
            intro="zum o. g. Beschluss kann ich folgenden Stand mitteilen:",
            points=[
                Point(
                    "1.",
                    "1",
                    "Die Digitalisierungsstrategie wird beschlossen.",
                    [REPORT_DONE],
                    "fulfilled",
                ),
                Point(
                    "2.",
                    "2",
                    "Bis 2024 sind alle Anträge online anzubieten.",
                    [
                        "Bisher sind 60 Prozent der Anträge online verfügbar.",
                        "Weitere folgen im Laufe des Jahres.",
                    ],
                    "in_progress",
                ),
                Point(
                    "3.",
                    "3",
                    "Die Beschäftigten sind fortzubilden.",
                    ["Noch nicht begonnen."],
                    "open",
                ),
                Point(
                    "4.",
                    "4",
                    "Der Rat ist halbjährlich zu unterrichten.",
                    [
                        "Der Bericht erfolgt mit diesem Schreiben; der Punkt ist "
                        "erledigt."
                    ],
                    "fulfilled",
                ),
            ],
            next_control=date(2023, 7, 1),
        ),
    ]


def long_spec() -> Spec:
    """Two pages and more: many points with long reports, page breaks inside."""
    reports = [
        "Die Verwaltung hat die Ausschreibung im ersten Quartal veröffentlicht und "
        "die Angebote geprüft. Nach der Vergabe wurde mit den Arbeiten begonnen, die "
        "Bauleitung berichtet monatlich über den Fortschritt und die Kosten.",
        "Die Abstimmung mit den beteiligten Ämtern ist erfolgt. Die Ergebnisse "
        "fließen in die weitere Planung ein, die dem Ausschuss im Herbst vorgestellt "
        "wird.",
    ]
    points = [
        Point(
            f"{n}.",
            str(n),
            f"Die Verwaltung wird beauftragt, die Maßnahme {n} des "
            "Konzepts umzusetzen und die Beteiligten frühzeitig einzubeziehen.",
            reports,
            "in_progress",
        )
        for n in range(1, 9)
    ]
    points[2] = replace(
        points[2], report=["Die Maßnahme ist umgesetzt."], state="fulfilled"
    )
    return Spec(
        name="dortmund",
        municipality="Stadt Dortmund",
        issuer="Der Oberbürgermeister",
        signatory="Thomas Westphal",
        recipients=["An die Mitglieder", "des Rates der Stadt Dortmund"],
        file_reference="OB-BK 24/17",
        letter_date=date(2024, 5, 14),
        paper="DS-Nr. 31415-24",
        session="Rat/2024/05",
        title="Masterplan Mobilität 2030",
        salutation="Sehr geehrte Damen und Herren,",
        intro="zum Stand der Umsetzung berichte ich wie folgt:",
        points=points,
        next_control=date(2024, 11, 30),
    )


def variants() -> list[tuple[Spec, str, str]]:
    """(spec, format, variant) for every letter of the corpus."""
    specs = {spec.name: spec for spec in [*base_specs(), long_spec()]}
    return [
        (specs["leipzig"], "txt", "quoted"),
        (replace(specs["leipzig"], date_style="numeric"), "txt", "bold"),
        (replace(specs["kassel"], date_style="short"), "txt", "introduced"),
        (replace(specs["erfurt"], date_style="iso"), "txt", "italic"),
        (replace(specs["wesel"], date_style="caps"), "txt", "quoted"),
        (replace(specs["hagen"], date_style="place"), "txt", "bold"),
        (specs["lueneburg"], "docx", "paragraphs"),
        (replace(specs["leipzig"], date_style="numeric"), "docx", "table"),
        (specs["kassel"], "docx", "table"),
        (replace(specs["erfurt"], date_style="numeric"), "docx", "info-table"),
        (specs["wesel"], "docx", "header"),
        (specs["hagen"], "docx", "textbox"),
        (specs["leipzig"], "docx", "numbering"),
        (replace(specs["kassel"], date_style="numeric"), "docx", "numbering"),
        (specs["lueneburg"], "docx", "bold"),
        (replace(specs["hagen"], date_style="numeric"), "docx", "table-bold"),
        (specs["dortmund"], "docx", "header"),
        (replace(specs["wesel"], date_style="numeric"), "docx", "italic"),
        (replace(specs["leipzig"], date_style="numeric"), "pdf", "din-b"),
        (specs["kassel"], "pdf", "din-a"),
        (replace(specs["erfurt"], date_style="numeric"), "pdf", "din-b-bold"),
        (specs["wesel"], "pdf", "sender-left"),
        (replace(specs["hagen"], date_style="place"), "pdf", "sender-left"),
        (specs["lueneburg"], "pdf", "din-a-bold"),
        (replace(specs["dortmund"], date_style="numeric"), "pdf", "din-b"),
        (specs["dortmund"], "pdf", "din-a-bold"),
        (replace(specs["kassel"], date_style="numeric"), "pdf", "running-head"),
        (specs["dortmund"], "txt", "quoted"),
        (replace(specs["lueneburg"], date_style="short"), "txt", "introduced"),
        (replace(specs["erfurt"], date_style="caps"), "docx", "table"),
        (replace(specs["wesel"], date_style="numeric"), "pdf", "din-b-bold"),
        (replace(specs["dortmund"], date_style="numeric"), "docx", "drawing-textbox"),
        # scans: a printed page photographed back into a PDF, read by OCR
        (replace(specs["leipzig"], date_style="numeric"), "pdf", "scan"),
        (specs["lueneburg"], "pdf", "scan-din-a"),
    ]


def file_name(spec: Spec, form: str, variant: str) -> str:
    return f"{spec.name}-{variant}.{form}"


def expected(spec: Spec, variant: str) -> dict:
    return {
        "paper_reference": spec.paper,
        "session_reference": spec.session,
        "title": spec.title,
        "letter_date": spec.letter_date.isoformat(),
        "file_reference": spec.file_reference,
        "confidential": spec.confidential,
        "signatory": spec.signatory,
        "closing": spec.closing,
        "salutation": spec.salutation,
        "next_control_date": spec.next_control.isoformat()
        if spec.next_control
        else None,
        "points": [
            {
                "number": p.expected_number,
                "state": p.state,
                "decided": p.decided,
                "report": " ".join(p.report),
            }
            for p in spec.points
        ],
    }


# --- how a point is written ------------------------------------------------------


def point_opening(point: Point, variant: str) -> str:
    """The point's number as the variant writes it."""
    if variant == "introduced":
        forms = {"1": "Beschlusspunkt 1:", "2": "Zu 2.:", "3": "Punkt 3"}
        return forms.get(point.expected_number, f"Zu {point.expected_number}.:")
    return point.number


def decided_markup(point: Point, style: str) -> str:
    """The decided text in the parser's markup (text letters write it so too)."""
    if style == "bold":
        return f"**{point.decided}**"
    if style == "italic":
        return f"__{point.decided}__"
    return f"„{point.decided}“"


def style_of(variant: str) -> str:
    if "bold" in variant:
        return "bold"
    if "italic" in variant:
        return "italic"
    return "quoted"


# --- text ------------------------------------------------------------------------


def to_text(spec: Spec, variant: str) -> str:
    style = style_of(variant)
    lines = []
    if spec.confidential:
        lines += ["vertraulich", ""]
    lines += [spec.municipality, spec.issuer, ""]
    lines += [*spec.recipients, ""]
    lines += [f"GZ: {spec.file_reference}", "", spec.date_line(), ""]
    lines += [spec.subject(), "", spec.title, "", spec.salutation, "", spec.intro, ""]
    for point in spec.points:
        lines += [f"{point_opening(point, variant)} {decided_markup(point, style)}", ""]
        for paragraph in point.report:
            lines += [paragraph, ""]
    if spec.next_control:
        d = spec.next_control
        lines += [
            f"nächste Beschlusskontrolle: {d.day}. {MONTHS[d.month - 1]} {d.year}",
            "",
        ]
    lines += [spec.closing, "", spec.signatory, ""]
    return "\n".join(lines)


# --- Word ------------------------------------------------------------------------


def to_docx(spec: Spec, variant: str) -> bytes:
    from docx import Document
    from io import BytesIO

    document = Document()
    style = style_of(variant)
    head = {
        "table": _docx_table_head,
        "table-bold": _docx_table_head,
        "info-table": _docx_info_table_head,
        "header": _docx_header_head,
        "textbox": _docx_textbox_head,
        "drawing-textbox": _docx_drawing_textbox_head,
    }.get(variant, _docx_paragraph_head)
    head(document, spec)
    _docx_body(document, spec, style, numbered=variant == "numbering")
    # a page footer is never the letter's text
    document.sections[0].footer.paragraphs[0].text = f"{spec.municipality} · Seite 1"
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_paragraph_head(document, spec: Spec) -> None:
    if spec.confidential:
        document.add_paragraph("vertraulich")
    _lines(document.add_paragraph(), [spec.municipality, spec.issuer])
    _lines(document.add_paragraph(), spec.recipients)
    document.add_paragraph(f"GZ: {spec.file_reference}")
    document.add_paragraph(spec.date_line())


def _lines(paragraph, lines) -> None:
    for index, line in enumerate(lines):
        if index:
            paragraph.add_run().add_break()
        paragraph.add_run(line)


def _docx_table_head(document, spec: Spec) -> None:
    """Sender and address left, reference and date right: a 2-column table."""
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = spec.municipality
    left.add_paragraph(spec.issuer)
    left.add_paragraph("")
    if spec.confidential:
        left.add_paragraph("vertraulich")
    for line in spec.recipients:
        left.add_paragraph(line)
    right.paragraphs[0].text = f"GZ: {spec.file_reference}"
    for label, value in spec.contact:
        right.add_paragraph(f"{label} {value}")
    right.add_paragraph(spec.date_line())


def _docx_info_table_head(document, spec: Spec) -> None:
    """The information block as label | value rows of a table of its own."""
    _lines(document.add_paragraph(), [spec.municipality, spec.issuer])
    if spec.confidential:
        document.add_paragraph("vertraulich")
    _lines(document.add_paragraph(), spec.recipients)
    rows = [("GZ:", spec.file_reference), *spec.contact]
    rows.append(("Datum:", spec.date_text()))
    table = document.add_table(rows=len(rows), cols=2)
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text = label, value


def _docx_header_head(document, spec: Spec) -> None:
    """The letterhead in the page header, as Word templates keep it."""
    header = document.sections[0].header
    header.paragraphs[0].text = spec.municipality
    header.add_paragraph(spec.issuer)
    if spec.confidential:
        document.add_paragraph("vertraulich")
    _lines(document.add_paragraph(), spec.recipients)
    document.add_paragraph(f"GZ: {spec.file_reference}")
    document.add_paragraph(spec.date_line())


def _docx_textbox_head(document, spec: Spec) -> None:
    """The address in a text box anchored in the first paragraph."""
    from docx.oxml import parse_xml

    paragraph = document.add_paragraph(spec.municipality)
    paragraph.add_run().add_break()
    paragraph.add_run(spec.issuer)
    lines = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        for line in spec.recipients
    )
    box = parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:v="urn:schemas-microsoft-com:vml"'
        ' xmlns:w10="urn:schemas-microsoft-com:office:word"><w:pict><v:shape'
        ' style="position:absolute;width:240pt;height:80pt"><v:textbox>'
        f"<w:txbxContent>{lines}</w:txbxContent></v:textbox>"
        # the text below flows under the box, as in a letter template
        '<w10:wrap type="topAndBottom"/></v:shape></w:pict></w:r>'
    )
    document.add_paragraph()._p.append(box)
    if spec.confidential:
        document.add_paragraph("vertraulich")
    document.add_paragraph(f"GZ: {spec.file_reference}")
    document.add_paragraph(spec.date_line())


DRAWING_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)


def _docx_drawing_textbox_head(document, spec: Spec) -> None:
    """The address in a DrawingML text box only (no VML copy for older readers),
    as newer Word versions and other writers save it; the text flows below it."""
    from docx.oxml import parse_xml

    _lines(document.add_paragraph(), [spec.municipality, spec.issuer])
    lines = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        for line in spec.recipients
    )
    emu = 12700  # per point
    box = parse_xml(
        f"<w:r {DRAWING_NAMESPACES}><w:drawing>"
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        'relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="0">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>'
        "</wp:positionH>"
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset>'
        "</wp:positionV>"
        f'<wp:extent cx="{240 * emu}" cy="{80 * emu}"/><wp:wrapTopAndBottom/>'
        '<wp:docPr id="1" name="Anschrift"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/'
        '2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{240 * emu}" cy="{80 * emu}"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{lines}</w:txbxContent></wps:txbx>"
        "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
        "</w:drawing></w:r>"
    )
    document.add_paragraph()._p.append(box)
    if spec.confidential:
        document.add_paragraph("vertraulich")
    document.add_paragraph(f"GZ: {spec.file_reference}")
    document.add_paragraph(spec.date_line())


def _docx_body(document, spec: Spec, style: str, numbered: bool) -> None:
    document.add_paragraph(spec.subject())
    document.add_paragraph(spec.title)
    document.add_paragraph(spec.salutation)
    document.add_paragraph(spec.intro)
    number_ids = _word_numbering(document, spec) if numbered else {}
    for point in spec.points:
        paragraph = document.add_paragraph()
        if numbered:
            _numbered(paragraph, *number_ids[point.expected_number])
        else:
            paragraph.add_run(f"{point.number} ")
        _decided(paragraph, point, style)
        for text in point.report:
            document.add_paragraph(text)
    if spec.next_control:
        d = spec.next_control
        document.add_paragraph(
            f"nächste Beschlusskontrolle: {d.day}. {MONTHS[d.month - 1]} {d.year}"
        )
    document.add_paragraph(spec.closing)
    document.add_paragraph(spec.signatory)


def _decided(paragraph, point: Point, style: str) -> None:
    if style == "bold":
        paragraph.add_run(point.decided).bold = True
    elif style == "italic":
        paragraph.add_run(point.decided).italic = True
    else:
        paragraph.add_run(f"„{point.decided}“")


def _word_numbering(document, spec: Spec) -> dict[str, tuple[int, int]]:
    """Word's automatic numbering for the points: level 0 "1.", level 1 "1a."
    (a point "1a" is the first item of level 1 under point 1)."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    abstract_id = 90
    abstract = parse_xml(
        '<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
        f'2006/main" w:abstractNumId="{abstract_id}">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="%1%2."/></w:lvl></w:abstractNum>'
    )
    numbering.insert(0, abstract)
    instance = numbering.add_num(abstract_id)
    return {
        point.expected_number: (
            instance.numId,
            1 if point.expected_number[-1].isalpha() else 0,
        )
        for point in spec.points
    }


def _numbered(paragraph, number_id: int, level: int) -> None:
    properties = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    properties.get_or_add_ilvl().val = level
    properties.get_or_add_numId().val = number_id


# --- PDF -------------------------------------------------------------------------


PDF_STYLE = """
@page { size: A4; margin: 20mm 20mm 25mm 25mm;
  @bottom-right { content: "Seite " counter(page) " von " counter(pages);
    font: 9pt 'DejaVu Sans'; } }
@page :first { margin-top: 10mm; }
body { font: 11pt/1.4 'DejaVu Sans'; margin: 0; }
p { margin: 0 0 3mm; }
.head { height: 90mm; position: relative; }
.sender { position: absolute; top: 5mm; }
.sender-right { right: 0; text-align: right; }
.sender-left { left: 0; }
.address { position: absolute; left: 0; top: 40mm; width: 85mm; }
.info { position: absolute; left: 100mm; top: 40mm; }
.info td { padding: 0 4mm 0 0; vertical-align: top; }
.point { margin-bottom: 3mm; }
"""


def to_pdf(spec: Spec, variant: str) -> bytes:
    if variant.startswith("scan"):
        printed = variant[len("scan-") :] if variant.startswith("scan-") else "din-b"
        return scanned(to_pdf(spec, printed))
    from weasyprint import HTML

    style = style_of(variant)
    form_a = variant.startswith("din-a")
    sender_class = "sender-left" if variant == "sender-left" else "sender-right"
    running = (
        f'@page {{ @top-right {{ content: "{spec.municipality}"; font: 9pt "DejaVu Sans"; }} }}'
        if variant == "running-head"
        else ""
    )
    head_top = "25mm" if form_a else "40mm"
    html = f"""<html lang="de"><head><style>{PDF_STYLE}{running}
    .address, .info {{ top: {head_top}; }}</style></head><body>
    <div class="head">
      <div class="sender {sender_class}"><p>{escape(spec.municipality)}<br>{escape(spec.issuer)}</p></div>
      <div class="address">{"<p><b>vertraulich</b></p>" if spec.confidential else ""}
        <p>{"<br>".join(escape(line) for line in spec.recipients)}</p></div>
      <table class="info">{_info_rows(spec)}</table>
    </div>
    <p><b>{escape(spec.subject())}</b></p><p><b>{escape(spec.title)}</b></p>
    <p>{escape(spec.salutation)}</p><p>{escape(spec.intro)}</p>
    {"".join(_pdf_point(point, style) for point in spec.points)}
    {_next_control(spec)}
    <p>{escape(spec.closing)}</p><p style="margin-top: 12mm">{escape(spec.signatory)}</p>
    </body></html>"""
    return HTML(string=html).write_pdf()


SCAN_DPI = 300


def scanned(pdf: bytes) -> bytes:
    """The PDF as a scanner gives it back: a picture of each page, no text."""
    from io import BytesIO

    import pypdfium2

    document = pypdfium2.PdfDocument(BytesIO(pdf))
    images = [
        page.render(scale=SCAN_DPI / 72).to_pil().convert("L") for page in document
    ]
    document.close()
    out = BytesIO()
    images[0].save(
        out, format="PDF", save_all=True, append_images=images[1:], resolution=SCAN_DPI
    )
    return out.getvalue()


def _info_rows(spec: Spec) -> str:
    rows = [("GZ:", spec.file_reference), *spec.contact]
    if spec.date_style == "place":
        rows.append(("", spec.date_line()))
    else:
        rows.append(("Datum:", spec.date_text()))
    return "".join(
        f"<tr><td>{escape(label)}</td><td>{escape(value)}</td></tr>"
        for label, value in rows
    )


def _pdf_point(point: Point, style: str) -> str:
    if style == "bold":
        decided = f"<b>{escape(point.decided)}</b>"
    elif style == "italic":
        decided = f"<i>{escape(point.decided)}</i>"
    else:
        decided = escape(f"„{point.decided}“")
    reports = "".join(f"<p>{escape(text)}</p>" for text in point.report)
    return f'<div class="point"><p>{escape(point.number)} {decided}</p>{reports}</div>'


def _next_control(spec: Spec) -> str:
    if not spec.next_control:
        return ""
    d = spec.next_control
    return f"<p>nächste Beschlusskontrolle: {d.day}. {MONTHS[d.month - 1]} {d.year}</p>"


# --- writing the corpus ----------------------------------------------------------


def write_corpus(target: Path = LETTERS) -> dict:
    target.mkdir(parents=True, exist_ok=True)
    expectations = {}
    for spec, form, variant in variants():
        name = file_name(spec, form, variant)
        if form == "txt":
            (target / name).write_text(to_text(spec, variant), encoding="utf-8")
        elif form == "docx":
            (target / name).write_bytes(to_docx(spec, variant))
        else:
            (target / name).write_bytes(to_pdf(spec, variant))
        expectations[name] = expected(spec, variant)
    (target / "expected.json").write_text(
        json.dumps(expectations, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    return expectations


if __name__ == "__main__":
    written = write_corpus()
    print(f"{len(written)} letters in {LETTERS}")
