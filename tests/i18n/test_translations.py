"""Every message of the bk.plone domain is translated to German and English, and the
compiled catalogs that ship are those of the .po files."""

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from pathlib import Path

import bk.plone
import pytest


LOCALES = Path(bk.plone.__file__).parent / "locales"
LANGUAGES = ["de", "en"]


def catalog(path: Path, reader):
    """Message ids and their translations; a fuzzy entry counts as untranslated."""
    with path.open("rb") as f:
        return {m.id: ("" if m.fuzzy else m.string) for m in reader(f) if m.id}


@pytest.fixture(scope="module")
def template_ids():
    return set(catalog(LOCALES / "bk.plone.pot", read_po))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_translated(template_ids, language):
    po = catalog(LOCALES / language / "LC_MESSAGES" / "bk.plone.po", read_po)
    untranslated = sorted(mid for mid in template_ids if not po.get(mid))
    assert untranslated == []


@pytest.mark.parametrize("domain", ["bk.plone", "plone"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalog_matches_po(language, domain):
    folder = LOCALES / language / "LC_MESSAGES"
    po = catalog(folder / f"{domain}.po", read_po)
    mo = catalog(folder / f"{domain}.mo", read_mo)
    assert mo == po, "run `make i18n` to recompile the .mo files"


@pytest.mark.parametrize(
    "workflow_id",
    [
        "bk_resolution_workflow",
        "bk_control_point_workflow",
        "bk_control_report_workflow",
        "bk_control_list_workflow",
    ],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_workflow_titles_translated(portal, workflow_id, language):
    """Plone shows state and transition titles in its own domain."""
    from plone import api

    workflow = api.portal.get_tool("portal_workflow")[workflow_id]
    titles = {s.title for s in workflow.states.values()}
    titles |= {t.title for t in workflow.transitions.values()}
    po = catalog(LOCALES / language / "LC_MESSAGES" / "plone.po", read_po)
    assert sorted(t for t in titles if not po.get(t)) == []


def test_history_actions_translated():
    po = catalog(LOCALES / "de" / "LC_MESSAGES" / "plone.po", read_po)
    for transition in ("start", "fulfil", "reopen", "supersede"):
        assert po[f"bk_propose_{transition}"].startswith("Vorgeschlagen: ")
        assert po[f"bk_decline_{transition}"].startswith("Abgelehnt: ")


def test_pot_is_current(repo_root, tmp_path):
    """Every message id in the code and templates is in the .pot (run `make i18n`)."""
    import subprocess
    import sys

    pot = tmp_path / "bk.plone.pot"
    i18ndude = Path(sys.executable).parent / "i18ndude"
    subprocess.run(
        [str(i18ndude), "rebuild-pot", "--pot", str(pot), "--create", "bk.plone", "."],
        cwd=LOCALES.parent,
        check=True,
        capture_output=True,
    )
    assert set(catalog(pot, read_po)) == set(catalog(LOCALES / "bk.plone.pot", read_po))


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        (
            None,
            ["Unterzeichner", "Vorlauf der Erinnerung (Tage)", "Bereits ausgefertigte"],
        ),
        ("de", ["Unterzeichner", "Zuständige Ämter"]),
        ("en", ["Signatory", "Reminder lead time (days)", "Letters already"]),
    ],
)
def test_controlpanel_speaks_the_language(
    functional_portal, role_users, http_session, accept_language, expected
):
    session = http_session(role_users["Manager"])
    if accept_language:
        session.headers["Accept-Language"] = accept_language
    page = session.get(f"{functional_portal.absolute_url()}/@@bk-settings").text
    for text in expected:
        assert text in page


def test_no_untranslated_template_strings():
    """Every text in a template is a message id (or marked i18n:ignore for data)."""
    import subprocess
    import sys

    i18ndude = Path(sys.executable).parent / "i18ndude"
    result = subprocess.run(
        [str(i18ndude), "find-untranslated", str(LOCALES.parent)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "-ERROR-" not in result.stdout + result.stderr, result.stdout
