"""The letter's contract: what every rendering takes, what REST @letter returns and
what an issued report keeps for ever (`letter_json`).

Stored letters outlive the code that wrote them, so the stored form carries its
`schema_version` and `read_letter` accepts every version written so far:

1. (up to bk.plone 1.0, no `schema_version` key) the same keys as version 2;
2. `schema_version: 2`;
3. adds the page layout (`layout`: DIN 5008 form and page numbering), the sender's
   `return_line` and the information block's `contact` lines. Older letters read
   as form B, numbered on every page, without return line or contact: what they
   were printed with.
4. adds `council_link`, the paper's page in the council information system (OParl
   `web`), and its label. Older letters read without it: they were printed
   without it.

A change to these classes that alters the stored form raises `SCHEMA_VERSION` and
teaches `read_letter` the previous one."""

from bk.plone.content.resolution import is_web_address
from bk.plone.letter.layout import din_form
from bk.plone.letter.layout import page_number_mode
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from dataclasses import fields
from typing import Any


SCHEMA_VERSION = 4
# The first version whose letters carry their page layout.
LAYOUT_SCHEMA_VERSION = 3


class LetterSchemaError(ValueError):
    """Stored letter data this version of bk.plone cannot read."""


@dataclass
class Labels:
    """The letter's fixed words, in the letter's language."""

    confidential: str = ""
    file_reference: str = ""
    date: str = ""
    next_control: str = ""
    page: str = ""
    of: str = ""
    council_link: str = ""


@dataclass
class Sender:
    municipality: str = ""
    issuer: str = ""
    # The small line above the address that a window envelope shows (DIN 5008).
    return_line: str = ""


@dataclass
class ContactLine:
    """One line of the information block beside the address, e.g. "Telefon"."""

    label: str
    value: str


@dataclass
class LetterLayout:
    """How the letter is set on paper (letter/layout.py has the measures)."""

    form: str = "B"
    page_numbers: str = "all"


@dataclass
class LetterPoint:
    """One resolution point as the letter shows it; texts are filtered HTML."""

    number: str
    state: str
    resolution_text: str = ""
    status_report: str = ""
    due_date: str | None = None
    responsible_office: str | None = None


@dataclass
class Letter:
    paper_reference: str
    date: str
    date_text: str
    subject: str
    title: str = ""
    session_reference: str = ""
    # The paper's page in the council information system (http or https only).
    council_link: str = ""
    confidential: bool = False
    labels: Labels = field(default_factory=Labels)
    sender: Sender = field(default_factory=Sender)
    recipients: list[str] = field(default_factory=list)
    file_reference: str = ""
    contact: list[ContactLine] = field(default_factory=list)
    salutation: str = ""
    intro: str = ""
    points: list[LetterPoint] = field(default_factory=list)
    next_control_date: str | None = None
    next_control_text: str = ""
    closing: str = ""
    signatory: str = ""
    language: str = "de"
    layout: LetterLayout = field(default_factory=LetterLayout)
    schema_version: int = SCHEMA_VERSION

    def to_json(self) -> dict[str, Any]:
        """The JSON form, as REST returns it and reports store it."""
        return asdict(self)

    def filename(self, extension: str) -> str:
        reference = self.paper_reference.replace("/", "-")
        return f"Beschlusskontrolle_{reference}_{self.date}.{extension}"


def read_letter(data: dict) -> Letter:
    """A letter from its stored JSON form, of any schema version so far."""
    if not isinstance(data, dict):
        raise LetterSchemaError("letter data is not an object")
    version = data.get("schema_version", 1)
    if not isinstance(version, int) or not 1 <= version <= SCHEMA_VERSION:
        raise LetterSchemaError(f"unknown letter schema version {version!r}")
    # Versions 1 and 2 share their keys; 3 and 4 add some, whose defaults are the
    # old letters' look.
    values = _known(Letter, data)
    values["labels"] = Labels(**_known(Labels, data.get("labels")))
    values["sender"] = Sender(**_known(Sender, data.get("sender")))
    values["layout"] = _layout(data.get("layout"))
    values["contact"] = [_contact(line) for line in data.get("contact") or ()]
    values["points"] = [_point(point) for point in data.get("points") or ()]
    values["recipients"] = [str(line) for line in data.get("recipients") or ()]
    values["council_link"] = _web_link(data.get("council_link"))
    values["schema_version"] = SCHEMA_VERSION
    try:
        return Letter(**values)
    except TypeError as error:
        raise LetterSchemaError(str(error)) from error


def _web_link(value) -> str:
    """Only an http(s) address becomes a link in the letter."""
    return value if is_web_address(value) else ""


def _point(data) -> LetterPoint:
    if not isinstance(data, dict) or "number" not in data or "state" not in data:
        raise LetterSchemaError(f"a point without number or state: {data!r:.80}")
    return LetterPoint(**_known(LetterPoint, data))


def _layout(data) -> LetterLayout:
    """The stored layout, or form B on every page for what no renderer knows."""
    known = _known(LetterLayout, data)
    return LetterLayout(
        form=din_form(str(known.get("form", ""))).name,
        page_numbers=page_number_mode(str(known.get("page_numbers", ""))),
    )


def _contact(data) -> ContactLine:
    if not isinstance(data, dict) or "label" not in data or "value" not in data:
        raise LetterSchemaError(f"a contact line without label or value: {data!r:.80}")
    return ContactLine(label=str(data["label"]), value=str(data["value"]))


def _known(cls, data) -> dict:
    """The keys of `data` that `cls` has fields for (later versions may add more)."""
    if not isinstance(data, dict):
        return {}
    names = {f.name for f in fields(cls)}
    return {key: value for key, value in data.items() if key in names}
