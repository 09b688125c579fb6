"""A cluster of `make cluster` (scripts/cluster.py) for the tests: started in a
folder of its own under /tmp (the service user must reach it: pytest's own temporary
folders are private), on free ports, stopped and removed afterwards."""

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from tests.helpers.zeo import script

import os
import shutil
import signal
import subprocess
import sys
import tempfile


ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts/cluster.py"
# The demo's people (sitesetup's demo profile): login, password.
ALL_ROLES = (
    ("redaktion", "redaktion-demo"),
    ("buergermeisteramt", "buergermeisteramt-demo"),
    ("stadtrat", "stadtrat-demo"),
)


def free_ports() -> tuple[int, int]:
    return script("cluster").free_ports()


@dataclass
class Cluster:
    directory: Path
    port: int
    pg_port: int
    # HAProxy takes a server out after two failed checks a second apart, each
    # allowed 5 s: what a client may see fail after a kill, with a margin.
    mark_down_seconds: float = 15.0

    @property
    def front(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def instance(self, number: int) -> str:
        return f"http://127.0.0.1:{self.port + number}"

    def run(self, command: str, *extra: str, check: bool = True):
        done = subprocess.run(
            [
                sys.executable,
                str(SCRIPT),
                command,
                "--dir",
                str(self.directory),
                "--port",
                str(self.port),
                "--pg-port",
                str(self.pg_port),
                *extra,
            ],
            capture_output=True,
            text=True,
            timeout=1200,
            check=False,
        )
        if check:
            assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        return done

    def kill_instance(self, number: int) -> None:
        pid = int((self.directory / f"run/instance{number}.pid").read_text())
        os.kill(pid, signal.SIGKILL)

    def restart_instance(self, number: int) -> None:
        """`cluster.py start` again: it starts what is not running."""
        self.run("start")

    def password(self) -> str:
        return (self.directory / "secrets/postgresql.password").read_text().strip()

    def dsn(self, database: str) -> str:
        return (
            f"dbname='{database}' user='bkplone' host='127.0.0.1' "
            f"port='{self.pg_port}' password='{self.password()}'"
        )

    def create_database(self, name: str) -> None:
        import psycopg2

        connection = psycopg2.connect(self.dsn("postgres"))
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{name}"')  # a test's own name
        finally:
            connection.close()

    def conflicts(self) -> int:
        """Conflicts Zope met and replayed, as the instances' event logs count them."""
        count = 0
        for log in self.directory.glob("instance*/var/log/event.log"):
            count += log.read_text(errors="replace").count("Write conflict replayed")
        return count

    def proxy_failures(self) -> list[str]:
        """HAProxy's log lines (httplog: server, timers, status, termination state)
        of the requests that did not end in a 2xx answer."""
        log = self.directory / "log/haproxy.log"
        lines = log.read_text(errors="replace").splitlines() if log.exists() else []
        return [line for line in lines if _proxy_status(line) not in range(200, 300)]

    def log_tail(self, name: str, lines: int = 40) -> str:
        log = self.directory / name
        text = log.read_text(errors="replace") if log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    @classmethod
    @contextmanager
    def started(cls):
        directory = Path(tempfile.mkdtemp(prefix="bk-cluster-", dir="/tmp"))
        directory.chmod(0o711)
        port, pg_port = free_ports()
        cluster = cls(directory, port, pg_port)
        try:
            cluster.run("start")
            yield cluster
        finally:
            cluster.run("stop")
            if not os.environ.get("BK_KEEP_CLUSTER"):
                shutil.rmtree(directory, ignore_errors=True)


def _proxy_status(line: str) -> int | None:
    """The status of one httplog line ("… backend/server Tq/Tw/Tc/Tr/Ta status …"),
    None for a line that is not a request's."""
    fields = line.split()
    for index, field in enumerate(fields[:-1]):
        if field.count("/") == 4 and fields[index + 1].lstrip("-").isdigit():
            return int(fields[index + 1])
    return None
