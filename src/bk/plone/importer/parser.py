"""Read a Beschlusskontrolle letter into a plain structure: the resolution's fields,
the letter's own parts and every point with its quoted resolution text, its status
report and the state that report implies.

It reads what real letters contain: scans with `**` and stray "- " before numbers,
page-break debris, „…“ and "…" quotes, numbering as "1.", "1a.", "1.)", "1)",
"Zu 1:", "01", "2.1", reports of several paragraphs, dates in several forms."""

from bk.plone import _
from bk.plone.content.numbering import InvalidNumber
from bk.plone.content.numbering import normalize_number
from bk.plone.content.resolution import PAPER_REFERENCE
from bk.plone.importer.dates import find_date
from bk.plone.importer.readers import SourceLine
from bk.plone.importer.states import StateRules
from bk.plone.interfaces import RefusedInput
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from lxml import html as lxml_html

import hashlib
import json
import re


class LetterParseError(RefusedInput):
    """A letter the parser cannot read; `line` is where it stopped."""


@dataclass
class ParsedPoint:
    number: str
    resolution_text: str  # safe-to-store HTML: <p>, <ul><li>, <strong>, <em>
    status_report: str  # HTML; empty when the report is empty or only says "fulfilled"
    status_paragraphs: list[str]  # the report as plain text, for previews
    state: str
    line: int
    # The report's sentence that decided the state ("" for an empty report), and
    # who decided it: "letter" (by the phrases) or "person" (in the preview).
    state_reason: str = ""
    decided_by: str = "letter"


@dataclass
class ParsedLetter:
    paper_reference: str
    session_reference: str
    title: str
    file_reference: str
    letter_date: date
    next_control_date: date | None
    confidential: bool
    sender: list[str]
    recipients: list[str]
    salutation: str
    intro: str
    closing: str
    signatory: str
    points: list[ParsedPoint] = field(default_factory=list)

    @property
    def checksum(self) -> str:
        """The same letter gives the same checksum, whichever file it came in."""
        data = asdict(self)
        for point in data["points"]:
            # What the letter says and the state its words give, not where it
            # stood, why, or what a person chose instead (overrides come later).
            for key in ("line", "state_reason", "decided_by"):
                point.pop(key)
        text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


OPENERS = {"„": "“”", "“": "”", "»": "«", "«": "»", '"': '"', "‚": "‘’"}

