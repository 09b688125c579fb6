"""A Word letter as a person sees it: the first page's header (where letterheads
live), then the body in reading order — paragraphs, tables cell by cell (nested
tables too), text boxes — with the numbers Word's automatic numbering shows. Page
footers are not the letter's text and are left out.

A table row whose cells hold one short line each ("Datum:" | "12.03.2021") reads as
one line, as the eye reads it; other tables read cell after cell."""

from dataclasses import dataclass
from dataclasses import field
from docx.oxml.ns import qn

import re


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_BOX = qn("w:txbxContent")
# Word 2010 and later write each text box twice: as a drawing (mc:Choice) and as
# VML for older readers (mc:Fallback). The fallback is the same text.
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Word's lists number up to nine levels; a start beyond this is a damaged file.
LEVELS = 9
LARGEST_START = 32767
# A row of at most this many one-line cells reads as one line.
ROW_CELLS = 4


@dataclass
class DocxLine:
    """One paragraph (or table row) as markup: **bold**, __italic__, "- " items."""

    text: str
    number: int
    paragraph_end: bool = True


@dataclass
class _Level:
    start: int = 1
    format: str = "decimal"
    text: str = "%1."


@dataclass
class Numbering:
    """Word's automatic numbering: what number a numbered paragraph shows."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    restart: dict[str, dict[int, int]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document) -> "Numbering":
        numbering = cls()
        try:
            element = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return numbering
        abstract = {
            node.get(qn("w:abstractNumId")): _levels(node)
            for node in element.findall(qn("w:abstractNum"))
        }
        for num in element.findall(qn("w:num")):
            number_id = num.get(qn("w:numId"))
            reference = num.find(qn("w:abstractNumId"))
            levels = dict(abstract.get(reference.get(qn("w:val")), {}))
            numbering.levels[number_id] = levels
            numbering.restart[number_id] = {
                int(override.get(qn("w:ilvl"), "0")): min(
                    int(start.get(qn("w:val"))), LARGEST_START
                )
                for override in num.findall(qn("w:lvlOverride"))
                if (start := override.find(qn("w:startOverride"))) is not None
            }
        return numbering

    def label(self, number_id: str, level: int) -> str | None:
        """The shown label ("1.", "2a)", "II.") of the next paragraph of this list;
        "" for a bullet, None for a list Word does not number."""
        levels = self.levels.get(number_id)
        if not levels or level not in levels or not 0 <= level < LEVELS:
            return None
        if levels[level].format == "bullet":
            return ""
        counters = self.counters.setdefault(number_id, self._starts(number_id))
        counters[level] += 1
        for deeper in range(level + 1, len(counters)):
            counters[deeper] = self._start(number_id, deeper) - 1
        return _substitute(levels, counters, level)

    def _starts(self, number_id: str) -> list[int]:
        return [self._start(number_id, level) - 1 for level in range(LEVELS)]

    def _start(self, number_id: str, level: int) -> int:
        restart = self.restart.get(number_id, {})
        if level in restart:
            return restart[level]
        levels = self.levels.get(number_id, {})
        return levels[level].start if level in levels else 1


def _levels(abstract) -> dict[int, _Level]:
    levels = {}
    for level in abstract.findall(qn("w:lvl")):
        start = level.find(qn("w:start"))
        number_format = level.find(qn("w:numFmt"))
        text = level.find(qn("w:lvlText"))
        number = int(level.get(qn("w:ilvl"), "0"))
        if not 0 <= number < LEVELS:
            continue
        levels[number] = _Level(
            start=min(int(start.get(qn("w:val"))), LARGEST_START)
            if start is not None
            else 1,
            format=number_format.get(qn("w:val"))
            if number_format is not None
            else "decimal",
            text=text.get(qn("w:val")) if text is not None else "%1.",
        )
    return levels


def _substitute(levels, counters, level: int) -> str:
    def shown(match):
        index = int(match.group(1)) - 1
        form = levels[index].format if index in levels else "decimal"
        return formatted(counters[index], form)

    return re.sub(r"%(\d)", shown, levels[level].text)


ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def formatted(value: int, form: str) -> str:
    if form in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if form == "upperLetter" else letters
    if form in ("lowerRoman", "upperRoman"):
        roman = ""
        for amount, digits in ROMAN:
            while value >= amount:
                roman, value = roman + digits, value - amount
        return roman.upper() if form == "upperRoman" else roman
    if form == "none":
        return ""
    return str(value)


class DocxText:
    """Walks a Word document in reading order and yields its lines."""

    def __init__(self, document):
        self.document = document
        self.numbering = Numbering.of(document)
        self.lines: list[DocxLine] = []
        self.count = 0

    def read(self) -> list[DocxLine]:
        section = self.document.sections[0]
        header = (
            section.first_page_header
            if section.different_first_page_header_footer
            else section.header
        )
        if not header.is_linked_to_previous:
            self._blocks(header._element)
            self._blank()
        self._blocks(self.document.element.body)
        return self.lines

    def _blank(self) -> None:
        if self.lines and self.lines[-1].text:
            self.lines.append(DocxLine("", self.count))

    def _blocks(self, container) -> None:
        for child in container.iterchildren():
            if child.tag == f"{W}p":
                self._paragraph(child)
            elif child.tag == f"{W}tbl":
                self._table(child)
            elif child.tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self._blocks(content)

    def _paragraph(self, element) -> None:
        self.count += 1
        markup = paragraph_markup(element)
        label = self._label(element)
        if label is not None and markup.strip():
            # A list item either way: the parser makes a numbered item whose text
            # is quoted or emphasised a point, any other an item of a list.
            markup = f"- {label} {markup.lstrip()}" if label else f"- {markup.lstrip()}"
        elif is_list_style(element) and markup.strip():
            markup = "- " + markup.lstrip()
        parts = markup.split("\n")
        for index, part in enumerate(parts):
            self.lines.append(DocxLine(part, self.count, index == len(parts) - 1))
        # Text boxes anchored in the paragraph follow it.
        for box in own_text_boxes(element):
            self._blank()
            self._blocks(box)
            self._blank()

    def _label(self, element) -> str | None:
        properties = _numbering_properties(element, self.document)
        if properties is None:
            return None
        number_id, level = properties
        return self.numbering.label(number_id, level)

    def _table(self, table) -> None:
        self._blank()
        for row in table.findall(f"{W}tr"):
            cells = row.findall(f"{W}tc")
            texts = [_cell_lines(cell) for cell in cells]
            if (
                len(cells) <= ROW_CELLS
                and all(len(t) <= 1 for t in texts)
                and not any(cell.find(f".//{W}tbl") is not None for cell in cells)
            ):
                line = " ".join(t[0] for t in texts if t)
                if line:
                    self.count += 1
                    self.lines.append(DocxLine(line, self.count))
                continue
            for cell in cells:
                self._blank()
                self._blocks(cell)
            self._blank()
        self._blank()


def own_text_boxes(paragraph):
    """The text boxes anchored in the paragraph itself, each once: not the VML
    fallback copy, not a box inside another box (read with that box)."""
    for box in paragraph.iter(TEXT_BOX):
        ancestors = list(box.iterancestors())
        inside = ancestors[: ancestors.index(paragraph)]
        if any(a.tag == FALLBACK or a.tag == TEXT_BOX for a in inside):
            continue
        yield box


def _cell_lines(cell) -> list[str]:
    lines = []
    for paragraph in cell.iter(f"{W}p"):
        text = paragraph_markup(paragraph).strip()
        if text:
            lines.extend(part.strip() for part in text.split("\n") if part.strip())
    return lines


def paragraph_markup(element) -> str:
    """The paragraph's own runs as markup (text boxes inside it aside)."""
    parts = []
    for run in element.iter(f"{W}r"):
        if not _inside_box_of(run, element):
            parts.append(_run_markup(run))
    return "".join(parts)


