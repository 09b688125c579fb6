"""What bk.plone's texts may contain, whichever way they arrive, and how a stored
rich text is made safe to show whatever it claims to be.

Rich text is accepted as HTML only (the editor's format); every other mime type is
refused at the door (`RICH_TEXT_MIME_TYPES` on the fields). A value already stored
with another type, or with an output type other than Plone's safe HTML, is read
through `safe_rich_value`, so that every output (pages, letter, PDF, Word, REST,
mail) takes its HTML through Plone's safe HTML filter."""

from bk.plone import _
from cachetools import LRUCache
from plone import api
from plone.app.textfield import RichText
from plone.app.textfield.value import RichTextValue
from zope import schema

import hashlib
import re
import threading
import unicodedata


RICH_TEXT_MIME_TYPES = ("text/html",)
SAFE_OUTPUT = "text/x-html-safe"

# Lengths a person types; longer values are refused, not truncated.
LINE_MAX = 200  # titles, references, names
SHORT_MAX = 100  # GZ, session number, point number
TEXT_MAX = 5000  # descriptions, address fields, comments
RICH_TEXT_MAX = 200_000

# C0/C1 controls other than tab, newline and carriage return; lone surrogates;
# noncharacters. No export format can carry them (XML, XLSX, PDF, DOCX refuse).
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"
)
# What PDF and Word extraction adds that is not text: soft hyphens, zero-width
# spaces and joiners, byte order marks.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


class ForbiddenCharacters(schema.ValidationError):
    __doc__ = _(
        "error_control_characters",
        default="The text contains control characters or invalid characters; "
        "please remove them.",
    )


class UnsupportedTextFormat(schema.ValidationError):
    __doc__ = _(
        "error_text_format",
        default="Texts are accepted as HTML (text/html) only.",
    )


class TextTooLong(schema.ValidationError):
    __doc__ = _(
        "error_rich_text_too_long",
        default="The text is too long.",
    )


class HtmlRichText(RichText):
    """Rich text accepted as HTML only, whatever type a form or a REST client
    declares, with a message that says so (RichText's own says "wrong type")."""

    def __init__(self, **kw):
        kw.setdefault("allowed_mime_types", RICH_TEXT_MIME_TYPES)
        kw.setdefault("max_length", RICH_TEXT_MAX)
        kw.setdefault("constraint", printable_rich_text)
        super().__init__(**kw)

    def _validate(self, value):
        # Ours first: RichText raises a bare Invalid for length, which plone.restapi
        # does not catch (a 500).
        if value.mimeType not in self.allowed_mime_types:
            raise UnsupportedTextFormat(value.mimeType)
        if self.max_length is not None and len(value.raw or "") > self.max_length:
            raise TextTooLong(self.max_length)
        super()._validate(value)


def has_forbidden_characters(value: str) -> bool:
    return bool(_FORBIDDEN.search(value or ""))


def fits(value, max_length: int) -> bool:
    """A text of at most `max_length` characters, none of them forbidden."""
    return (
        isinstance(value, str)
        and len(value) <= max_length
        and not has_forbidden_characters(value)
    )


def printable(value: str) -> bool:
    """Field constraint of multi-line text: refuse control characters and lone
    surrogates."""
    if has_forbidden_characters(value):
        raise ForbiddenCharacters(value)
    return True


def printable_line(value: str) -> bool:
    """Field constraint of a text line: as `printable`, and one line (a constraint
    replaces TextLine's own check for line breaks)."""
    if "\n" in value or "\r" in value:
        raise ForbiddenCharacters(value)
    return printable(value)


def printable_rich_text(value) -> bool:
    """Field constraint of rich text: its raw text as `printable`."""
    return printable(getattr(value, "raw", None) or "")


def clean_text(value) -> str:
    """The text with what no document format can hold taken out: for exports of
    values stored before the fields refused them."""
    if not value:
        return ""
    return _FORBIDDEN.sub("", str(value))


def normalize_extracted(value: str) -> str:
    """Text as PDF and Word extraction gives it, as a person reads it: form feeds
    become line breaks, soft hyphens and zero-width characters go, NULs and other
    controls go, the rest in Unicode's composed form."""
    if not value:
        return ""
    value = value.replace("\f", "\n").replace("\v", "\n")
    value = _INVISIBLE.sub("", value)
    return unicodedata.normalize("NFC", _FORBIDDEN.sub("", value))


def safe_rich_value(value):
    """The stored rich text as one whose output is Plone's safe HTML.

    Values stored the normal way are returned as they are (keeping their cached
    output). A value that declares its input safe already, or its output as
    anything but safe HTML, would skip Plone's filter (plone.app.textfield hands
    out the raw text when input and output type agree): it is read as HTML and
    filtered. Control characters stored before the fields refused them are left out
    (no output format can carry them)."""
    if value is None or not isinstance(value, RichTextValue):
        return value
    mime_type = value.mimeType
    raw = value.raw or ""
    unprintable = has_forbidden_characters(raw)
    if (
        mime_type != SAFE_OUTPUT
        and value.outputMimeType == SAFE_OUTPUT
        and not unprintable
    ):
        return value
    return RichTextValue(
        raw=clean_text(raw) if unprintable else raw,
        mimeType="text/html" if mime_type == SAFE_OUTPUT else mime_type,
        outputMimeType=SAFE_OUTPUT,
        encoding=value.encoding,
    )


# The registry records Plone's safe HTML filter reads: what a filtered text depends
# on besides itself.
FILTER_RECORDS = (
    "plone.disable_filtering",
    "plone.nasty_tags",
    "plone.valid_tags",
    "plone.custom_attributes",
    "plone.markdown_extensions",
)


def filter_settings() -> tuple:
    return tuple(
        repr(api.portal.get_registry_record(name, default=None))
        for name in FILTER_RECORDS
    )


# Plain texts by (raw, mime type, filter settings): indexing a resolution reads all
# its points' texts, and a bulk import indexes each resolution once per point.
_plain = LRUCache(maxsize=4096)
_plain_lock = threading.Lock()


def plain_text(rich) -> str:
    """The words of a stored rich text, read through Plone's safe HTML filter."""
    if not rich or not rich.raw:
        return ""
    # by a digest: texts run to 200,000 characters, the cache holds thousands
    digest = hashlib.sha256(rich.raw.encode("utf-8", "surrogatepass")).hexdigest()
    key = (digest, rich.mimeType, filter_settings())
    with _plain_lock:
        found = _plain.get(key)
    if found is not None:
        return found
    transforms = api.portal.get_tool("portal_transforms")
    data = transforms.convertTo("text/plain", rich.output, mimetype="text/html")
    text = data.getData() if data else ""
    with _plain_lock:
        _plain[key] = text
    return text
