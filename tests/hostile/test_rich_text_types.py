"""Rich text that declares a mime type Plone's filter does not cover (or declares
itself safe already) is refused at the door, and what is stored that way anyway is
inert in every output (issue 12, item 1 and 2)."""

from plone import api
from plone.app.textfield.value import RichTextValue
from tests.helpers.active import active_in_docx
from tests.helpers.active import active_in_fragment
from tests.helpers.active import active_in_html
from tests.helpers.active import active_in_pdf
from tests.helpers.active import html_strings
from tests.helpers.active import MARKER
from tests.helpers.hostile import snapshot
from tests.helpers.web import issue_letter
from tests.helpers.web import token

import json
import pytest
import transaction


PAYLOAD = f'Bericht <img src=x onerror="{MARKER}"> <script>{MARKER}</script>'
# Types outside the allowed one: plain-text converters that leave "<" alone as
# lxml reads it, and the safe type itself (plone.app.textfield hands its raw text out).
REFUSED_TYPES = (
    "text/x-web-intelligent",
    "text/x-html-safe",
    "text/plain",
    "text/x-web-markdown",
    "text/restructured",
    "text/x-web-textile",
    "text/x-python",
    "application/octet-stream",
)
# (mime type, output mime type) as a value may have been stored before the fields
# refused them, or by a script.
STORED = (
    ("text/x-web-intelligent", "text/x-html-safe"),
    ("text/x-html-safe", "text/x-html-safe"),
    ("text/html", "text/html"),
    ("text/plain", "text/plain"),
    ("text/structured", "text/x-html-safe"),
)


@pytest.mark.parametrize("mime_type", REFUSED_TYPES)
@pytest.mark.parametrize("field", ["status_report", "resolution_text"])
def test_rest_refuses_other_mime_types(
    world, role_users, http_session, tried, mime_type, field
):
    # The mayor's office may write both fields of a released resolution.
    before = snapshot(world.aq_parent)
    response = http_session(role_users["MayorsOffice"], json=True).patch(
        f"{world.absolute_url()}/r1-21/2",
        json={field: {"data": PAYLOAD, "content-type": mime_type}},
    )
    tried("xss: rich text mime types refused")
    assert response.status_code == 400, response.text[:300]
    assert snapshot(world.aq_parent) == before


def test_rest_takes_html_and_plain_strings(world, role_users, http_session):
    """The refusals are about the type (else they prove nothing)."""
    rest = http_session(role_users["Editor"], json=True)
    url = f"{world.absolute_url()}/r1-21/2"
    for value in (
        {"data": "<p>Neu</p>", "content-type": "text/html"},
        "<p>Auch neu</p>",
    ):
        response = rest.patch(url, json={"status_report": value})
        assert response.status_code == 204, response.text[:300]
    transaction.begin()
    assert "Auch neu" in world["r1-21"]["2"].status_report.raw


@pytest.mark.parametrize("mime_type", REFUSED_TYPES[:3])
def test_edit_form_refuses_other_mime_types(
    world, role_users, http_session, tried, mime_type
):
    session = http_session(role_users["Editor"])
    url = f"{world.absolute_url()}/r1-21/2/@@edit"
    before = snapshot(world.aq_parent)
    response = session.post(
        url,
        data={
            "_authenticator": token(session, url),
            "form.widgets.status_report": PAYLOAD,
            "form.widgets.status_report.mimeType": mime_type,
            "form.buttons.save": "Speichern",
        },
    )
    tried("xss: rich text mime types refused")
    assert response.status_code == 200
    assert "invalid-feedback" in response.text or "error" in response.text
    assert snapshot(world.aq_parent) == before