def _inside_box_of(run, paragraph) -> bool:
    for ancestor in run.iterancestors():
        if ancestor is paragraph:
            return False
        if ancestor.tag == TEXT_BOX:
            return True
    return False


RUN_TEXT = {
    f"{W}tab": " ",
    f"{W}ptab": " ",
    f"{W}noBreakHyphen": "-",
    f"{W}softHyphen": "",
    f"{W}cr": "\n",
}


def _run_markup(run) -> str:
    text = ""
    for node in run.iterchildren():
        if node.tag == f"{W}t":
            text += node.text or ""
        elif node.tag == f"{W}br":
            # a page or column break is not a line of the letter
            text += "\n" if node.get(f"{W}type") in (None, "textWrapping") else ""
        else:
            text += RUN_TEXT.get(node.tag, "")
    if not text.strip():
        return text
    properties = run.find(f"{W}rPr")
    bold = _on(properties, "b")
    italic = _on(properties, "i")
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    stripped = text.strip()
    lines = stripped.split("\n")
    if bold:
        lines = [f"**{line}**" if line.strip() else line for line in lines]
    if italic:
        lines = [f"__{line}__" if line.strip() else line for line in lines]
    return lead + "\n".join(lines) + trail


def _on(properties, name: str) -> bool:
    if properties is None:
        return False
    element = properties.find(f"{W}{name}")
    if element is None:
        return False
    return element.get(f"{W}val", "true") not in ("0", "false", "off")


def _numbering_properties(element, document) -> tuple[str, int] | None:
    """(numId, level) from the paragraph or its style."""
    properties = element.find(f"{W}pPr")
    numbering = properties.find(f"{W}numPr") if properties is not None else None
    if numbering is None and properties is not None:
        style = properties.find(f"{W}pStyle")
        if style is not None:
            numbering = _style_numbering(document, style.get(f"{W}val"))
    if numbering is None:
        return None
    number_id = numbering.find(f"{W}numId")
    level = numbering.find(f"{W}ilvl")
    if number_id is None or number_id.get(f"{W}val") == "0":
        return None
    return number_id.get(f"{W}val"), int(
        level.get(f"{W}val")
    ) if level is not None else 0


def _style_numbering(document, style_id):
    for style in document.styles.element.findall(qn("w:style")):
        if style.get(qn("w:styleId")) == style_id:
            return style.find(f"{W}pPr/{W}numPr")
    return None


def is_list_style(element) -> bool:
    properties = element.find(f"{W}pPr")
    style = properties.find(f"{W}pStyle") if properties is not None else None
    name = style.get(f"{W}val") if style is not None else ""
    return name.startswith("List") or "Aufz" in name or "Liste" in name
