"""The one letter model: a `Letter` (letter/schema.py) built from a Resolution and
the settings. Every rendering (letter/render.py), REST @letter, issuing and the
importer take this structure; nothing about the letter's content is computed twice."""

from babel.dates import format_date
from bk.plone import _
from bk.plone.content.resolution import is_web_address
from bk.plone.content.safe_text import clean_text
from bk.plone.content.status import point_states
from bk.plone.letter.layout import din_form
from bk.plone.letter.layout import page_number_mode
from bk.plone.letter.schema import ContactLine
from bk.plone.letter.schema import Labels
from bk.plone.letter.schema import Letter
from bk.plone.letter.schema import LetterLayout
from bk.plone.letter.schema import LetterPoint
from bk.plone.letter.schema import Sender
from bk.plone.letter.settings import letter_settings
from bk.plone.letter.settings import LetterSettings
from bk.plone.letter.text import filter_key
from bk.plone.letter.text import quoted
from bk.plone.letter.text import safe_html
from datetime import date
from lxml import html as lxml_html
from plone import api
from zoneinfo import ZoneInfo
from zope.i18n import translate


def parse_date(value) -> date | None:
    """An ISO date from a form or query string, or None."""
    if not value or not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def site_language() -> str:
    """The site's language: what the letter, dates and mails speak."""
    return api.portal.get_default_language() or "de"


def site_zone() -> ZoneInfo:
    """The site's time zone (Plone's setting): the zone of its days and times."""
    zone = api.portal.get_registry_record("plone.portal_timezone", default=None)
    return ZoneInfo(zone or "Europe/Berlin")


def german_date(value: date | None, language: str = "de") -> str:
    """ "30. Juni 2021" (or the long form of the site language)."""
    if value is None:
        return ""
    return format_date(value, format="long", locale=language.replace("-", "_"))


def point_data(
    point, state: str, settings: LetterSettings, resolution, key: tuple
) -> LetterPoint:
    """The point as the letter shows it, at the resolution's URL."""
    return point_entry(
        number=point.number,
        state=state,
        resolution_text=safe_html(point.resolution_text, resolution, key),
        status_report=safe_html(point.status_report, resolution, key)
        + point_notes(point, state, settings),
        due_date=point.due_date,
        responsible_office=clean_text(point.effective_responsible_office()) or None,
        settings=settings,
    )


def point_entry(
    number: str,
    state: str,
    resolution_text: str,
    status_report: str,
    settings: LetterSettings,
    due_date: date | None = None,
    responsible_office: str | None = None,
) -> LetterPoint:
    """One point of the letter from already filtered HTML (see `safe_html`)."""
    if not status_report and state == "fulfilled":
        status_report = _paragraph(settings.fulfilled_sentence)
    return LetterPoint(
        number=number,
        state=state,
        resolution_text=quoted(resolution_text),
        status_report=status_report,
        due_date=due_date.isoformat() if due_date else None,
        responsible_office=responsible_office,
    )


def point_notes(point, state: str, settings: LetterSettings) -> str:
    """What the letter says after the report: the later paper that superseded the
    point, and (when the settings show them) the target date and reason for delay."""
    language = site_language()
    notes = []
    superseded_by = clean_text(getattr(point, "superseded_by", "") or "")
    if state == "superseded" and superseded_by:
        notes.append(
            _labelled(
                _("letter_superseded_by", default="Repealed or replaced by:"),
                superseded_by,
                language,
            )
        )
    target = getattr(point, "target_date", None)
    reason = clean_text(getattr(point, "delay_reason", "") or "").strip()
    if settings.show_delays and state not in ("fulfilled", "superseded"):
        if target:
            notes.append(
                _labelled(
                    _("letter_target_date", default="Target date:"),
                    german_date(target, language),
                    language,
                )
            )
        if reason:
            notes.append(
                _labelled(_("letter_delay", default="Delay:"), reason, language)
            )
    return "".join(notes)


def _labelled(label, text: str, language: str) -> str:
    """<p><strong>Label</strong> text</p>, the text escaped."""
    element = lxml_html.Element("p")
    strong = lxml_html.Element("strong")
    strong.text = translate(label, target_language=language)
    strong.tail = " " + text
    element.append(strong)
    return lxml_html.tostring(element, encoding="unicode")


