"""`make cluster`: bk.plone on several Zope instances, on this one machine.

- PostgreSQL (Debian `postgresql`) with a private data directory `<dir>/pgdata`, run
  as the unprivileged user `bkplone` (created when we are root: PostgreSQL refuses
  to run as root), listening on 127.0.0.1:PG_PORT only, password authentication
  (the generated password in `<dir>/secrets/`, readable by its owner only);
- two Zope instances (`<dir>/instance1`, `<dir>/instance2`) on PORT+1 and PORT+2,
  RelStorage clients of the database `zodb` (history-free; blobs in the database);
- HAProxy (Debian `haproxy`) on PORT, round robin with health checks (Plone's
  `@@ok`), taking an instance out after two failed checks and back after two good
  ones.

The site is created once, through the first instance, when the database has none.
Everything runs in the background: `cluster.py stop` (`make cluster-stop`) stops it.
Logs are in `<dir>/log/`."""

from pathlib import Path

import argparse
import contextlib
import make_instance  # a script beside this one (on sys.path when run)
import os
import pwd
import random
import secrets
import serve  # a script beside this one
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request


BIN = Path(sys.executable).parent
SERVICE_USER = "bkplone"
DATABASE = "zodb"
INSTANCES = 2
START_SECONDS = 300
STOP_SECONDS = 60

HAPROXY_CFG = """\
global
    maxconn 512
    log stdout format raw local0 info

defaults
    mode http
    log global
    option httplog
    option redispatch
    retries 3
    timeout connect 5s
    timeout client 300s
    timeout server 300s
    timeout check 5s

frontend bk_plone
    bind {host}:{port}
    default_backend zope

backend zope
    balance roundrobin
    option httpchk GET /{site}/@@ok
    http-check expect status 200
    default-server inter 1s fall 2 rise 2
    # which instance answered: for the tests and for reading a problem
    http-response set-header X-Served-By %[srv_name]
{servers}
"""


class ClusterError(SystemExit):
    """A part could not start or stop; the message says which and why."""


# --- the service user and PostgreSQL ----------------------------------------------


def as_service_user(command: list[str]) -> list[str]:
    """`command` as the unprivileged user when we are root, else as ourselves."""
    if os.geteuid() != 0:
        return command
    return [
        shutil.which("runuser") or "/sbin/runuser",
        "-u",
        SERVICE_USER,
        "--",
        *command,
    ]


def ensure_service_user() -> None:
    if os.geteuid() != 0:
        return
    try:
        pwd.getpwnam(SERVICE_USER)
    except KeyError:
        subprocess.run(  # noqa: S603 - fixed arguments
            [
                shutil.which("useradd") or "/usr/sbin/useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                SERVICE_USER,
            ],
            check=True,
        )


def postgres_bin(program: str) -> str:
    """Debian keeps initdb and pg_ctl out of PATH, per major version."""
    found = shutil.which(program)
    if found:
        return found
    versions = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{program}"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    if not versions:
        raise ClusterError(
            f"PostgreSQL's {program} is not installed (Debian package postgresql)."
        )
    return str(versions[-1])


def _give_to_service_user(path: Path) -> None:
    if os.geteuid() == 0:
        user = pwd.getpwnam(SERVICE_USER)
        os.chown(path, user.pw_uid, user.pw_gid)


def _check_reachable(directory: Path) -> None:
    """PostgreSQL runs as the service user: it must reach its data directory."""
    if os.geteuid() != 0:
        return
    done = subprocess.run(  # noqa: S603
        as_service_user(["test", "-x", str(directory)]), check=False
    )
    if done.returncode:
        raise ClusterError(
            f"The user {SERVICE_USER} cannot reach {directory} (a parent folder is "
            "private). Put the cluster where it can, e.g. make cluster "
            "CLUSTER_DIR=/srv/bk-cluster."
        )


def password(directory: Path) -> str:
    secret = directory / "secrets/postgresql.password"
    if not secret.exists():
        secret.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        secret.write_text(secrets.token_urlsafe(24))
        secret.chmod(0o600)
    return secret.read_text().strip()


def init_database(directory: Path) -> None:
    data = directory / "pgdata"
    if (data / "PG_VERSION").exists():
        return
    _check_reachable(directory)
    data.mkdir(mode=0o700)
    _give_to_service_user(data)
    pwfile = directory / "pgdata.pw"
    pwfile.write_text(password(directory) + "\n")
    pwfile.chmod(0o600)
    _give_to_service_user(pwfile)
    try:
        subprocess.run(  # noqa: S603
            as_service_user(
                [
                    postgres_bin("initdb"),
                    "-D",
                    str(data),
                    "-U",
                    SERVICE_USER,
                    "--auth=scram-sha-256",
                    f"--pwfile={pwfile}",
                    "-E",
                    "UTF8",
                    "--locale=C",
                ]
            ),
            check=True,
            capture_output=True,
        )
    finally:
        pwfile.unlink(missing_ok=True)