_STARS = re.compile(r"\*+|_{2,}")
_BULLET = re.compile(r"^\s*[-–•]\s+")
_NUMBER = r"(?P<number>\d{1,3}[a-z]?(?:\.\d{1,3}[a-z]?)*)"
_INTRODUCER = r"(?:zu\s+)?(?:(?:beschluss)?punkt\s+)?"
_POINT = re.compile(
    r"^" + _INTRODUCER + _NUMBER + r"(?:\.\)|[.):])?:?(?:\s+|$)(?P<rest>.*)$",
    re.IGNORECASE,
)
_POINT_MARKUP = re.compile(
    r"^\s*(?:[-–•]\s+)?(?P<lead>[*_]*)\s*"
    + _INTRODUCER
    + _NUMBER
    + r"(?:\.\)|[.):])?:?(?P<trail>[*_]*)\s*",
    re.IGNORECASE,
)
_DEBRIS = re.compile(
    r"^(?:[-–]\s*\d{1,3}\s*[-–]|seite\s+\d+(?:\s*(?:von|/)\s*\d+)?|[-–*_=.\s]+)$",
    re.IGNORECASE,
)
_CONFIDENTIAL = re.compile(
    r"^[-–\s]*(?:streng\s+)?(?:vertraulich|nicht\s*öffentlich)[-–\s!.]*$", re.IGNORECASE
)
_FILE_REFERENCE = re.compile(
    r"^(?:GZ|Geschäftszeichen|Aktenzeichen|Az|Unser\s+Zeichen)\s*\.?\s*:?\s+"
    r"(?P<value>.+)$",
    re.IGNORECASE,
)
# The information block's other lines: contact, not sender and not address.
_INFORMATION = re.compile(
    r"^(?:Bearbeiter(?:in)?|Sachbearbeiter(?:in)?|Auskunft(?:\s+erteilt)?|Telefon|Tel|"
    r"Telefax|Fax|E-?Mail|Zimmer|Haus|Sprechzeiten?|Ihr(?:e)?\s+(?:Zeichen|Nachricht|"
    r"Schreiben)(?:\s+vom)?|Internet)\s*\.?\s*:",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(r"^Datum\s*:?\s*(?P<value>.*)$", re.IGNORECASE)
_SUBJECT = re.compile(
    r"^Beschlusskontrolle\s+(?:zu[rm]?\s+)?"
    r"(?:(?:der\s+|dem\s+)?(?:Vorlage|Beschlussvorlage|Beschluss|Drucksache)\s+"
    r"(?:Nr\.\s*)?)?(?P<paper>[^\s(]+?(?:(?:(?<=[A-Za-z]{2})|(?<=\.)) (?=\d)[^\s(]+?)*)"
    r"(?:\s*\(\s*(?:Sitzungsnummer|Sitzungs-Nr\.|Sitzung)\s*:?\s*(?P<session>[^)]+?)\s*\))?"
    r"\s*$",
    re.IGNORECASE,
)
_SUBJECT_START = re.compile(r"^Beschlusskontrolle\s+zu", re.IGNORECASE)
_RECIPIENTS = re.compile(r"^An\s", re.IGNORECASE)
_SALUTATION = re.compile(
    r"^(?:Sehr\s+geehrte|Liebe|Guten\s+Tag|Hallo)\b", re.IGNORECASE
)
_NEXT_CONTROL = re.compile(
    r"^n(?:ä|ae)chste\s+Beschlusskontrolle\b\s*:?\s*(?P<value>.*)$", re.IGNORECASE
)
_CLOSING = re.compile(
    r"^(?:Mit\s+freundlichen\s+Grüßen|Mit\s+freundlichem\s+Gruß|Hochachtungsvoll)\b",
    re.IGNORECASE,
)
_SIGNED = re.compile(r"^(?:gez\.?|i\.\s*V\.|i\.\s*A\.)\s*", re.IGNORECASE)
_TERMINAL = '.!?:;“”"»«'


def plain(markup: str) -> str:
    return _STARS.sub("", markup)


@dataclass
class _Line:
    text: str  # markup
    number: int
    paragraph_end: bool = False

    @property
    def plain(self) -> str:
        return plain(self.text).strip()


@dataclass
class _Block:
    kind: str  # "p" or "li"
    text: str  # markup
    line: int

    @property
    def plain(self) -> str:
        return plain(self.text).strip()


def _clean(lines: list[SourceLine]) -> list[_Line]:
    cleaned = []
    for line in lines:
        text = line.text.replace("\xa0", " ").replace("\u200b", "").rstrip()
        if _DEBRIS.match(plain(text).strip() or "-") and plain(text).strip():
            text = ""
        cleaned.append(_Line(text, line.number, line.paragraph_end))
    # A lone number is a page number, unless a quoted text follows: then it is a point.
    for index, line in enumerate(cleaned):
        if re.fullmatch(r"\d{1,3}", line.plain):
            following = _next_text(cleaned, index + 1)
            if following is None or not _starts_with_quote(following.plain):
                line.text = ""
    return cleaned


def _next_text(lines, start):
    for line in lines[start:]:
        if line.plain:
            return line
    return None


def _starts_with_quote(text: str) -> bool:
    return bool(text) and text[0] in OPENERS and text[0] != "‚"


def _starts_decided_text(line: _Line, markup=None, emphasis: bool = True) -> bool:
    """A decided text begins quoted („…“), or, in a letter that quotes none,
    emphasised (**…** or __…__)."""
    markup = line.text if markup is None else markup
    if _starts_with_quote(plain(markup).strip()):
        return True
    return emphasis and bool(_EMPHASISED.match(markup))


_EMPHASISED = re.compile(r"^\s*(?:\*\*|__)\s*\S")


def _point_start(lines: list[_Line], index: int, emphasis: bool = True) -> str | None:
    """The point number when line `index` begins a point, else None. `emphasis`
    False: only quoted decided texts start points (a letter that quotes its decided
    texts may set words of its reports in bold, "1. **Radweg Nord**: fertig")."""
    line = lines[index]
    match = _POINT.match(_BULLET.sub("", line.plain))
    markup = _POINT_MARKUP.match(line.text)
    if not match or not markup:
        return None
    rest = line.text[markup.end() :]
    if markup.group("lead") and not markup.group("trail"):
        # "**1. Der Stadtrat …**": the emphasis opened before the number
        rest = markup.group("lead") + rest
    if plain(rest).strip():
        if not _starts_decided_text(line, rest, emphasis):
            return None
    else:
        following = _next_text(lines, index + 1)
        if following is None or not _starts_decided_text(following, None, emphasis):
            return None
    try:
        return normalize_number(match.group("number"))
    except InvalidNumber:
        return None


def parse_letter(
    lines: list[SourceLine], rules: StateRules, fulfilled_sentence: str = ""
) -> ParsedLetter:
    cleaned = _clean(lines)
    last_line = lines[-1].number if lines else 1
    quoted = any(_point_start(cleaned, i, emphasis=False) for i in range(len(cleaned)))
    emphasis = not quoted
    first_point = next(
        (i for i in range(len(cleaned)) if _point_start(cleaned, i, emphasis)), None
    )
    header_end = first_point if first_point is not None else len(cleaned)
    # Where the parser stops looking for a header part that is missing.
    stop_line = cleaned[first_point].number if first_point is not None else last_line
    if first_point is None:
        raise LetterParseError(
            _(
                "import_error_no_points",
                default="No numbered point with a quoted, bold or italic resolution "
                "text was found.",
            ),
            last_line,
        )
    header = _parse_header(cleaned[:header_end], stop_line)
    body_end, footer = _parse_footer(cleaned, first_point)
    points = _parse_points(
        cleaned[first_point:body_end], rules, fulfilled_sentence, emphasis
    )
    return ParsedLetter(points=points, **header, **footer)


def _parse_header(lines: list[_Line], stop_line: int) -> dict:
    """Letterhead, address, GZ and date up to the subject line; then the title,
    the salutation and the intro."""
    values, subject_at = _scan_head(lines)
    if subject_at is None:
        raise LetterParseError(
            _(
                "import_error_no_subject",
                default='No subject line "Beschlusskontrolle zu <paper reference>" '
                "before the first point.",
            ),
            stop_line,
        )
    if values["letter_date"] is None:
        raise LetterParseError(
            _("import_error_no_date", default="The letter has no date."), stop_line
        )
    values.update(_after_subject(lines[subject_at:], stop_line))
    return values


def _scan_head(lines: list[_Line]) -> tuple[dict, int | None]:
    """The head's values, and the index after the subject line (None: no subject)."""
    values = {
        "confidential": False,
        "file_reference": "",
        "letter_date": None,
        "paper_reference": "",
        "session_reference": "",
        "sender": [],
        "recipients": [],
    }
    collecting = None  # "sender" or "recipients" while their lines go on
    index = 0
    while index < len(lines):
        line, text = lines[index], lines[index].plain
        index += 1
        if not text:
            collecting = None
            continue
        wrapped = _SUBJECT_START.match(text) and not _SUBJECT.match(text)
        if wrapped and index < len(lines) and lines[index].plain:
            # A subject wrapped onto the next line.
            text = f"{text} {lines[index].plain}"
            index += 1
        if subject := _SUBJECT.match(text):
            values.update(_subject_values(subject, line))
            return values, index
        collecting = _head_line(values, text, line, collecting)
    return values, None


def _subject_values(subject, line: _Line) -> dict:
    paper = subject.group("paper").strip()
    if not PAPER_REFERENCE.match(paper):
        raise LetterParseError(
            _(
                "import_error_paper_reference",
                default='"${value}" is not a paper reference like "V0220/14".',
                mapping={"value": paper},
            ),
            line.number,
        )
    return {
        "paper_reference": paper,
        "session_reference": (subject.group("session") or "").strip(),
    }


def _head_line(values: dict, text: str, line: _Line, collecting: str | None):
    """Take one line of the head into `values`; what is collected after it."""
    if _CONFIDENTIAL.match(text):
        # A mark beside the letterhead: the letterhead goes on after it.
        values["confidential"] = True
        return collecting
    if match := _FILE_REFERENCE.match(text):
        values["file_reference"] = match.group("value").strip()
        return None
    if match := _DATE_LINE.match(text):
        values["letter_date"] = _date_or_error(match.group("value"), line)
        return None
    if _INFORMATION.match(text):
        return None
    if _RECIPIENTS.match(text) and not values["recipients"]:
        values["recipients"].append(text)
        return "recipients"
    if collecting:
        values[collecting].append(text)
        return collecting
    if _is_place_and_date(values, text):
        # "Dresden, 25.01.2021" instead of a "Datum:" line.
        values["letter_date"] = find_date(text)
        return None
    if not values["sender"] and not values["recipients"]:
        values["sender"].append(text)
        return "sender"
    return None


def _is_place_and_date(values: dict, text: str) -> bool:
    return (
        values["letter_date"] is None
        and bool(values["sender"])
        and len(text) <= 40
        and find_date(text) is not None
    )


def _after_subject(lines: list[_Line], where: int) -> dict:
    """The title, the salutation and the intro."""
    rest = [line for line in lines if line.plain]
    salutation_at = next(
        (i for i, line in enumerate(rest) if line and _SALUTATION.match(line.plain)),
        None,
    )
    title_lines = rest if salutation_at is None else rest[:salutation_at]
    title = " ".join(line.plain for line in title_lines if line)
    if not title:
        raise LetterParseError(
            _(
                "import_error_no_title",
                default="The letter names no resolution title after its subject line.",
            ),
            where,
        )
    salutation = intro = ""
    if salutation_at is not None:
        salutation = rest[salutation_at].plain
        intro = " ".join(line.plain for line in rest[salutation_at + 1 :] if line)
    return {"title": title, "salutation": salutation, "intro": intro}


def _date_or_error(text: str, line: _Line) -> date:
    value = find_date(text)
    if value is None:
        raise LetterParseError(
            _(
                "import_error_date",
                default='"${value}" is not a date this importer can read.',
                mapping={"value": text.strip()},
            ),
            line.number,
        )
    return value


def _parse_footer(lines: list[_Line], start: int) -> tuple[int, dict]:
    values = {"next_control_date": None, "closing": "", "signatory": ""}
    body_end = len(lines)
    for index in range(start, len(lines)):
        line = lines[index]
        text = line.plain
        if match := _NEXT_CONTROL.match(text):
            body_end = min(body_end, index)
            value = match.group("value").strip()
            if not value:
                following = _next_text(lines, index + 1)
                value = following.plain if following else ""
            values["next_control_date"] = find_date(value)
            if (
                value
                and values["next_control_date"] is None
                and re.search(r"\d", value)
            ):
                _date_or_error(value, line)
        elif _CLOSING.match(text):
            body_end = min(body_end, index)
            values["closing"] = text
            following = _next_text(lines, index + 1)
            if following is not None:
                values["signatory"] = _SIGNED.sub("", following.plain).strip()
            break
    return body_end, values


def _blocks(
    lines: list[_Line], emphasis: bool
) -> list[tuple[str | None, list[_Block]]]:
    """Group the body into points: (number, blocks) with continuation lines joined."""
    points: list[tuple[str, int, list[_Block]]] = []
    previous_blank = True
    for index, line in enumerate(lines):
        if not line.plain:
            previous_blank = True
            continue
        number = _point_start(lines, index, emphasis)
        if number is not None:
            match = _POINT_MARKUP.match(line.text)
            lead, trail = match.group("lead"), match.group("trail")
            rest = line.text[match.end() :]
            if lead and not trail:
                rest = lead + rest
            points.append((number, line.number, []))
            if plain(rest).strip():
                points[-1][2].append(_Block("p", rest.strip(), line.number))
            previous_blank = line.paragraph_end
            continue
        blocks = points[-1][2]
        if _BULLET.match(line.plain):
            blocks.append(_Block("li", _BULLET.sub("", line.text.strip()), line.number))
        elif previous_blank or not blocks:
            blocks.append(_Block("p", line.text.strip(), line.number))
        else:
            blocks[-1].text = _join(blocks[-1].text, line.text.strip())
        previous_blank = line.paragraph_end
    return points


def _join(before: str, after: str) -> str:
    """Join a line to the one it continues, mending a hyphen at the line's end:
    "Integrations-" + "konzept" (hyphenation), "Konzept-" + "Entwurfs" (a hyphenated
    compound), "Staatsangehörigkeits-" + "und" (a hyphen standing for a word)."""
    if re.search(r"\w-$", plain(before)):
        first_word = plain(after).split(" ", 1)[0]
        if first_word in _CONJUNCTIONS:
            return f"{before} {after}"
        if re.match(r"[a-zäöüß]", first_word):
            return before[:-1] + after
        return before + after
    return f"{before} {after}"


_CONJUNCTIONS = {"und", "oder", "bzw.", "sowie", "bis", "als", "u.", "o."}


def _rejoin_page_breaks(blocks: list[_Block]) -> list[_Block]:
    """A paragraph cut by a page break ends without punctuation; its rest follows."""
    joined: list[_Block] = []
    for block in blocks:
        if (
            joined
            and block.kind == "p"
            and joined[-1].kind == "p"
            and joined[-1].plain
            and joined[-1].plain[-1] not in _TERMINAL
        ):
            joined[-1].text = _join(joined[-1].text, block.text)
        else:
            joined.append(block)
    return joined


def _parse_points(
    lines: list[_Line], rules: StateRules, fulfilled_sentence: str, emphasis: bool
) -> list[ParsedPoint]:
    points = []
    seen: dict[str, int] = {}
    for number, line_number, blocks in _blocks(lines, emphasis):
        if number in seen:
            raise LetterParseError(
                _(
                    "import_error_duplicate_point",
                    default="Point ${number} appears twice (first in line ${first}).",
                    mapping={"number": number, "first": seen[number]},
                ),
                line_number,
            )
        seen[number] = line_number
        quoted, report = _split_quote(_rejoin_page_breaks(blocks), number, line_number)
        paragraphs = [block.plain for block in report if block.plain]
        state, reason = rules.explain(paragraphs)
        report_html = to_html(report)
        if state == "fulfilled" and [_normal(p) for p in paragraphs] == [
            _normal(fulfilled_sentence)
        ]:
            # The letter prints this sentence for every fulfilled point without a report.
            report_html = ""
        points.append(
            ParsedPoint(
                number=number,
                resolution_text=to_html(quoted),
                status_report=report_html,
                status_paragraphs=paragraphs,
                state=state,
                line=line_number,
                state_reason=reason,
            )
        )
    return points


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _split_quote(blocks: list[_Block], number: str, line_number: int):
    """The quoted resolution text (without its outer quotes) and the status report."""
    if not blocks:
        raise _no_closing_quote(number, line_number)
    first = blocks[0]
    start = next(i for i, ch in enumerate(first.text) if ch not in "*_ ")
    opener = first.text[start]
    if opener not in OPENERS or opener == "‚":
        return _split_emphasis(blocks, number, line_number)
    closers = OPENERS[opener]
    end = _closing_position(blocks, start, opener, closers)
    if end is None:
        raise _no_closing_quote(number, line_number)
    end_block, end_pos = end
    quoted = [_Block(b.kind, b.text, b.line) for b in blocks[: end_block + 1]]
    last = quoted[-1]
    tail = last.text[end_pos + 1 :]
    stars = re.match(r"[*_]*", tail).group(0)
    remainder = tail[len(stars) :].strip()
    last.text = last.text[:end_pos] + stars
    quoted[0].text = quoted[0].text[:start] + quoted[0].text[start + 1 :]
    quoted = [b for b in quoted if b.plain]
    report = []
    if plain(remainder).strip(" .,;"):
        report.append(_Block("p", remainder.lstrip(" .,;"), last.line))
    report.extend(blocks[end_block + 1 :])
    return quoted, report


def _split_emphasis(blocks: list[_Block], number: str, line_number: int):
    """The emphasised decided text and the report that follows in normal type: the
    decided text ends where the emphasis ends."""
    quoted: list[_Block] = []
    index = 0
    for index, block in enumerate(blocks):
        end = _emphasis_end(block.text)
        if end is None:
            break
        rest = block.text[end:]
        quoted.append(_Block(block.kind, block.text[:end], block.line))
        if plain(rest).strip(" .,;:"):
            report = [_Block("p", rest.strip().lstrip(" .,;"), block.line)]
            return quoted, report + blocks[index + 1 :]
        if plain(block.text).rstrip()[-1:] in '.!?“”"»«':
            # A finished sentence ends the decided text: a bold report paragraph
            # after it ("**Der Beschlusspunkt ist erfüllt.**") is the report.
            index += 1
            break
    else:
        index = len(blocks)
    if not quoted:
        raise _no_closing_quote(number, line_number)
    return quoted, blocks[index:]


def _emphasis_end(markup: str) -> int | None:
    """Where the emphasised runs the markup starts with end (None: it starts in
    normal type); runs parted only by spaces or punctuation count as one."""
    end = None
    position = len(markup) - len(markup.lstrip())
    for match in _INLINE.finditer(markup, position):
        between = markup[position if end is None else end : match.start()]
        if between.strip(" .,;:-–"):
            break
        end = match.end()
    return end


def _closing_position(blocks, start, opener, closers):
    """(block, character) of the quote that closes the one at blocks[0][start]."""
    if opener == '"':
        # Straight quotes do not nest: the next paragraph ending in one closes.
        return _last_quote_of_a_block(blocks, start, '"')
    return _balanced_close(blocks, start, opener, closers) or (
        # Unbalanced nested quotes: the first paragraph that ends in a closing quote.
        _last_quote_of_a_block(blocks, start, closers)
    )


def _balanced_close(blocks, start, opener, closers):
    depth = 0
    for index, block in enumerate(blocks):
        first = start if index == 0 else 0
        for position, ch in enumerate(block.text[first:], first):
            if ch == opener:
                depth += 1
            elif ch in closers:
                depth -= 1
                if depth == 0:
                    return index, position
    return None


def _last_quote_of_a_block(blocks, start, closers):
    for index, block in enumerate(blocks):
        text = block.text.rstrip("*_ ")
        if text and text[-1] in closers and (index, len(text) - 1) != (0, start):
            return index, len(text) - 1
    return None


def _no_closing_quote(number, line_number):
    return LetterParseError(
        _(
            "import_error_no_closing_quote",
            default="The resolution text of point ${number} has no closing quote "
            "and no end of its bold or italic type.",
            mapping={"number": number},
        ),
        line_number,
    )


_INLINE = re.compile(r"\*\*(?P<strong>.+?)\*\*|__(?P<em>.+?)__")


def to_html(blocks: list[_Block]) -> str:
    root = lxml_html.Element("div")
    current_list = None
    for block in blocks:
        if not block.plain:
            continue
        if block.kind == "li":
            if current_list is None:
                current_list = lxml_html.Element("ul")
                root.append(current_list)
            element = lxml_html.Element("li")
            current_list.append(element)
        else:
            current_list = None
            element = lxml_html.Element("p")
            root.append(element)
        _fill_inline(element, block.text.strip())
    return "".join(lxml_html.tostring(child, encoding="unicode") for child in root)


def _fill_inline(element, markup: str) -> None:
    """Text with **bold** and __italic__ into `element`; stray markers are dropped.
    Text only ever becomes text nodes: nothing in a letter becomes markup by itself."""
    position = 0
    last = None
    for match in _INLINE.finditer(markup):
        _append_text(element, last, _STARS.sub("", markup[position : match.start()]))
        tag = "strong" if match.group("strong") is not None else "em"
        child = lxml_html.Element(tag)
        _fill_inline(child, match.group(tag))
        element.append(child)
        last = child
        position = match.end()
    _append_text(element, last, _STARS.sub("", markup[position:]))


def _append_text(element, last, text: str) -> None:
    if not text:
        return
    if last is None:
        element.text = (element.text or "") + text
    else:
        last.tail = (last.tail or "") + text


@dataclass
class DecidedText:
    """A resolution text as a council information system gives it: what stands
    before the first point (usually "Der Stadtrat beschließt:") and the points."""

    preamble: str  # HTML
    points: list[tuple[str, str]]  # (number, HTML)

    @property
    def checksum(self) -> str:
        """The same words under the same numbers give the same checksum, whatever
        markup or line breaks carried them."""
        words = [(number, html_words(text)) for number, text in self.points]
        data = json.dumps([html_words(self.preamble), words], ensure_ascii=False)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()


def html_words(markup: str) -> str:
    """The words of an HTML text, one space between them."""
    if not markup:
        return ""
    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    return " ".join(root.text_content().split())


def split_decided_text(lines: list[SourceLine]) -> DecidedText:
    """Split a decided text into its points by the numbers a letter's points carry
    ("1.", "1a)", "Zu 2:", "2.1"); a text without numbers is one point, "1".

    Unlike in a letter, nothing is quoted: every numbered line starts a point, as
    long as its number follows the previous one (so a line that begins "30. Juni"
    inside point 2 stays part of it)."""
    preamble: list[_Block] = []
    points: list[tuple[str, list[_Block]]] = []
    previous_blank = True
    for line in _running_points(_clean(lines)):
        if not line.plain:
            previous_blank = True
            continue
        number, rest = _numbered(line, points[-1][0] if points else None)
        if number is not None:
            points.append((number, []))
            if plain(rest).strip():
                points[-1][1].append(_Block("p", rest.strip(), line.number))
        else:
            blocks = points[-1][1] if points else preamble
            _add_line(blocks, line, previous_blank)
        previous_blank = line.paragraph_end
    if not points:
        return DecidedText("", [("1", to_html(preamble))] if preamble else [])
    return DecidedText(
        to_html(preamble), [(number, to_html(blocks)) for number, blocks in points]
    )


def _running_points(lines: list[_Line]) -> list[_Line]:
    """Points run together in one paragraph ("1. Ein Konzept ist vorzulegen. 2. Dem
    Ausschuss ist zu berichten.", as council systems that lose line breaks give
    them), each on a line of its own. A number in the running text starts a point
    only where a sentence (or, for "1.", an introduction with ":") ends, when it is
    the next number and a capital follows: "bis zum 30. Juni" stays where it is."""
    result, following = [], 1
    for line in lines:
        match = _POINT.match(_BULLET.sub("", line.plain))
        if match and match.group("number").isdigit():
            following = int(match.group("number")) + 1
        pieces, following = _split_running(line.text, following)
        for piece in pieces[:-1]:
            result.append(_Line(piece, line.number, paragraph_end=True))
        result.append(_Line(pieces[-1], line.number, line.paragraph_end))
    return result


def _split_running(text: str, following: int) -> tuple[list[str], int]:
    pieces = []
    while found := _running_number(following).search(text):
        if following == 1 and text[found.start() - 1] != ":":
            break
        pieces.append(text[: found.start()])
        text = text[found.end() :]
        following += 1
    return [*pieces, text], following


def _running_number(number: int) -> re.Pattern:
    return re.compile(
        rf"(?<=[.:;!?])\s+(?=[*_]*{number}(?:\.\)|[.)])\s+[*_]*[A-ZÄÖÜ„\"])"
    )


def _add_line(blocks: list[_Block], line: _Line, previous_blank: bool) -> None:
    if _BULLET.match(line.plain):
        blocks.append(_Block("li", _BULLET.sub("", line.text.strip()), line.number))
    elif previous_blank or not blocks:
        blocks.append(_Block("p", line.text.strip(), line.number))
    else:
        blocks[-1].text = _join(blocks[-1].text, line.text.strip())


def _numbered(line: _Line, previous: str | None) -> tuple[str | None, str]:
    """(the point number, the rest of the line) when the line starts a point."""
    match = _POINT.match(_BULLET.sub("", line.plain))
    markup = _POINT_MARKUP.match(line.text)
    if not match or not markup:
        return None, ""
    try:
        number = normalize_number(match.group("number"))
    except InvalidNumber:
        return None, ""
    if not _follows(number, previous):
        return None, ""
    rest = line.text[markup.end() :]
    if markup.group("lead") and not markup.group("trail"):
        rest = markup.group("lead") + rest
    return number, rest


def _follows(number: str, previous: str | None) -> bool:
    """Any number starts (a list may begin at 3); later ones keep or advance the
    main number by one."""
    if previous is None:
        return True
    main = int(re.match(r"\d+", number).group(0))
    last = int(re.match(r"\d+", previous).group(0))
    return main in (last, last + 1) and number != previous
