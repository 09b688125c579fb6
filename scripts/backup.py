"""`make backup` and `make restore` for both setups, told apart by the instance's
zope.conf:

- a FileStorage (served by ZEO, or opened by the instance itself): repozo's
  incremental backup of Data.fs, then the blobs as a tarball (after the Data.fs
  snapshot: every blob it names is already on disk; blobs never change);
- RelStorage on PostgreSQL (the cluster): pg_dump of the database in PostgreSQL's
  custom format, blobs included (they are large objects in the database).

A restore refuses while something uses the database: a ZEO server that answers, or
another client connected to PostgreSQL."""

from datetime import datetime
from pathlib import Path

import argparse
import cluster  # scripts beside this one (on sys.path when run)
import os
import re
import serve
import shutil
import subprocess
import sys


BIN = Path(sys.executable).parent


class BackupError(SystemExit):
    """The backup or restore cannot be done; the message says why."""


def database_dsn(instance: Path) -> str | None:
    """The PostgreSQL connection of a RelStorage instance; None for a FileStorage."""
    conf = (instance / "etc/zope.conf").read_text()
    if "<relstorage>" not in conf:
        return None
    found = re.search(r"^\s*dsn\s+(.+)$", conf, re.MULTILINE)
    if found is None:
        raise BackupError(f"{instance}/etc/zope.conf names no PostgreSQL dsn.")
    return found.group(1).strip()


def postgres_tool(program: str) -> str:
    return cluster.postgres_bin(program)


def stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


# --- FileStorage ------------------------------------------------------------------


def backup_files(instance: Path, target: Path) -> None:
    repository = target / "filestorage"
    repository.mkdir(parents=True, exist_ok=True)
    _run(
        [
            str(BIN / "repozo"),
            "--backup",
            "--gzip",
            "--repository",
            str(repository),
            "--file",
            str(instance / "var/filestorage/Data.fs"),
        ]
    )
    _run(
        [
            shutil.which("tar") or "tar",
            "-C",
            str(instance / "var"),
            "-czf",
            str(target / f"blobstorage-{stamp()}.tar.gz"),
            "blobstorage",
        ]
    )


def restore_files(instance: Path, source: Path) -> None:
    # everything checked before anything is touched
    if not any((source / "filestorage").glob("*")):
        raise BackupError(f"No backup in {source}.")
    tarballs = sorted(source.glob("blobstorage-*.tar.gz"))
    if not tarballs:
        raise BackupError(
            f"The backup in {source} has no blobs (blobstorage-*.tar.gz)."
        )
    if serve.zeo_answers(instance):
        raise BackupError(
            f"The ZEO server of {instance} is running: stop the site (Ctrl+C where "
            "`make start` runs, or its systemd services) first."
        )
    storage = instance / "var/filestorage"
    storage.mkdir(parents=True, exist_ok=True)
    for leftover in ("Data.fs.index", "Data.fs.tmp"):
        (storage / leftover).unlink(missing_ok=True)
    _run(
        [
            str(BIN / "repozo"),
            "--recover",
            "--repository",
            str(source / "filestorage"),
            "--output",
            str(storage / "Data.fs"),
        ]
    )
    shutil.rmtree(instance / "var/blobstorage", ignore_errors=True)
    _run(
        [
            shutil.which("tar") or "tar",
            "-C",
            str(instance / "var"),
            "-xzf",
            str(tarballs[-1]),
        ]
    )


# --- RelStorage on PostgreSQL -----------------------------------------------------


PG_ENVIRONMENT = {
    "host": "PGHOST",
    "port": "PGPORT",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "dbname": "PGDATABASE",
}


def pg_environment(dsn: str) -> dict[str, str]:
    """The dsn as libpq's environment: a password on a command line is seen by every
    user of the machine (ps)."""
    values = dict(re.findall(r"(\w+)\s*=\s*'([^']*)'", dsn))
    return {
        **os.environ,
        **{
            PG_ENVIRONMENT[key]: value
            for key, value in values.items()
            if key in PG_ENVIRONMENT
        },
    }


def backup_database(dsn: str, target: Path) -> Path:
    folder = target / "postgresql"
    folder.mkdir(parents=True, exist_ok=True)
    dump = folder / f"zodb-{stamp()}.dump"
    _run(
        [postgres_tool("pg_dump"), "--format=custom", "--file", str(dump)],
        environment=pg_environment(dsn),
    )
    return dump


def restore_database(dsn: str, source: Path) -> None:
    dumps = sorted((source / "postgresql").glob("zodb-*.dump"))
    if not dumps:
        raise BackupError(f"No database backup in {source}/postgresql.")
    others = connected_clients(dsn)
    if others:
        raise BackupError(
            f"{others} other clients use the database: stop the instances "
            "(make cluster-stop stops them all; PostgreSQL alone: cluster.py "
            "start starts it again with them) first."
        )
    environment = pg_environment(dsn)
    _run(
        [
            postgres_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            environment["PGDATABASE"],
            str(dumps[-1]),
        ],
        environment=environment,
    )


def connected_clients(dsn: str) -> int:
    import psycopg2

    connection = psycopg2.connect(dsn)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            return cursor.fetchone()[0]
    finally:
        connection.close()


def _run(command: list[str], environment: dict | None = None) -> None:
    done = subprocess.run(  # noqa: S603 - our own tools and paths
        command, capture_output=True, text=True, check=False, env=environment
    )
    if done.returncode:
        raise BackupError(
            f"{Path(command[0]).name} failed: {done.stderr.strip()[-2000:]}"
        )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=("backup", "restore"))
    parser.add_argument("--instance", default="instance", type=Path)
    parser.add_argument("--dir", default="backups", type=Path)
    args = parser.parse_args(argv)
    instance, folder = args.instance.resolve(), args.dir.resolve()
    dsn = database_dsn(instance)
    if args.command == "backup":
        if dsn:
            backup_database(dsn, folder)
        else:
            backup_files(instance, folder)
        print(f"Backup of {instance} in {folder}")
    else:
        if dsn:
            restore_database(dsn, folder)
        else:
            restore_files(instance, folder)
        print(f"Restored {instance} from {folder}")
    return 0


if __name__ == "__main__":
    os.umask(0o077)  # the city's data
    sys.exit(main())
