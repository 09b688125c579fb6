"""Serve the demo as `make start` does: the ZEO server with the database, the demo's
mail sink, the Plone site created or reused, then the Zope instance in the
foreground. Ctrl+C (or SIGTERM) stops the instance, then the sink and the ZEO
server; a rerun reuses the data.

`--setup-only` (`make site`) creates the site and stops again. A ZEO server that
already answers on the instance's socket (run by systemd, say) is used and left
running.

While it serves, `bk-plone import|remind|create-site --zope-conf
instance/etc/zope.conf …` in another shell are further clients of the same ZEO
server."""

from pathlib import Path

import argparse
import os
import signal
import socket
import subprocess
import sys
import time


BIN = Path(sys.executable).parent
# Bounded waits, generous for a busy 2-core machine.
ZEO_START_SECONDS = 60
STOP_SECONDS = 30


class ServeError(SystemExit):
    """A part could not start; the message says which and why."""


def zeo_socket(home: Path) -> Path:
    return home / "var/zeo.sock"


def zeo_answers(home: Path) -> bool:
    """Something accepts connections on the instance's ZEO socket."""
    path = zeo_socket(home)
    if not path.exists():
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(2)
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


def start_zeo(home: Path) -> subprocess.Popen | None:
    """Start the instance's ZEO server and wait until it answers; None when one
    answers already."""
    home = home.resolve()
    if zeo_answers(home):
        return None
    # A socket file left by a server that was killed: runzeo would not bind.
    zeo_socket(home).unlink(missing_ok=True)
    log = home / "var/log/zeo.log"
    # to a file, not a pipe nobody reads: a full pipe would stop the server
    said = home / "var/log/zeo-stderr.log"
    server = subprocess.Popen(  # noqa: S603 - our own runzeo and configuration
        [str(BIN / "runzeo"), "-C", str(home / "etc/zeo.conf")],
        stdout=subprocess.DEVNULL,
        stderr=said.open("ab"),
        # Out of the terminal's process group: Ctrl+C stops the instance first,
        # then we stop the server its clients still talk to.
        start_new_session=True,
    )
    deadline = time.monotonic() + ZEO_START_SECONDS
    while time.monotonic() < deadline:
        if zeo_answers(home):
            return server
        if server.poll() is not None:
            break
        time.sleep(0.1)
    stop(server)
    tail = said.read_text(errors="replace").strip()[-600:]
    raise ServeError(
        "The ZEO server did not start; is another process using "
        f"{home / 'var/filestorage/Data.fs'}? {tail} (see {log})"
    )


def stop(process: subprocess.Popen | None) -> None:
    """SIGTERM, then SIGKILL when it has not ended within STOP_SECONDS."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_SECONDS)


def start_mail_sink(home: Path, port: int) -> subprocess.Popen:
    ready = home / "var/mail-sink.ready"
    ready.unlink(missing_ok=True)
    sink = subprocess.Popen(  # noqa: S603 - our own script
        [
            sys.executable,
            str(Path(__file__).with_name("mail_sink.py")),
            "--dir",
            str(home / "var/mail"),
            "--port",
            str(port),
            "--ready",
            str(ready),
        ]
    )
    for _ in range(100):
        if ready.exists() or sink.poll() is not None:
            break
        time.sleep(0.1)
    if not ready.exists():
        stop(sink)
        raise ServeError(
            f"The demo's mail sink cannot listen on 127.0.0.1:{port}; choose "
            f"another port: make start MAIL_PORT={port + 1}"
        )
    return sink


def create_site(home: Path, site: str, mail_port: int) -> None:
    done = subprocess.run(  # noqa: S603 - our own command
        [
            str(BIN / "bk-plone"),
            "create-site",
            "--zope-conf",
            str(home / "etc/zope.conf"),
            "--site",
            site,
            "--mail-server",
            f"127.0.0.1:{mail_port}",
        ],
        check=False,
    )
    if done.returncode:
        raise ServeError(done.returncode)


def serve(home: Path) -> int:
    """The instance in the foreground until it ends or we are told to stop."""
    instance = subprocess.Popen(  # noqa: S603 - our own runwsgi and configuration
        [str(BIN / "runwsgi"), str(home / "etc/zope.ini")]
    )

    told_to_stop: list[float] = []

    def stop_instance(signum, frame):
        # Only the signal here: the main thread waits for the instance to end.
        told_to_stop.append(time.monotonic())
        instance.terminate()

    signal.signal(signal.SIGTERM, stop_instance)
    try:
        while True:
            try:
                ended = instance.wait(timeout=1)
                break
            except subprocess.TimeoutExpired:
                if told_to_stop and time.monotonic() - told_to_stop[0] > STOP_SECONDS:
                    instance.kill()
        # stopped as asked (systemd's SIGTERM): a clean end, whatever Zope says
        return 0 if told_to_stop else ended
    except KeyboardInterrupt:
        # Ctrl+C reached the instance too (same process group): it closes its
        # database itself; SIGTERM (in stop) only if it does not end in time.
        try:
            instance.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            stop(instance)
        return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--instance", default="instance", type=Path)
    parser.add_argument("--site", default="Plone")
    parser.add_argument("--mail-port", default=8025, type=int)
    parser.add_argument("--setup-only", action="store_true")
    parser.add_argument(
        "--refuse-if-serving",
        action="store_true",
        help="exit non-zero when the instance's ZEO server runs (before a restore)",
    )
    args = parser.parse_args(argv)
    home = args.instance.resolve()
    if args.refuse_if_serving:
        if zeo_answers(home):
            raise ServeError(
                f"The ZEO server of {home} is running: stop the site (Ctrl+C where "
                "`make start` runs, or its systemd services) first."
            )
        return 0
    if not (home / "etc/zeo.conf").exists():
        raise ServeError(f"{home}/etc/zeo.conf is missing: run `make instance` first.")
    zeo = sink = None
    # SIGTERM before the instance runs (systemd stopping us while the site is
    # created): the same orderly stop as Ctrl+C, so the ZEO server is not left.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        zeo = start_zeo(home)
        if not args.setup_only:
            sink = start_mail_sink(home, args.mail_port)
        create_site(home, args.site, args.mail_port)
        return 0 if args.setup_only else serve(home)
    except KeyboardInterrupt:
        return 0
    finally:
        # Ctrl+C may come again while we stop: the stopping goes on.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        stop(sink)
        stop(zeo)


if __name__ == "__main__":
    os.umask(0o077)  # the database and mails are the city's, not other users'
    sys.exit(main())
