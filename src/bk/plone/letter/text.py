"""The letter's texts: rich text through Plone's safe HTML filter and then what a
printed letter allows; the decided text quoted „…“ as the letter quotes it.

Everything after Plone's filter is a pure function of the filtered text and is
remembered per text (parsing and cleaning cost more than all else of a point)."""

from bk.plone.content.safe_text import clean_text
from bk.plone.content.safe_text import filter_settings
from bk.plone.content.safe_text import SAFE_OUTPUT
from bk.plone.content.safe_text import safe_rich_value
from bk.plone.letter.schema import Letter
from dataclasses import replace
from functools import lru_cache
from html import escape
from lxml import html as lxml_html
from lxml_html_clean import Cleaner
from plone import api

import re


# Asked again for every letter of the same points: a few large letters' worth.
_TEXTS_REMEMBERED = 1024


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


# What Plone's filter reads besides the text: the HTML filter settings (Site Setup
# → HTML Filtering) and, for texts stored as Markdown before the fields took HTML
# only, the Markdown extensions.

# Links to an object by its UID (resolveuid/…) become the object's current URL.
_LINK_BY_UID = re.compile(r"resolve_?uid", re.IGNORECASE)


def filter_key(context) -> tuple:
    """What the filtered texts shown at `context` depend on besides themselves: the
    filter's settings, the context's URL and its path (read once per letter)."""
    return (
        filter_settings(),
        context.absolute_url(),
        "/".join(context.getPhysicalPath()),
    )


def safe_html(rich, context=None, key: tuple | None = None) -> str:
    """Rich text through Plone's safe HTML filter, whatever its stored types say,
    and then the letter's cleaner (`letter_html`).

    As shown at `context` (default: the site): Plone's output filters make
    relative links absolute from there and links by UID the object's URL. `key`
    is `filter_key(context)`, when the caller has it already."""
    if rich is None or not (rich.raw or "").strip():
        return ""
    rich = safe_rich_value(rich)
    context = context if context is not None else api.portal.get()
    if _LINK_BY_UID.search(rich.raw):
        # The object may have moved since: filtered anew each time (a few ms).
        return _filter(rich.raw, rich.mimeType, context)
    return _filtered_at(rich.raw, rich.mimeType, key or filter_key(context))


@lru_cache(maxsize=_TEXTS_REMEMBERED)
def _filtered_at(raw: str, mime_type: str, key: tuple) -> str:
    # A pure function of its arguments, remembered: a letter of 200 points asks for
    # 400 texts, nearly all of them unchanged since the last letter. (Plone's own
    # cache on the stored value costs ~0.1 ms a lookup and is lost with the object.)
    # The key holds the context's URL and path, never the object.
    _settings, _url, path = key
    return _filter(raw, mime_type, api.portal.get().unrestrictedTraverse(path))


def _filter(raw: str, mime_type: str, context) -> str:
    transforms = api.portal.get_tool("portal_transforms")
    data = transforms.convertTo(SAFE_OUTPUT, raw, mimetype=mime_type, context=context)
    return letter_html(((data.getData() if data else "") or "").strip())


def filtered_html(html: str) -> str:
    """Any stored HTML (an issued report's, frozen whatever it holds) as it may be
    served: through Plone's safe HTML filter (as the site sets it now) and the
    letter's cleaner."""
    if not (html or "").strip():
        return ""
    return _filter(clean_text(html), "text/html", context=None)


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


def filtered_letter(letter: Letter) -> Letter:
    """A stored letter (an issued report's) with its HTML texts as they may be
    served (see `filtered_html`)."""
    return replace(
        letter,
        points=[
            replace(
                point,
                resolution_text=filtered_html(point.resolution_text or ""),
                status_report=filtered_html(point.status_report or ""),
            )
            for point in letter.points
        ],
    )
