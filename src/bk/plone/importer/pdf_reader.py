"""A PDF letter read by where its words stand, as a person reads the page.

- Rows of words become lines; a wider gap than between lines starts a paragraph.
- A block that stands right of the page's middle (letterhead, information block)
  is read after the left block beside it, not mixed into it line by line; a label
  and its value ("Datum:" … "12.03.2021") stay one line.
- Bold words are marked **…**, italic ones __…__ (the parser's markup).
- Running heads and feet ("Seite 2 von 3", "- 2 -", a letterhead repeated on follow
  pages) are recognised by their place in the top or bottom margin and by repeating,
  and left out.
- A scan (no text layer) is read by Tesseract's text recognition, word by word with
  the same places; recognition gives no bold or italic, so scanned letters are read
  by their quotes."""

from dataclasses import dataclass
from io import BytesIO
from itertools import pairwise
from itertools import takewhile

import re


POINTS_PER_MM = 72 / 25.4
# Words this far apart in a row stand in different blocks.
BLOCK_GAP = 8 * POINTS_PER_MM
# Top and bottom margins where running heads and feet stand.
MARGIN = 22 * POINTS_PER_MM
PAGE_NUMBER = re.compile(
    r"^(?:-\s*\d+\s*-|seite\s*\d+(?:\s*(?:von|/)\s*\d+)?|\d+\s*(?:/|von)\s*\d+|\d+)$",
    re.IGNORECASE,
)
BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
ITALIC = re.compile(r"italic|oblique", re.IGNORECASE)


@dataclass
class Segment:
    x0: float
    x1: float
    words: list[dict]

    @property
    def plain(self) -> str:
        return " ".join(word["text"] for word in self.words)


@dataclass
class Row:
    top: float
    bottom: float
    segments: list[Segment]

    @property
    def plain(self) -> str:
        return " ".join(segment.plain for segment in self.segments)


def pdf_text_rows(data: bytes) -> tuple[list[list[Row]], list[tuple[float, float]]]:
    """Per page, its rows of words (running heads and feet still in), and the
    pages' sizes."""
    import pdfplumber

    with pdfplumber.open(BytesIO(data)) as document:
        return [_rows(page) for page in document.pages], [
            (page.width, page.height) for page in document.pages
        ]


def _rows(page) -> list[Row]:
    return rows_of(
        page.extract_words(
            keep_blank_chars=False,
            use_text_flow=False,
            extra_attrs=["fontname", "size"],
        )
    )


def rows_of(words: list[dict]) -> list[Row]:
    """Words (text, x0, x1, top, bottom in points) grouped into rows: a word whose
    middle lies within a row's height is on that row, whatever its own height (OCR
    gives "zu" a lower top than "Die")."""
    rows: list[list[dict]] = []
    bounds: list[list[float]] = []
    for word in sorted(words, key=lambda w: (w["top"] + w["bottom"]) / 2):
        middle = (word["top"] + word["bottom"]) / 2
        if rows and bounds[-1][0] <= middle <= bounds[-1][1]:
            rows[-1].append(word)
            bounds[-1] = [
                min(bounds[-1][0], word["top"]),
                max(bounds[-1][1], word["bottom"]),
            ]
        else:
            rows.append([word])
            bounds.append([word["top"], word["bottom"]])
    return [_row(sorted(row, key=lambda w: w["x0"])) for row in rows]


def _row(words: list[dict]) -> Row:
    segments = [Segment(words[0]["x0"], words[0]["x1"], [words[0]])]
    for word in words[1:]:
        last = segments[-1]
        if word["x0"] - last.x1 > BLOCK_GAP and not last.plain.endswith(":"):
            segments.append(Segment(word["x0"], word["x1"], [word]))
        else:
            last.words.append(word)
            last.x1 = word["x1"]
    return Row(
        top=min(w["top"] for w in words),
        bottom=max(w["bottom"] for w in words),
        segments=segments,
    )


def _running(pages, sizes) -> set[tuple]:
    """The outermost rows of a page (see `_edge_rows`) in its top or bottom margin
    that come back at the same place on two pages or more: a body line that happens to
    end two pages ("Der Beschlusspunkt ist erfüllt.") stands at different heights."""
    seen: dict[tuple, int] = {}
    for rows, (_, height) in zip(pages, sizes, strict=True):
        for key in {_key(row) for row in _edge_rows(rows, height)}:
            seen[key] = seen.get(key, 0) + 1
    return {key for key, count in seen.items() if count >= 2}