def start_database(directory: Path, pg_port: int) -> None:
    # beside pgdata: the service user cannot enter log/, which is ours
    data, logs = directory / "pgdata", directory / "pglog"
    if (data / "postmaster.pid").exists() and _pg_ctl(directory, "status") == 0:
        return
    logs.mkdir(mode=0o700, exist_ok=True)
    _give_to_service_user(logs)
    log = logs / "postgresql.log"
    options = (
        f"-c listen_addresses=127.0.0.1 -c port={pg_port} -c unix_socket_directories=''"
    )
    done = subprocess.run(  # noqa: S603
        as_service_user(
            [
                postgres_bin("pg_ctl"),
                "start",
                "-D",
                str(data),
                "-l",
                str(log),
                "-w",
                "-t",
                str(START_SECONDS),
                "-o",
                options,
            ]
        ),
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise ClusterError(
            f"PostgreSQL did not start: {done.stderr.strip()} (see {log})"
        )


def _pg_ctl(directory: Path, action: str, *extra: str) -> int:
    return subprocess.run(  # noqa: S603
        as_service_user(
            [postgres_bin("pg_ctl"), action, "-D", str(directory / "pgdata"), *extra]
        ),
        check=False,
        capture_output=True,
    ).returncode


def dsn(directory: Path, pg_port: int, database: str = DATABASE) -> str:
    return (
        f"dbname='{database}' user='{SERVICE_USER}' host='127.0.0.1' "
        f"port='{pg_port}' password='{password(directory)}'"
    )


def ensure_database(directory: Path, pg_port: int) -> None:
    import psycopg2

    connection = psycopg2.connect(dsn(directory, pg_port, "postgres"))
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,))
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{DATABASE}"')  # a fixed name
    finally:
        connection.close()


# --- Zope instances and HAProxy ---------------------------------------------------


def instance_home(directory: Path, number: int) -> Path:
    return directory / f"instance{number}"


def write_instances(directory: Path, host: str, port: int, pg_port: int) -> None:
    for number in range(1, INSTANCES + 1):
        make_instance.write_instance(
            instance_home(directory, number),
            host,
            port + number,
            storage="relstorage",
            dsn=dsn(directory, pg_port),
        )


