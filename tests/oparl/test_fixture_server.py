"""The OParl system the import's tests read from is real-shaped: every object it
serves validates against the official schemas, its papers come in pages."""

from tests.helpers.oparl import validate
from tests.helpers.oparl_server import oparl_server

import pytest
import requests


@pytest.fixture(scope="module")
def system():
    with oparl_server() as served:
        yield served


def get(url: str) -> dict:
    answer = requests.get(url, timeout=10)
    assert answer.status_code == 200, url
    return answer.json()


def test_every_paper_over_three_pages(system):
    root = get(system.url("system"))
    validate(root, "System")
    (body,) = get(root["body"])["data"]
    validate(body, "Body")
    url, pages, papers = body["paper"], 0, []
    while url and pages < 10:
        page = get(url)
        pages += 1
        papers += page["data"]
        url = page["links"].get("next")
    assert pages == 3
    assert len(papers) == 27
    assert len({paper["reference"] for paper in papers}) == 27


def test_every_object_validates(system):
    kinds = set()
    for obj in system.objects.values():
        kind = obj["type"].rsplit("/", 1)[1]
        kinds.add(kind)
        validate(obj, kind)
        embedded = {"Paper": "consultation", "Meeting": "agendaItem"}.get(kind)
        for part in obj.get(embedded, ()):
            validate(part, part["type"].rsplit("/", 1)[1])
    assert kinds == {
        "System",
        "Body",
        "Organization",
        "Meeting",
        "AgendaItem",
        "Consultation",
        "Paper",
    }


@pytest.mark.parametrize("name", ["agendaItem", "meeting"])
def test_the_bodys_other_lists_page_and_filter(system, name):
    (body,) = get(system.url("bodies"))["data"]
    listing = get(f"{body[name]}?modified_since=2000-01-01T00:00:00")
    per_paper = {"agendaItem": 2, "meeting": 1}[name]  # an item opens each meeting
    assert listing["pagination"]["totalElements"] == 27 * per_paper
    assert get(f"{body[name]}?modified_since=2099-01-01T00:00:00")["data"] == []


def test_modified_since_and_changes(system):
    everything = get(
        f"{system.url('body/1/papers')}?modified_since=2000-01-01T00:00:00"
    )
    assert everything["pagination"]["totalElements"] == 27
    stamp = "2099-01-01T00:00:00"
    assert get(f"{system.url('body/1/papers')}?modified_since={stamp}")["data"] == []
    system.change_paper(3, name="Geändert", resolutionText="1. Neu gefasst.")
    recent = get(f"{system.url('body/1/papers')}?modified_since=2026-01-01T00:00:00")[
        "data"
    ]
    assert [paper["name"] for paper in recent] == ["Geändert"]
    item = get(recent[0]["consultation"][0]["agendaItem"])
    assert item["resolutionText"] == "1. Neu gefasst."
    # an agenda item changed alone leaves the paper as it was
    system.change_agenda_item(4, result="Abgelehnt")
    recent = get(f"{system.url('body/1/papers')}?modified_since=2026-01-01T00:00:00")
    assert [paper["name"] for paper in recent["data"]] == ["Geändert"]
    items = get(
        f"{system.url('body/1/agendaItems')}?modified_since=2026-01-01T00:00:00"
    )
    assert {item["id"] for item in items["data"]} == {
        system.url("agendaitem/3"),
        system.url("agendaitem/4"),
    }
    consultation = get(items["data"][-1]["consultation"])
    assert consultation["paper"] == system.url("paper/4")


def test_unknown_address_is_404(system):
    assert requests.get(system.url("paper/999"), timeout=10).status_code == 404
