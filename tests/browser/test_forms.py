"""The add and edit forms refuse bad input with a German message and store nothing."""

from plone import api
from plone.dexterity.utils import createContentInContainer

import lxml.html
import pytest
import transaction


@pytest.fixture
def existing(functional_portal, role_users):
    with api.env.adopt_roles(["Manager"]):
        resolution = createContentInContainer(
            functional_portal, "Resolution", paper_reference="V0220/14", title="Bestand"
        )
        createContentInContainer(resolution, "ControlPoint", number="1")
    transaction.commit()
    return resolution


def form_fields(html, form_id):
    page = lxml.html.fromstring(html)
    (form,) = page.xpath(f"//form[@id='{form_id}']")
    return dict(form.form_values())


def submit(session, url, form_id, **values):
    page = session.get(url)
    assert page.status_code == 200, page.status_code
    data = form_fields(page.text, form_id)
    data.update(values)
    return session.post(url, data=data)


def count(portal_type):
    transaction.begin()
    return len(api.content.find(portal_type=portal_type))


def add_resolution(session, base, **values):
    fields = {
        "form.widgets.title": "Neuer Beschluss",
        "form.widgets.paper_reference": "A0115/15",
        "form.buttons.save": "Speichern",
    }
    fields.update(values)
    return submit(session, f"{base}/++add++Resolution", "form", **fields)


def test_add_form_german_labels(functional_portal, role_users, http_session):
    page = http_session(role_users["Contributor"]).get(
        f"{functional_portal.absolute_url()}/++add++Resolution"
    )
    for label in (
        "Vorlagennummer",
        "Sitzungsnummer",
        "Beschließendes Gremium",
        "Vertraulich",
    ):
        assert label in page.text


def test_add_resolution_through_form(functional_portal, role_users, http_session):
    session = http_session(role_users["Contributor"])
    response = add_resolution(session, functional_portal.absolute_url())
    assert "/a0115-15" in response.url
    transaction.begin()
    assert functional_portal["a0115-15"].paper_reference == "A0115/15"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"form.widgets.paper_reference": "v0220/14"}, "bereits die Vorlagennummer"),
        ({"form.widgets.paper_reference": "V 0220 / 14"}, "Vorlagennummer besteht aus"),
        (
            {
                "form.widgets.decision_date": "2021-01-25",
                "form.widgets.next_control_date": "2020-06-30",
            },
            "nicht vor dem Beschlussdatum",
        ),
    ],
)
def test_add_form_refuses(
    functional_portal, existing, role_users, http_session, values, message
):
    before = count("Resolution")
    response = add_resolution(
        http_session(role_users["Contributor"]),
        functional_portal.absolute_url(),
        **values,
    )
    assert message in response.text
    assert count("Resolution") == before


def test_point_add_form_refuses_duplicate_number(existing, role_users, http_session):
    before = count("ControlPoint")
    response = submit(
        http_session(role_users["MayorsOffice"]),
        f"{existing.absolute_url()}/++add++ControlPoint",
        "form",
        **{"form.widgets.number": "1.", "form.buttons.save": "Speichern"},
    )
    assert "bereits einen Punkt 1" in response.text
    assert count("ControlPoint") == before


def test_point_add_form_normalises_number(existing, role_users, http_session):
    response = submit(
        http_session(role_users["MayorsOffice"]),
        f"{existing.absolute_url()}/++add++ControlPoint",
        "form",
        **{"form.widgets.number": " 1a.) ", "form.buttons.save": "Speichern"},
    )
    assert "/v0220-14/1a" in response.url
    transaction.begin()
    assert existing["1a"].number == "1a"


def test_edit_form_keeps_own_reference(existing, role_users, http_session):
    response = submit(
        http_session(role_users["MayorsOffice"]),
        f"{existing.absolute_url()}/@@edit",
        "form",
        **{"form.widgets.title": "Umbenannt", "form.buttons.save": "Speichern"},
    )
    assert response.status_code == 200
    transaction.begin()
    assert existing.Title() == "Umbenannt"
