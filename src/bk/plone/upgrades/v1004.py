"""1003 → 1004: the letter as a document (issue 15) and letters as offices write
them (issue 16)."""

from plone import api


# Only the phrases this version adds: one a site removed on purpose stays removed.
PHRASES = {
    "bk.plone.import_fulfilled_phrases": (
        "wurde (somit) abgeschlossen",
        "sind (somit) (vollständig) erfüllt",
        "sind (somit) (vollständig) umgesetzt",
        "sind (somit) erledigt",
        "sind (somit) abgeschlossen",
        "wurden (somit) (vollständig) umgesetzt",
        "wurden (somit) abgeschlossen",
    ),
    "bk.plone.import_open_phrases": ("noch nicht begonnen", "steht (noch) aus"),
}


def add_state_phrases(context):
    """The new default phrases ("sind abgeschlossen", "steht noch aus", …) join each
    site's lists; phrases a site added or removed stay as the site has them."""
    for record, defaults in PHRASES.items():
        phrases = list(api.portal.get_registry_record(record, default=None) or [])
        added = [phrase for phrase in defaults if phrase not in phrases]
        if added:
            api.portal.set_registry_record(record, phrases + added)
