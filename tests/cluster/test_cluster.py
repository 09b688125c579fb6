"""`make cluster` (scripts/cluster.py): PostgreSQL, two Zope instances on RelStorage
and HAProxy, started for real on this machine. A write through one instance is read
through the other at once; conflicting edits on both are replayed, none lost; one
login serves on both; an instance killed under load costs at most the requests it
had in flight (counted and retried by the client), no acknowledged write, and it
rejoins after a restart."""

from tests.helpers.cluster import ALL_ROLES
from tests.helpers.cluster import Cluster

import pytest
import requests
import threading
import time


pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("cluster")]

AUTH = ("admin", "admin")
JSON = {"Accept": "application/json", "Content-Type": "application/json"}


@pytest.fixture(scope="module")
def cluster():
    with Cluster.started() as running:
        yield running


def resolution_url(cluster, base: str) -> str:
    found = requests.get(
        f"{base}/Plone/@search",
        params={"portal_type": "Resolution", "sort_on": "id"},
        headers=JSON,
        auth=AUTH,
        timeout=60,
    ).json()
    return found["items"][0]["@id"].replace(cluster.front, base)


def test_demo_served_through_haproxy_and_by_each_instance(cluster):
    for base in (cluster.front, cluster.instance(1), cluster.instance(2)):
        response = requests.get(f"{base}/Plone", timeout=60)
        assert response.status_code == 200, base
        assert "Beschlusskontrolle" in response.text
    served_by = {
        requests.get(f"{cluster.front}/Plone/@@ok", timeout=30).headers["X-Served-By"]
        for _ in range(6)
    }
    assert served_by == {"instance1", "instance2"}


def test_write_on_one_instance_read_on_the_other_at_once(cluster):
    one = resolution_url(cluster, cluster.instance(1))
    two = one.replace(cluster.instance(1), cluster.instance(2))
    for number in range(3):
        title = f"Geschrieben über Instanz 1, Nr. {number}"
        written = requests.patch(
            one, json={"title": title}, headers=JSON, auth=AUTH, timeout=60
        )
        assert written.status_code == 204, written.text
        read = requests.get(two, headers=JSON, auth=AUTH, timeout=60).json()
        assert read["title"] == title


def test_one_login_serves_on_both_instances(cluster):
    session = requests.Session()
    login = session.post(
        f"{cluster.front}/Plone/@login",
        json={"login": "admin", "password": "admin"},
        headers=JSON,
        timeout=60,
    )
    assert login.status_code == 200, login.text
    token = login.json()["token"]
    for base in (cluster.instance(1), cluster.instance(2)):
        me = requests.get(
            f"{base}/Plone/@users/admin",
            headers={**JSON, "Authorization": f"Bearer {token}"},
            timeout=60,
        )
        assert me.status_code == 200, (base, me.text)
    # the browser's way: the login form's cookie, then pages on either instance
    browser = requests.Session()
    form = browser.post(
        f"{cluster.front}/Plone/login",
        data={"__ac_name": "admin", "__ac_password": "admin", "buttons.login": "1"},
        timeout=60,
    )
    assert form.status_code == 200
    assert "__ac" in browser.cookies
    for base in (cluster.instance(1), cluster.instance(2)):
        page = browser.get(f"{base}/Plone/@@overview-controlpanel", timeout=60)
        assert page.status_code == 200, base
        assert "login" not in page.url


def test_conflicting_edits_on_both_instances_are_replayed_none_lost(cluster):
    """Both instances change the same resolution at once (title on one, description
    on the other): Zope replays the request that lost the commit; every edit
    succeeds and the last of each is there."""
    one = resolution_url(cluster, cluster.instance(1))
    two = one.replace(cluster.instance(1), cluster.instance(2))
    rounds, failures = 40, []

    def edit(url: str, field: str) -> None:
        for number in range(rounds):
            answer = requests.patch(
                url,
                json={field: f"{field} {number}"},
                headers=JSON,
                auth=AUTH,
                timeout=120,
            )
            if answer.status_code != 204:
                failures.append((field, number, answer.status_code))

    threads = [
        threading.Thread(target=edit, args=(one, "title")),
        threading.Thread(target=edit, args=(two, "description")),
    ]
    conflicts_before = cluster.conflicts()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert failures == []
    final = requests.get(one, headers=JSON, auth=AUTH, timeout=60).json()
    assert final["title"] == f"title {rounds - 1}"
    assert final["description"] == f"description {rounds - 1}"
    assert cluster.conflicts() > conflicts_before  # the edits did meet


