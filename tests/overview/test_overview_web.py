"""@@control-overview, its exports and REST @control-overview on a running site,
as the real roles: everyone sees only what they may view."""

from io import BytesIO
from openpyxl import load_workbook
from plone import api

import csv
import lxml.html
import pytest
import transaction


VISIBLE = {
    "Manager": ["V0001/20", "V0003/21", "V0004/22", "V0002/21"],
    "Editor": ["V0001/20", "V0003/21", "V0004/22", "V0002/21"],
    "MayorsOffice": ["V0001/20", "V0003/21", "V0004/22", "V0002/21"],
    "CouncilMember": ["V0001/20", "V0003/21", "V0002/21"],
    None: ["V0002/21"],
}


@pytest.mark.parametrize("role", list(VISIBLE))
def test_rest_rows_as_each_role(functional_folder, role_users, http_session, role):
    session = http_session(role_users[role] if role else None, json=True)
    response = session.get(f"{functional_folder.absolute_url()}/@control-overview")
    assert response.status_code == 200
    body = response.json()
    assert [item["paper_reference"] for item in body["items"]] == VISIBLE[role]
    assert body["items_total"] == len(VISIBLE[role])
    assert body["totals"]["resolutions"] == len(VISIBLE[role])


@pytest.mark.parametrize("role", list(VISIBLE))
def test_page_rows_as_each_role(functional_folder, role_users, http_session, role):
    session = http_session(role_users[role] if role else None)
    page = session.get(f"{functional_folder.absolute_url()}/@@control-overview")
    assert page.status_code == 200
    tree = lxml.html.fromstring(page.text)
    papers = tree.xpath("//table[@id='bk-overview']/tbody/tr/td[1]/a/text()")
    assert papers == VISIBLE[role]


@pytest.mark.parametrize("role", list(VISIBLE))
def test_csv_as_each_role(functional_folder, role_users, http_session, role):
    session = http_session(role_users[role] if role else None)
    response = session.get(f"{functional_folder.absolute_url()}/@@control-overview.csv")
    assert response.status_code == 200
    lines = list(
        csv.reader(response.content.decode("utf-8-sig").splitlines(), delimiter=";")
    )
    assert [line[0] for line in lines[1:]] == VISIBLE[role]


def test_rest_filters_and_batching(functional_folder, role_users, http_session):
    session = http_session(role_users["Manager"], json=True)
    url = f"{functional_folder.absolute_url()}/@control-overview"
    response = session.get(url, params={"overdue": "1"})
    (item,) = response.json()["items"]
    assert item["paper_reference"] == "V0001/20"
    assert item["overdue"] is True
    assert item["status_title"] == "In Bearbeitung"
    assert response.json()["filters"] == {"overdue": "1"}
    page = session.get(url, params={"b_size": 2, "sort_on": "paper_reference"}).json()
    assert [i["paper_reference"] for i in page["items"]] == ["V0001/20", "V0002/21"]
    assert page["items_total"] == 4
    assert "next" in page["batching"]


def test_rest_refuses_nonsense(functional_folder, role_users, http_session):
    session = http_session(role_users["Manager"], json=True)
    response = session.get(
        f"{functional_folder.absolute_url()}/@control-overview",
        params={"status": "erledigt"},
        headers={"Accept-Language": "de"},
    )
    assert response.status_code == 400
    assert "status" in response.json()["error"]["message"]


def test_page_shows_bar_overdue_and_keeps_filters(
    functional_folder, role_users, http_session
):
    session = http_session(role_users["MayorsOffice"])
    page = session.get(
        f"{functional_folder.absolute_url()}/@@control-overview",
        params={"office": "(OB) INAUSLB"},
    )
    tree = lxml.html.fromstring(page.text)
    rows = tree.xpath("//table[@id='bk-overview']/tbody/tr")
    assert [r.get("class") for r in rows] == ["bk-overdue", None]
    bar = rows[0].xpath(".//div[@class='bk-bar']")[0]
    assert bar.get("aria-label") == "0 erfüllt, 1 in Bearbeitung, 1 offen"
    assert [s.get("class") for s in bar] == ["bk-bar-in_progress", "bk-bar-open"]
    assert "überfällig" in rows[0].text_content()
    sort_links = tree.xpath("//table[@id='bk-overview']/thead//a/@href")
    assert all("office=%28OB%29+INAUSLB" in link for link in sort_links)
    exports = tree.xpath("//a[@id='bk-export-xlsx']/@href")
    assert exports[0].endswith("@@control-overview.xlsx?office=%28OB%29+INAUSLB")
    assert "Vorlage" in tree.xpath("//table[@id='bk-overview']/thead")[0].text_content()


def test_page_refuses_nonsense(functional_folder, role_users, http_session):
    session = http_session(role_users["Manager"])
    page = session.get(
        f"{functional_folder.absolute_url()}/@@control-overview",
        params={"year": "zwanzig"},
    )
    assert page.status_code == 400
    assert "Der Filter „year“ hat einen Wert, der keinen Sinn ergibt." in page.text


def test_xlsx_export(functional_folder, role_users, http_session):
    with api.env.adopt_roles(["Manager"]):
        functional_folder["v0004-22"].title = '=HYPERLINK("http://example.org")'
        functional_folder["v0004-22"].reindexObject()
    transaction.commit()
    session = http_session(role_users["Manager"])
    response = session.get(
        f"{functional_folder.absolute_url()}/@@control-overview.xlsx",
        params={"sort_on": "paper_reference"},
    )
    assert response.headers["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    sheet = load_workbook(BytesIO(response.content)).active
    header, first, *rest = list(sheet.values)
    assert header[:4] == ("Vorlage", "Titel", "Gremium", "Federführung")
    assert first[0] == "V0001/20"
    assert (
        first[5].date().isoformat()
        == functional_folder["v0001-20"].next_control_date.isoformat()
    )
    assert first[7:11] == (1, 1, 0, 0)
    assert first[11] == "ja"
    assert rest[-1][1].startswith("'=")  # a title is never run as a formula