def _edge_rows(rows: list[Row], height: float) -> list[Row]:
    """The rows from the top edge down and from the bottom edge up while they stand
    in the margin: a letterhead of two lines repeated in a Word header is both."""
    top = list(takewhile(lambda row: row.top < MARGIN, rows))
    bottom = list(takewhile(lambda row: row.bottom > height - MARGIN, rows[::-1]))
    return top + bottom


def _key(row: Row) -> tuple:
    return re.sub(r"\d+", "#", row.plain.casefold()), round(row.top / 4)


def _in_margin(row: Row, height: float) -> bool:
    return row.top < MARGIN or row.bottom > height - MARGIN


def _kept(rows, height, running, first_page: bool) -> list[Row]:
    kept = []
    for row in rows:
        if _in_margin(row, height):
            if PAGE_NUMBER.match(row.plain.strip()):
                continue
            if _key(row) in running and not (first_page and row.top < MARGIN):
                continue
        kept.append(row)
    return kept


def markup(words: list[dict]) -> str:
    """Words as the parser's markup: runs of bold words in **…**, italic in __…__."""
    parts: list[tuple[str, list[str]]] = []
    for word in words:
        font = word.get("fontname", "")
        style = ("**" if BOLD.search(font) else "") + (
            "__" if ITALIC.search(font) else ""
        )
        if parts and parts[-1][0] == style:
            parts[-1][1].append(word["text"])
        else:
            parts.append((style, [word["text"]]))
    return " ".join(
        f"{style}{' '.join(texts)}{style[::-1]}" if style else " ".join(texts)
        for style, texts in parts
    )


def page_lines(rows: list[Row], width: float) -> list[str]:
    """The page's lines in reading order; "" parts paragraphs and blocks."""
    lines: list[str] = []
    middle = width / 2
    band_left: list[str] = []
    band_right: list[str] = []
    previous = None
    spacing = _line_spacing(rows)

    beside = False  # the block has lines in its left half

    def flush():
        nonlocal beside
        beside = False
        lines.extend(band_left)
        if band_left and band_right:
            lines.append("")
        lines.extend(band_right)
        band_left.clear()
        band_right.clear()

    for row in rows:
        if previous is not None and row.top - previous.bottom > spacing:
            flush()
            lines.append("")
        elif band_right and _spans_middle(row, middle):
            # A line across the page's middle is body text: the blocks beside
            # each other above it (a letterhead table spaced like the body) end.
            flush()
        left = [s for s in row.segments if s.x0 < middle]
        right = [s for s in row.segments if s.x0 >= middle]
        if right and not left and not beside:
            # Right-aligned lines with nothing left of them in their block (a
            # letterhead, a date line) stand where they are.
            left, right = right, []
        elif left:
            beside = True
        band_left.extend(markup(s.words) for s in left)
        if right:
            band_right.append(markup([w for s in right for w in s.words]))
        previous = row
    flush()
    return lines


def _spans_middle(row: Row, middle: float) -> bool:
    return any(s.x0 < middle < s.x1 for s in row.segments)


def _line_spacing(rows: list[Row]) -> float:
    """More than this between two rows parts paragraphs."""
    gaps = sorted(b.top - a.bottom for a, b in pairwise(rows) if b.top > a.bottom)
    if not gaps:
        return 6.0
    usual = gaps[len(gaps) // 4]
    return max(usual * 1.8, usual + 3.0)


def read_pdf_lines(data: bytes, recognise=None) -> list[str]:
    """The letter's lines, page after page; a scan's by `recognise` (pages, sizes of
    a PDF without text); an empty list when no page has text."""
    pages, sizes = pdf_text_rows(data)
    if not any(pages) and recognise is not None:
        pages, sizes = recognise(data)
    return _lines(pages, sizes)


def _lines(pages, sizes) -> list[str]:
    running = _running(pages, sizes)
    lines: list[str] = []
    for number, (rows, (width, height)) in enumerate(zip(pages, sizes, strict=True)):
        kept = _kept(rows, height, running, first_page=number == 0)
        if lines:
            lines.append("")
        lines.extend(page_lines(kept, width))
    return lines if any(line.strip() for line in lines) else []