def test_instance_killed_under_load_then_rejoins(cluster):
    """Clients write through HAProxy while instance 2 is killed (SIGKILL): only
    requests sent before the health check marks it down fail (in flight at the kill
    or sent to it before), each retried by the client; every acknowledged write is
    in the database; restarted, instance 2 serves again."""
    try:
        acknowledged, failed = _write_while_killing(cluster, number=2)
        # each failure by the time it was sent, from the kill, and what it got
        late = [f for f in failed if f[0] > cluster.mark_down_seconds]
        assert late == [], _failure_report(cluster, failed)
        assert [f for f in failed if f[1] < 0] == [], _failure_report(cluster, failed)
        found = _documents_found(cluster, acknowledged)
        assert set(acknowledged) <= found
        assert len(acknowledged) > 20
    finally:
        # the module's later tests need both instances, whatever happened here
        cluster.restart_instance(2)
    served_by = set()
    deadline = time.monotonic() + 120
    while served_by != {"instance1", "instance2"} and time.monotonic() < deadline:
        answer = requests.get(f"{cluster.front}/Plone/@@ok", timeout=30)
        served_by.add(answer.headers.get("X-Served-By"))
        time.sleep(0.2)
    assert served_by >= {"instance1", "instance2"}


def _write_while_killing(cluster, number: int):
    """Four clients create documents through HAProxy; after 5 s instance `number`
    is killed, the clients go on until well after HAProxy has marked it down.
    Returns the acknowledged documents' ids and, for each failed request, the
    seconds from the kill to its sending and to its end, and what it got."""
    folder = f"{cluster.front}/Plone"
    stop, lock = threading.Event(), threading.Lock()
    acknowledged, failed = [], []
    killed_at = time.monotonic() + 5

    def client(client_number: int) -> None:
        count = 0
        while not stop.is_set():
            count += 1
            # a retry is a new write: one lost with its answer may be in, unclaimed
            name = f"last-{client_number}-{count}"
            sent = time.monotonic()
            try:
                answer = requests.post(
                    folder,
                    json={"@type": "Document", "id": name, "title": name},
                    headers=JSON,
                    auth=AUTH,
                    timeout=60,
                )
                written, said = answer.status_code == 201, answer.status_code
            except requests.RequestException as error:
                written, said = False, repr(error)[:200]
            ended = time.monotonic()
            with lock:
                if written:
                    acknowledged.append(name)
                else:
                    failed.append(
                        (round(sent - killed_at, 2), round(ended - killed_at, 2), said)
                    )

    workers = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for worker in workers:
        worker.start()
    time.sleep(max(0, killed_at - time.monotonic()))
    cluster.kill_instance(number)
    time.sleep(cluster.mark_down_seconds + 10)
    stop.set()
    for worker in workers:
        worker.join(timeout=120)
    return acknowledged, failed


def _documents_found(cluster, ids: list[str]) -> set[str]:
    listed = requests.get(
        f"{cluster.front}/Plone/@search",
        params={"portal_type": "Document", "b_size": 5000, "id": ids},
        headers=JSON,
        auth=AUTH,
        timeout=120,
    ).json()
    return {item["@id"].rsplit("/", 1)[1] for item in listed["items"]}


def _failure_report(cluster, failed) -> str:
    """What the clients got, what HAProxy logged of it, what the surviving instance
    logged: enough to read a failure of a run on another machine."""
    return "\n".join(
        [
            f"failed (sent, ended, got): {failed}",
            "HAProxy (events and requests without a 2xx answer):",
            *cluster.proxy_failures()[-60:],
            "instance 1's event log:",
            cluster.log_tail("instance1/var/log/event.log"),
        ]
    )


def test_each_role_logs_in_on_both_instances(cluster):
    """The demo's people, their passwords and roles are in the shared database."""
    for login, password in ALL_ROLES:
        roles = [
            requests.get(
                f"{base}/Plone/@users/{login}",
                auth=(login, password),
                headers=JSON,
                timeout=60,
            ).json()["roles"]
            for base in (cluster.instance(1), cluster.instance(2))
        ]
        assert roles[0] == roles[1]
        assert roles[0]
