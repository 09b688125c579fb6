"""What the letter takes from the site's settings, by registry record.

The control panel shows these fields in its "Letter" fieldset, but the letter names
its records itself: moving a field in the form changes nothing here."""

from bk.plone.content.safe_text import clean_text
from dataclasses import dataclass
from dataclasses import fields
from plone import api


@dataclass(frozen=True)
class LetterSettings:
    municipality: str = ""
    issuer: str = ""
    signatory: str = ""
    default_recipients: str = ""
    return_address: str = ""
    contact: str = ""
    letter_form: str = "B"
    page_numbers: str = "all"
    salutation: str = ""
    intro: str = ""
    fulfilled_sentence: str = ""
    closing: str = ""
    # after a point's report: "Verzögerung: …" and the target date
    show_delays: bool = True


RECORD_PREFIX = "bk.plone."


def letter_setting_names() -> list[str]:
    """The letter's text settings (its yes/no settings aside)."""
    return [f.name for f in fields(LetterSettings) if isinstance(f.default, str)]


def letter_settings() -> LetterSettings:
    return LetterSettings(
        **{f.name: _record(f.name, f.default) for f in fields(LetterSettings)}
    )


def _record(name: str, default):
    """The site's value; a record the site does not have yet (before its upgrade)
    reads as empty text, or as the default of a yes/no setting."""
    if isinstance(default, bool):
        value = api.portal.get_registry_record(RECORD_PREFIX + name, default=None)
        return default if value is None else bool(value)
    value = api.portal.get_registry_record(RECORD_PREFIX + name, default="")
    return clean_text(value or "")
