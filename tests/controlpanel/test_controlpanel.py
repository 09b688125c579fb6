"""The Beschlusskontrolle control panel, as the real roles, through the browser view
and through plone.restapi."""

from plone import api

import lxml.html
import pytest
import transaction


SETTINGS_ALLOWED = {"Manager", "Site Administrator"}
ROLES = [
    "Manager",
    "Site Administrator",
    "MayorsOffice",
    "Editor",
    "Contributor",
    "CouncilMember",
    "Member",
    None,
]


@pytest.mark.parametrize("role", ROLES)
def test_view_settings_page(functional_portal, role_users, http_session, role):
    user_id = role_users.get(role)
    session = http_session(user_id)
    response = session.get(
        f"{functional_portal.absolute_url()}/@@bk-settings", allow_redirects=False
    )
    if role in SETTINGS_ALLOWED:
        assert response.status_code == 200
        assert "Landeshauptstadt Dresden" in response.text
        tree = lxml.html.fromstring(response.text)
        hint = "Diese Texte erscheinen ab dem nächsten Schreiben"
        (letter_tab,) = tree.xpath("//fieldset[.//input[contains(@name, 'signatory')]]")
        assert hint in letter_tab.text_content()
        others = tree.xpath("//fieldset[not(.//input[contains(@name, 'signatory')])]")
        assert others
        assert all(hint not in other.text_content() for other in others)
    else:
        # Plone sends those without the permission to the login form.
        assert response.status_code == 302
        assert "require_login" in response.headers["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_read_settings_rest(functional_portal, role_users, http_session, role):
    user_id = role_users.get(role)
    session = http_session(user_id, json=True)
    response = session.get(
        f"{functional_portal.absolute_url()}/@controlpanels/bk-settings"
    )
    if role in SETTINGS_ALLOWED:
        assert response.status_code == 200
        assert response.json()["data"]["signatory"] == "Dirk Hilbert"
    else:
        assert response.status_code == 401


def test_change_settings_rest(functional_portal, role_users, http_session):
    session = http_session(role_users["Site Administrator"], json=True)
    response = session.patch(
        f"{functional_portal.absolute_url()}/@controlpanels/bk-settings",
        json={"signatory": "Eva Jähnigen"},
    )
    assert response.status_code == 204
    transaction.begin()
    assert api.portal.get_registry_record("bk.plone.signatory") == "Eva Jähnigen"


def test_change_settings_rest_refused_for_editor(
    functional_portal, role_users, http_session
):
    session = http_session(role_users["Editor"], json=True)
    response = session.patch(
        f"{functional_portal.absolute_url()}/@controlpanels/bk-settings",
        json={"signatory": "Someone Else"},
    )
    assert response.status_code == 401
    transaction.begin()
    assert api.portal.get_registry_record("bk.plone.signatory") == "Dirk Hilbert"


def authenticator(html: str) -> str:
    return lxml.html.fromstring(html).xpath("//input[@name='_authenticator']/@value")[0]


def _form_data(**overrides):
    data = {
        "form.widgets.municipality": "Landeshauptstadt Dresden",
        "form.widgets.issuer": "Der Oberbürgermeister",
        "form.widgets.signatory": "Dirk Hilbert",
        "form.widgets.default_recipients": "An alle\nFraktionen",
        "form.widgets.letter_form": "B",
        "form.widgets.letter_form-empty-marker": "1",
        "form.widgets.page_numbers": "all",
        "form.widgets.page_numbers-empty-marker": "1",
        "form.widgets.salutation": "Sehr geehrte Damen und Herren,",
        "form.widgets.intro": "folgender Zwischenstand:",
        "form.widgets.fulfilled_sentence": "Der Beschlusspunkt ist erfüllt.",
        "form.widgets.closing": "Mit freundlichen Grüßen",
        "form.widgets.bodies": "Stadtrat",
        "form.widgets.responsible_offices": "(OB) INAUSLB",
        "form.widgets.reminder_lead_days": "14",
        "form.buttons.save": "Speichern",
    }
    data.update(overrides)
    return data


def test_save_form_with_authenticator(functional_portal, role_users, http_session):
    session = http_session(role_users["Manager"])
    url = f"{functional_portal.absolute_url()}/@@bk-settings"
    page = session.get(url)
    token = authenticator(page.text)
    response = session.post(url, data=_form_data(**{"_authenticator": token}))
    assert response.status_code == 200
    transaction.begin()
    assert api.portal.get_registry_record("bk.plone.salutation") == (
        "Sehr geehrte Damen und Herren,"
    )


def test_save_form_without_authenticator_changes_nothing(
    functional_portal, role_users, http_session
):
    session = http_session(role_users["Manager"])
    response = session.post(
        f"{functional_portal.absolute_url()}/@@bk-settings", data=_form_data()
    )
    assert response.status_code == 403
    transaction.begin()
    assert api.portal.get_registry_record("bk.plone.salutation") == (
        "Sehr geehrte Fraktionen und Mitglieder des Stadtrates,"
    )


def test_invalid_lead_days_refused(functional_portal, role_users, http_session):
    session = http_session(role_users["Manager"])
    url = f"{functional_portal.absolute_url()}/@@bk-settings"
    page = session.get(url)
    token = authenticator(page.text)
    response = session.post(
        url,
        data=_form_data(
            **{"_authenticator": token, "form.widgets.reminder_lead_days": "-3"}
        ),
    )
    assert response.status_code == 200
    assert "error" in response.text
    transaction.begin()
    assert api.portal.get_registry_record("bk.plone.reminder_lead_days") == 14


def test_letter_layout_settings_offered(functional_portal, role_users, http_session):
    session = http_session(role_users["Manager"])
    page = session.get(f"{functional_portal.absolute_url()}/@@bk-settings")
    tree = lxml.html.fromstring(page.text)
    (letter_tab,) = tree.xpath("//fieldset[.//input[contains(@name, 'signatory')]]")
    text = letter_tab.text_content()
    assert "Briefform (DIN 5008)" in text
    assert "Rücksendeangabe" in text
    options = letter_tab.xpath(".//select[contains(@name, 'letter_form')]/option")
    assert {o.get("value") for o in options} >= {"A", "B"}
    assert any("Form B" in o.text_content() for o in options)


def test_unknown_letter_form_refused_rest(functional_portal, role_users, http_session):
    session = http_session(role_users["Manager"], json=True)
    response = session.patch(
        f"{functional_portal.absolute_url()}/@controlpanels/bk-settings",
        json={"letter_form": "C"},
    )
    assert response.status_code == 400
    transaction.begin()
    assert api.portal.get_registry_record("bk.plone.letter_form") == "B"
