"""From one machine to the cluster: `cluster.py migrate` (make cluster-migrate)
copies the single machine's FileStorage with its blobs into the cluster's
PostgreSQL with zodbconvert; the cluster then serves the same resolutions, points,
reports and PDFs."""

from pathlib import Path
from tests.helpers.cli import run
from tests.helpers.cluster import Cluster
from tests.helpers.content import content
from tests.helpers.letters import letter
from tests.helpers.letters import TWO_POINTS
from tests.helpers.zeo import make_instance
from tests.helpers.zeo import zeo_server

import pytest
import requests


pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("cluster")]


@pytest.fixture(scope="module")
def single_machine(tmp_path_factory) -> tuple[Path, dict]:
    """An instance as `make start` leaves it, with the demo and one more letter
    imported (its report's PDF rendered), its ZEO server stopped again."""
    home = tmp_path_factory.mktemp("single")
    make_instance.write_instance(home, "127.0.0.1", 18096)
    letters = tmp_path_factory.mktemp("letters")
    (letters / "bibliothek.txt").write_text(letter(TWO_POINTS), encoding="utf-8")
    conf = str(home / "etc/zope.conf")
    with zeo_server(home):
        run("create-site", "--zope-conf", conf, "--site", "Plone", check=True)
        run(
            "import",
            "--zope-conf",
            conf,
            "--site",
            "Plone",
            "--folder",
            "beschluesse",
            str(letters / "bibliothek.txt"),
            check=True,
        )
        before = content(home / "etc/zope.conf", "beschluesse")
    return home, before


def test_converted_cluster_serves_the_same_content(single_machine):
    home, before = single_machine
    assert "A0123/22" in before  # the imported letter, beside the demo's
    assert all(
        magic == "%PDF-"
        for resolution in before.values()
        for _, magic, _ in resolution["reports"]
    )
    with Cluster.started() as cluster:
        cluster.run("migrate", "--from-instance", str(home))
        after = content(cluster.directory / "instance2/etc/zope.conf", "beschluesse")
        assert after == before
        # and through HAProxy, as people read it
        page = requests.get(
            f"{cluster.front}/Plone/beschluesse/a0123-22",
            auth=("admin", "admin"),
            timeout=60,
        )
        assert page.status_code == 200
        assert "Bibliothek" in page.text


def test_refused_while_the_single_machine_serves(single_machine):
    home, _ = single_machine
    with zeo_server(home), Cluster.started() as cluster:
        refused = cluster.run("migrate", "--from-instance", str(home), check=False)
        assert refused.returncode != 0
        assert "ZEO server" in refused.stderr
