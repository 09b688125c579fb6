"""`make backup` / `make restore` on the cluster: pg_dump of the RelStorage database
(blobs included), restored into a fresh database, gives the same content; a restore
over a database that instances use is refused."""

from pathlib import Path
from tests.helpers.cluster import Cluster
from tests.helpers.content import content
from tests.helpers.zeo import make_instance

import pytest
import subprocess


pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("cluster")]

ROOT = Path(__file__).resolve().parents[2]


def make(target: str, instance: Path, backups: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            "make",
            "-s",
            "-C",
            str(ROOT),
            target,
            f"INSTANCE={instance}",
            f"BACKUP_DIR={backups}",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_backup_restored_into_a_fresh_database(tmp_path):
    backups = tmp_path / "backups"
    with Cluster.started() as cluster:
        serving = cluster.directory / "instance1"
        before = content(serving / "etc/zope.conf", "beschluesse")
        assert before

        done = make("backup", serving, backups)
        assert done.returncode == 0, done.stdout + done.stderr
        (dump,) = backups.glob("postgresql/zodb-*.dump")
        assert dump.stat().st_size > 0
        # nothing the backup says names the password (it goes by the environment)
        assert cluster.password() not in done.stdout + done.stderr

        # the instances use the database: a restore over it is refused
        refused = make("restore", serving, backups)
        assert refused.returncode != 0
        assert "other clients use the database" in refused.stdout + refused.stderr

        fresh = tmp_path / "fresh"
        cluster.create_database("zodb_restored")
        make_instance.write_instance(
            fresh,
            "127.0.0.1",
            cluster.port + 9,
            storage="relstorage",
            dsn=cluster.dsn("zodb_restored"),
        )
        done = make("restore", fresh, backups)
        assert done.returncode == 0, done.stdout + done.stderr
        assert content(fresh / "etc/zope.conf", "beschluesse") == before