@pytest.mark.parametrize(("mime_type", "output"), STORED)
def test_stored_values_inert_in_every_output(
    world, role_users, http_session, tried, mime_type, output
):
    with api.env.adopt_roles(["Manager"]):
        resolution = world["p1-21"]
        point = resolution["2"]
        point.status_report = RichTextValue(PAYLOAD, mime_type, output)
        point.resolution_text = RichTextValue(PAYLOAD, mime_type, output)
    transaction.commit()
    url = resolution.absolute_url()
    found = {}
    anonymous = http_session()
    for path in ("/@@letter", "/2"):
        page = anonymous.get(url + path)
        assert page.status_code == 200, path
        found[path] = active_in_html(page.text)
    rest = http_session(role_users["MayorsOffice"], json=True)
    for path in ("/@letter", "/2"):
        data = rest.get(url + path).json()
        found[f"REST {path}"] = [
            hit for text in html_strings(data) for hit in active_in_fragment(text)
        ]
    found["pdf"] = active_in_pdf(anonymous.get(f"{url}/@@letter.pdf").content)
    found["docx"] = active_in_docx(anonymous.get(f"{url}/@@letter.docx").content)
    office = http_session(role_users["MayorsOffice"])
    issued = issue_letter(
        office, resolution, date="2024-03-01", next_control_date="2024-09-01"
    )
    assert issued.status_code == 200
    found["issued report page"] = active_in_html(issued.text)
    transaction.begin()
    (report,) = [
        o for o in resolution.objectValues() if o.portal_type == "ControlReport"
    ]
    found["issued report html"] = active_in_html(report.html)
    tried("xss: stored mime types x output", len(found))
    assert {where: hits for where, hits in found.items() if hits} == {}


def test_frozen_report_served_filtered(world, role_users, http_session, tried):
    """A report frozen with active content (before the filters) keeps its stored
    bytes and is served filtered: page, REST, @@download."""
    office = http_session(role_users["MayorsOffice"])
    resolution = world["r1-21"]
    assert (
        issue_letter(
            office, resolution, date="2024-03-01", next_control_date="2024-09-01"
        ).status_code
        == 200
    )
    transaction.begin()
    (report,) = [
        o for o in resolution.objectValues() if o.portal_type == "ControlReport"
    ]
    poisoned = report.html.replace(
        "</body>", f"<p>Text <script>{MARKER}</script><img src=x onerror=x></p></body>"
    )
    report.html = poisoned
    letter = report.letter.to_json()
    letter["points"][0]["status_report"] = f"<p>Text <script>{MARKER}</script></p>"
    poisoned_json = json.dumps(letter)
    report.letter_json = poisoned_json
    transaction.commit()
    page = office.get(report.absolute_url())
    assert page.status_code == 200
    assert active_in_html(page.text) == []
    rest = http_session(role_users["MayorsOffice"], json=True).get(
        report.absolute_url()
    )
    assert active_in_fragment(rest.json()["html"]) == []
    served_letter = json.loads(rest.json()["letter_json"])
    assert [
        hit for text in html_strings(served_letter) for hit in active_in_fragment(text)
    ] == []
    for url in (
        f"{report.absolute_url()}/@@download/html",
        f"{report.absolute_url()}/@@display-file/html",
        f"{report.absolute_url()}/@@images/html",
        f"{report.absolute_url()}/@@images/html/thumb",
        f"{resolution.absolute_url()}/@@images/title",
        f"{resolution.absolute_url()}/@@images/nosuchfield",
        f"{resolution.absolute_url()}/@@download/title",
    ):
        response = office.get(url, allow_redirects=False)
        assert response.status_code == 404, url
        tried("500s: download of a field without a file")
    assert office.get(f"{report.absolute_url()}/@@download/pdf").status_code == 200
    transaction.begin()
    assert report.html == poisoned  # frozen: never rewritten
    assert report.letter_json == poisoned_json
    tried("xss: frozen report served filtered", 3)


@pytest.mark.parametrize("path", ["/@@letter", "/@@issue-letter", "/bericht"])
def test_letter_pages_carry_a_content_security_policy(
    world, role_users, http_session, tried, path
):
    office = http_session(role_users["MayorsOffice"])
    resolution = world["r1-21"]
    if path == "/bericht":
        issued = issue_letter(
            office, resolution, date="2024-03-01", next_control_date="2024-09-01"
        )
        path = issued.url[len(resolution.absolute_url()) :]
    response = office.get(resolution.absolute_url() + path)
    assert response.status_code == 200
    policy = response.headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";")[0]
    tried("xss: content security policy")