def _paragraph(text: str) -> str:
    element = lxml_html.Element("p")
    element.text = text
    return lxml_html.tostring(element, encoding="unicode")


def letter_labels(language: str) -> Labels:
    def text(message):
        # The letter speaks the site's language, whoever reads it.
        return translate(message, target_language=language)

    return Labels(
        confidential=text(_("letter_confidential", default="confidential")),
        file_reference=text(_("letter_file_reference", default="Ref.:")),
        date=text(_("letter_date", default="Date:")),
        next_control=text(_("letter_next_control", default="next control report:")),
        page=text(_("letter_page", default="Page")),
        of=text(_("letter_page_of", default="of")),
        council_link=text(
            _(
                "letter_council_link",
                default="The paper in the council information system:",
            )
        ),
    )


def council_page(resolution) -> str:
    """The paper's page people open in the council information system (OParl
    `web`), as an http(s) address; the API address is not for people."""
    url = getattr(resolution, "oparl_web", None) or ""
    return url if is_web_address(url) else ""


def letter_subject(resolution, language: str) -> str:
    paper = clean_text(resolution.paper_reference)
    if resolution.session_reference:
        message = _(
            "letter_subject_with_session",
            default="Control report on ${paper} (session number: ${session})",
            mapping={
                "paper": paper,
                "session": clean_text(resolution.session_reference),
            },
        )
    else:
        message = _(
            "letter_subject",
            default="Control report on ${paper}",
            mapping={"paper": paper},
        )
    return translate(message, target_language=language)


def recipient_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def contact_lines(text: str) -> list[ContactLine]:
    """ "Telefon: 0351 488-0" lines; a line without a colon is a value alone."""
    lines = []
    for line in recipient_lines(text):
        label, colon, value = line.partition(":")
        if colon:
            lines.append(ContactLine(label=f"{label.strip()}:", value=value.strip()))
        else:
            lines.append(ContactLine(label="", value=line))
    return lines


def letter_sender(settings: LetterSettings) -> Sender:
    return Sender(
        municipality=settings.municipality,
        issuer=settings.issuer,
        return_line=settings.return_address
        or " · ".join(filter(None, (settings.municipality, settings.issuer))),
    )


def letter_layout(settings: LetterSettings) -> LetterLayout:
    return LetterLayout(
        form=din_form(settings.letter_form).name,
        page_numbers=page_number_mode(settings.page_numbers),
    )


def letter_points(resolution, settings: LetterSettings) -> list[LetterPoint]:
    points = resolution.points()
    key = filter_key(resolution)
    return [
        point_data(point, state, settings, resolution, key)
        for point, state in zip(points, point_states(points), strict=True)
    ]


def build_letter(
    resolution,
    letter_date: date | None = None,
    file_reference: str | None = None,
    next_control_date: date | None = None,
    language: str | None = None,
) -> Letter:
    settings = letter_settings()
    language = language or site_language()
    letter_date = letter_date or date.today()
    next_control = next_control_date or resolution.next_control_date
    if file_reference is None:
        file_reference = resolution.file_reference
    return Letter(
        labels=letter_labels(language),
        paper_reference=clean_text(resolution.paper_reference),
        session_reference=clean_text(resolution.session_reference),
        council_link=council_page(resolution),
        confidential=bool(resolution.confidential),
        sender=letter_sender(settings),
        recipients=recipient_lines(
            clean_text(resolution.recipients) or settings.default_recipients
        ),
        file_reference=clean_text(file_reference),
        contact=contact_lines(settings.contact),
        date=letter_date.isoformat(),
        date_text=german_date(letter_date, language),
        subject=letter_subject(resolution, language),
        title=clean_text(resolution.title),
        salutation=settings.salutation,
        intro=settings.intro,
        points=letter_points(resolution, settings),
        next_control_date=next_control.isoformat() if next_control else None,
        next_control_text=german_date(next_control, language),
        closing=settings.closing,
        signatory=settings.signatory,
        language=language,
        layout=letter_layout(settings),
    )
