"""The letter names its settings itself: the control panel's layout is not its contract."""

from bk.plone.controlpanel.settings import IBkSettings
from bk.plone.letter.settings import letter_setting_names
from bk.plone.letter.settings import letter_settings
from plone import api
from plone.supermodel.interfaces import FIELDSETS_KEY


def test_every_letter_setting_is_a_registry_record(portal):
    for name in [*letter_setting_names(), "show_delays"]:
        assert name in IBkSettings.names()
        api.portal.get_registry_record(f"bk.plone.{name}")


def test_values_come_from_the_records(portal):
    api.portal.set_registry_record("bk.plone.signatory", "Eva Jähnigen")
    assert letter_settings().signatory == "Eva Jähnigen"


def test_moving_fields_in_the_form_changes_nothing(portal):
    api.portal.set_registry_record("bk.plone.municipality", "Stadt Kassel")
    before = letter_settings()
    assert before.municipality == "Stadt Kassel"
    fieldsets = IBkSettings.queryTaggedValue(FIELDSETS_KEY)
    IBkSettings.setTaggedValue(FIELDSETS_KEY, [])
    try:
        assert letter_settings() == before
    finally:
        IBkSettings.setTaggedValue(FIELDSETS_KEY, fieldsets)
