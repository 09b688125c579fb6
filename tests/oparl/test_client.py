"""The OParl client against a server that misbehaves: it names the object that
failed, asks again what may succeed again (5xx, 429, timeouts), reads nothing
from other servers (links and redirects), and never lets a broken answer through
as anything but a FetchError."""

from bk.plone.oparl.client import FetchError
from bk.plone.oparl.client import OParlClient
from tests.helpers.oparl_server import oparl_server
from zope.i18n import translate

import pytest


@pytest.fixture
def system():
    with oparl_server() as served:
        yield served


def say(error: FetchError) -> str:
    return translate(error.message, target_language="en")


def client_of(system, **options) -> OParlClient:
    client = OParlClient(backoff=0, **options)
    client.restrict_to(system.url("system"))
    return client


def test_reads_an_object_once(system):
    client = client_of(system)
    url = system.url("paper/1")
    assert client.get(url)["reference"] == "V0001/24"
    client.get(url)
    assert [path for path, _agent in system.requests] == ["/oparl/v1/paper/1"]


def test_busy_server_is_asked_again(system):
    url = system.url("paper/1")
    system.break_object(url, "busy")
    assert client_of(system).get(url)["reference"] == "V0001/24"
    assert len(system.requests) == 2


def test_json_nested_too_deep(system):
    url = system.url("paper/1")
    system.break_object(url, "deep")
    with pytest.raises(FetchError) as raised:
        client_of(system).get(url)
    assert say(raised.value) == f"{url} did not answer with a JSON object."


def test_a_byte_now_and_then_meets_the_deadline(system):
    url = system.url("paper/1")
    system.break_object(url, "drip")
    client = client_of(system, retries=0, deadline=1)
    with pytest.raises(FetchError) as raised:
        client.get(url)
    assert say(raised.value) == f"{url} did not answer in time."


def test_redirect_on_the_same_server_is_followed(system):
    url = system.url("paper/100")
    system.break_object(url, f"redirect:{system.url('paper/2')}")
    assert client_of(system).get(url)["reference"] == "V0002/24"


@pytest.mark.parametrize(
    "target",
    ["http://10.0.0.1/oparl/paper/1", "http://169.254.169.254/latest/meta-data"],
)
def test_redirect_to_another_server_is_refused(system, target):
    url = system.url("paper/100")
    system.break_object(url, f"redirect:{target}")
    with pytest.raises(FetchError) as raised:
        client_of(system).get(url)
    assert say(raised.value).startswith(f"{target} is on another server")


def test_links_to_another_server_are_not_read(system):
    with pytest.raises(FetchError) as raised:
        client_of(system).get("http://127.0.0.2:9/oparl/v1/paper/1")
    assert "is on another server than the council information system" in say(
        raised.value
    )
    assert system.requests == []


@pytest.mark.parametrize("following", [{"url": "x"}, ["x"], 5, ""])
def test_next_that_is_no_address_ends_the_list(system, following):
    original = system.paper_page

    def page(query):
        answer = original(query)
        answer["links"]["next"] = following
        return answer

    system.paper_page = page
    pages = list(client_of(system).pages(system.url("body/1/papers")))
    assert len(pages) == 1


def test_endless_list_stops_with_an_error(system, monkeypatch):
    from bk.plone.oparl import client as module

    monkeypatch.setattr(module, "MOST_PAGES", 2)
    with pytest.raises(FetchError) as raised:
        list(client_of(system).pages(system.url("body/1/papers")))
    assert "has more than 2 pages" in say(raised.value)
