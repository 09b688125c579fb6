"""The one letter model: a plain, JSON-serialisable structure built from a Resolution
and the settings. The HTML view, REST @letter (and the PDF and issued reports that
follow) render this structure; nothing about the letter's content is computed twice."""

from babel.dates import format_date
from bk.plone import _
from bk.plone.content.numbering import natural_key
from bk.plone.content.safe_text import clean_text
from bk.plone.content.safe_text import SAFE_OUTPUT
from bk.plone.content.safe_text import safe_rich_value
from bk.plone.controlpanel.settings import IBkSettings
from datetime import date
from functools import lru_cache
from html import escape
from lxml import html as lxml_html
from lxml_html_clean import Cleaner
from plone import api
from plone.app.textfield.interfaces import ITransformer
from plone.supermodel.interfaces import FIELDSETS_KEY
from zope.i18n import translate


def letter_setting_names() -> list[str]:
    """The fields of the control panel's "letter" fieldset."""
    (fieldset,) = [
        f
        for f in IBkSettings.queryTaggedValue(FIELDSETS_KEY, [])
        if f.__name__ == "letter"
    ]
    return list(fieldset.fields)


def letter_settings() -> dict:
    """The settings of the control panel's "letter" fieldset, by field name."""
    return {
        name: clean_text(
            api.portal.get_registry_record(f"bk.plone.{name}", default="") or ""
        )
        for name in letter_setting_names()
    }


def german_date(value: date | None, language: str = "de") -> str:
    """ "30. Juni 2021" (or the long form of the site language)."""
    if value is None:
        return ""
    return format_date(value, format="long", locale=language)


# A letter is printed prose: whatever Plone's filter lets through for web pages,
# frames, embedded objects and forms have no place in it (nor in its PDF).
_LETTER_CLEANER = Cleaner(
    frames=True,
    embedded=True,
    forms=True,
    scripts=True,
    javascript=True,
    comments=True,
    style=False,
    inline_style=False,
    page_structure=False,
    safe_attrs_only=False,
)


def safe_html(rich, transformer=None) -> str:
    """Rich text through Plone's safe HTML filter, whatever its stored types say.

    Through plone.app.textfield's transformer, as Plone's own views do: it caches
    the filtered text on the stored value, where a bare `convertTo` searches
    portal_transforms' graph for a path on every call (5 ms a field)."""
    if rich is None or not (rich.raw or "").strip():
        return ""
    transformer = transformer or ITransformer(api.portal.get())
    rich = safe_rich_value(rich)
    return letter_html((transformer(rich, SAFE_OUTPUT) or "").strip())


def filtered_html(html: str) -> str:
    """Any stored HTML (an issued report's, frozen whatever it holds) as it may be
    served: through Plone's safe HTML filter (as the site sets it now) and the
    letter's cleaner."""
    if not (html or "").strip():
        return ""
    transforms = api.portal.get_tool("portal_transforms")
    data = transforms.convertTo(SAFE_OUTPUT, clean_text(html), mimetype="text/html")
    return letter_html((data.getData() if data else "").strip())


# Pure functions of their text, asked again for every letter of the same points:
# remembered, a few large letters' worth (parsing and cleaning cost more than all
# else of a point).
_TEXTS_REMEMBERED = 1024


@lru_cache(maxsize=_TEXTS_REMEMBERED)
def letter_html(filtered: str) -> str:
    """Plone's filtered HTML with what has no place in a letter taken out."""
    if not filtered:
        return ""
    root = _fragment(clean_text(filtered))
    _LETTER_CLEANER(root)
    return _inner_html(root).strip()


def _fragment(html: str):
    return lxml_html.fragment_fromstring(html, create_parent="div")


def _inner_html(root) -> str:
    # The text before the first element is lxml's unescaped text: escaped again, or
    # "&lt;script&gt;" in a filtered text would come out as "<script>".
    return escape(root.text or "", quote=False) + "".join(
        lxml_html.tostring(child, encoding="unicode") for child in root
    )


@lru_cache(maxsize=_TEXTS_REMEMBERED)
def quoted(fragment: str) -> str:
    """Put the resolution text in „…“ the way the letter quotes it, keeping its
    paragraphs, lists and emphasis: „ before the first text, “ after the last."""
    if not fragment:
        return ""
    root = _fragment(fragment)
    elements = [node for node in root.iter() if isinstance(node.tag, str)]
    first = next((n for n in elements if (n.text or "").strip()), None)
    if first is None:
        return fragment
    first.text = "„" + first.text.lstrip()
    last_element, last_attr = None, None
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        if (node.text or "").strip():
            last_element, last_attr = node, "text"
        if node is not root and (node.tail or "").strip():
            last_element, last_attr = node, "tail"
    value = getattr(last_element, last_attr).rstrip()
    if not value.endswith("“"):
        setattr(last_element, last_attr, value + "“")
    return _inner_html(root)


