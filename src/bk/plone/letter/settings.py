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


RECORD_PREFIX = "bk.plone."


def letter_setting_names() -> list[str]:
    return [f.name for f in fields(LetterSettings)]


def letter_settings() -> LetterSettings:
    return LetterSettings(
        **{
            name: clean_text(
                api.portal.get_registry_record(RECORD_PREFIX + name, default="") or ""
            )
            for name in letter_setting_names()
        }
    )