def create_site(directory: Path, site: str) -> None:
    done = subprocess.run(  # noqa: S603
        [
            str(BIN / "bk-plone"),
            "create-site",
            "--zope-conf",
            str(instance_home(directory, 1) / "etc/zope.conf"),
            "--site",
            site,
        ],
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise ClusterError(f"The site was not created: {done.stderr.strip()[-2000:]}")


def pid_file(directory: Path, name: str) -> Path:
    return directory / f"run/{name}.pid"


def start_instance(directory: Path, number: int) -> None:
    home = instance_home(directory, number)
    name = f"instance{number}"
    if _running(pid_file(directory, name)):
        return
    log = (directory / f"log/{name}.log").open("ab")
    process = subprocess.Popen(  # noqa: S603 - our own runwsgi and configuration
        [str(BIN / "runwsgi"), str(home / "etc/zope.ini")],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    pid_file(directory, name).write_text(str(process.pid))


def wait_healthy(url: str, seconds: int = START_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise ClusterError(f"{url} did not answer within {seconds} s")


def write_haproxy(directory: Path, host: str, port: int, site: str) -> Path:
    servers = "\n".join(
        f"    server instance{number} 127.0.0.1:{port + number} check"
        for number in range(1, INSTANCES + 1)
    )
    config = directory / "haproxy.cfg"
    config.write_text(
        HAPROXY_CFG.format(host=host, port=port, site=site, servers=servers)
    )
    return config


def start_haproxy(directory: Path, host: str, port: int, site: str) -> None:
    if _running(pid_file(directory, "haproxy")):
        return
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(haproxy).exists():
        raise ClusterError("HAProxy is not installed (Debian package haproxy).")
    config = write_haproxy(directory, host, port, site)
    log = (directory / "log/haproxy.log").open("ab")
    process = subprocess.Popen(  # noqa: S603 - the installed haproxy, our config
        [haproxy, "-f", str(config), "-db"],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    pid_file(directory, "haproxy").write_text(str(process.pid))


def _running(pid_path: Path) -> bool:
    """The pid file names a live process of this cluster: after a reboot its number
    may belong to any other process, which is never ours to stop."""
    try:
        pid = int(pid_path.read_text())
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (FileNotFoundError, ValueError, PermissionError, ProcessLookupError):
        return False
    # every process of the cluster names a file in its folder on its command line
    return str(pid_path.parent.parent).encode() in command and _alive(pid)


def _stop_pid(pid_path: Path) -> None:
    """SIGTERM, then SIGKILL when it has not ended within STOP_SECONDS."""
    if not _running(pid_path):
        pid_path.unlink(missing_ok=True)
        return
    pid = int(pid_path.read_text())
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.2)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
    pid_path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    """Running and not a zombie (our own children end as zombies until reaped)."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


# --- the commands -----------------------------------------------------------------


def prepare_database(args) -> Path:
    """The cluster's folder, PostgreSQL running with the database, the instances'
    configuration written; the cluster's folder."""
    directory = args.dir.resolve()
    for folder in ("log", "run"):
        (directory / folder).mkdir(parents=True, exist_ok=True)
    directory.chmod(0o711)  # the service user reaches pgdata, nothing else
    ensure_service_user()
    init_database(directory)
    start_database(directory, args.pg_port)
    ensure_database(directory, args.pg_port)
    write_instances(directory, args.host, args.port, args.pg_port)
    return directory


def free_ports() -> tuple[int, int]:
    """For a throwaway cluster (tests, load test): a port for HAProxy with the next
    two free for the instances, and one for PostgreSQL."""
    for _ in range(200):
        base = random.randrange(20000, 40000)  # noqa: S311 - not for secrets
        if all(_port_free(base + offset) for offset in range(4)):
            return base, base + 3
    raise ClusterError("No free ports.")


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def start(args) -> int:
    directory = prepare_database(args)
    create_site(directory, args.site)
    for number in range(1, INSTANCES + 1):
        start_instance(directory, number)
    for number in range(1, INSTANCES + 1):
        wait_healthy(f"http://127.0.0.1:{args.port + number}/{args.site}/@@ok")
    start_haproxy(directory, args.host, args.port, args.site)
    wait_healthy(f"http://127.0.0.1:{args.port}/{args.site}/@@ok")
    print(f"Cluster: http://{args.host}:{args.port}/{args.site} (HAProxy)")
    for number in range(1, INSTANCES + 1):
        print(f"  instance{number}: http://127.0.0.1:{args.port + number}/{args.site}")
    print(f"  PostgreSQL on 127.0.0.1:{args.pg_port}, data in {directory / 'pgdata'}")
    return 0


def stop(args) -> int:
    directory = args.dir.resolve()
    _stop_pid(pid_file(directory, "haproxy"))
    for number in range(1, INSTANCES + 1):
        _stop_pid(pid_file(directory, f"instance{number}"))
    if (directory / "pgdata/postmaster.pid").exists():
        _pg_ctl(directory, "stop", "-m", "fast", "-w", "-t", str(STOP_SECONDS))
    return 0


CONVERSION = """\
%import relstorage
<filestorage source>
    path {instance}/var/filestorage/Data.fs
    blob-dir {instance}/var/blobstorage
    read-only true
</filestorage>
<relstorage destination>
    keep-history false
    blob-dir {blob_cache}
    shared-blob-dir false
    <postgresql>
        dsn {dsn}
    </postgresql>
</relstorage>
"""


def migrate(args) -> int:
    """The single machine's database (FileStorage and blobs of `--from-instance`,
    its ZEO server stopped) into the cluster's PostgreSQL, replacing what the
    cluster held: the instances are stopped, zodbconvert copies, the cluster starts
    again on the copy."""
    directory = args.dir.resolve()
    source = args.from_instance.resolve()
    if not (source / "var/filestorage/Data.fs").exists():
        raise ClusterError(f"{source} has no var/filestorage/Data.fs.")
    if serve.zeo_answers(source):
        raise ClusterError(
            f"The ZEO server of {source} is running: stop the site (Ctrl+C where "
            "`make start` runs) first."
        )
    prepare_database(args)
    for number in range(1, INSTANCES + 1):
        _stop_pid(pid_file(directory, f"instance{number}"))
    config = directory / "secrets/zodbconvert.conf"
    config.write_text(
        CONVERSION.format(
            instance=source,
            blob_cache=directory / "run/conversion-blobs",
            dsn=dsn(directory, args.pg_port),
        )
    )
    config.chmod(0o600)
    done = subprocess.run(  # noqa: S603 - our own zodbconvert and configuration
        [str(BIN / "zodbconvert"), "--clear", str(config)],
        check=False,
        capture_output=True,
        text=True,
    )
    shutil.rmtree(directory / "run/conversion-blobs", ignore_errors=True)
    if done.returncode:
        raise ClusterError(f"zodbconvert failed: {done.stderr.strip()[-2000:]}")
    for number in range(1, INSTANCES + 1):
        _clear_blob_cache(instance_home(directory, number))
    return start(args)


def _clear_blob_cache(home: Path) -> None:
    """The instances' blob caches hold the replaced database's blobs."""
    shutil.rmtree(home / "var/blobcache", ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=("start", "stop", "migrate"))
    parser.add_argument("--dir", default="cluster", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default=8080, type=int)
    parser.add_argument("--pg-port", default=15432, type=int)
    parser.add_argument("--site", default="Plone")
    parser.add_argument(
        "--from-instance",
        type=Path,
        default=Path("instance"),
        help="migrate: the single machine's instance whose database to copy",
    )
    args = parser.parse_args(argv)
    return {"start": start, "stop": stop, "migrate": migrate}[args.command](args)


if __name__ == "__main__":
    os.umask(0o077)
    sys.exit(main())