def filtered_letter(letter: dict) -> dict:
    """A stored letter structure (an issued report's `letter_json`) with its HTML
    texts as they may be served (see `filtered_html`)."""
    return {
        **letter,
        "points": [
            {
                **point,
                "resolution_text": filtered_html(point.get("resolution_text") or ""),
                "status_report": filtered_html(point.get("status_report") or ""),
            }
            for point in letter.get("points") or ()
            if isinstance(point, dict)
        ],
    }


def point_data(point, settings, transformer) -> dict:
    return point_entry(
        number=point.number,
        state=api.content.get_state(point, default="open"),
        resolution_text=safe_html(point.resolution_text, transformer),
        status_report=safe_html(point.status_report, transformer),
        due_date=point.due_date,
        responsible_office=clean_text(point.effective_responsible_office()) or None,
        settings=settings,
    )


def point_entry(
    number: str,
    state: str,
    resolution_text: str,
    status_report: str,
    settings: dict,
    due_date: date | None = None,
    responsible_office: str | None = None,
) -> dict:
    """One point of the letter from already filtered HTML (see `safe_html`)."""
    if not status_report and state == "fulfilled":
        status_report = _paragraph(settings["fulfilled_sentence"])
    return {
        "number": number,
        "state": state,
        "resolution_text": quoted(resolution_text),
        "status_report": status_report,
        "due_date": due_date.isoformat() if due_date else None,
        "responsible_office": responsible_office,
    }


def _paragraph(text: str) -> str:
    element = lxml_html.Element("p")
    element.text = text
    return lxml_html.tostring(element, encoding="unicode")


def build_letter(
    resolution,
    letter_date: date | None = None,
    file_reference: str | None = None,
    next_control_date: date | None = None,
    language: str | None = None,
) -> dict:
    settings = letter_settings()
    language = language or api.portal.get_default_language() or "de"
    letter_date = letter_date or date.today()
    next_control = next_control_date or resolution.next_control_date
    recipients_text = (
        clean_text(resolution.recipients) or settings["default_recipients"]
    )
    points = [
        point
        for point in resolution.objectValues()
        if getattr(point, "portal_type", None) == "ControlPoint"
    ]
    points.sort(key=lambda point: natural_key(point.number))
    # One transformer for the letter: its texts are shown at the resolution's URL.
    transformer = ITransformer(resolution)

    def text(message):
        # The letter speaks the site's language, whoever reads it.
        return translate(message, target_language=language)

    if resolution.session_reference:
        subject = _(
            "letter_subject_with_session",
            default="Control report on ${paper} (session number: ${session})",
            mapping={
                "paper": clean_text(resolution.paper_reference),
                "session": clean_text(resolution.session_reference),
            },
        )
    else:
        subject = _(
            "letter_subject",
            default="Control report on ${paper}",
            mapping={"paper": clean_text(resolution.paper_reference)},
        )
    return {
        "labels": {
            "confidential": text(_("letter_confidential", default="confidential")),
            "file_reference": text(_("letter_file_reference", default="Ref.:")),
            "date": text(_("letter_date", default="Date:")),
            "next_control": text(
                _("letter_next_control", default="next control report:")
            ),
            "page": text(_("letter_page", default="Page")),
            "of": text(_("letter_page_of", default="of")),
        },
        "paper_reference": clean_text(resolution.paper_reference),
        "session_reference": clean_text(resolution.session_reference),
        "confidential": bool(resolution.confidential),
        "sender": {
            "municipality": settings["municipality"],
            "issuer": settings["issuer"],
        },
        "recipients": [
            line.strip() for line in recipients_text.splitlines() if line.strip()
        ],
        "file_reference": clean_text(
            file_reference if file_reference is not None else resolution.file_reference
        ),
        "date": letter_date.isoformat(),
        "date_text": german_date(letter_date, language),
        "subject": text(subject),
        "title": clean_text(resolution.title),
        "salutation": settings["salutation"],
        "intro": settings["intro"],
        "points": [point_data(point, settings, transformer) for point in points],
        "next_control_date": next_control.isoformat() if next_control else None,
        "next_control_text": german_date(next_control, language),
        "closing": settings["closing"],
        "signatory": settings["signatory"],
        "language": language,
    }
