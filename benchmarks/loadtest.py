"""make loadtest: a throwaway instance on 127.0.0.1 under N concurrent clients for T
seconds, mixing letter views, REST reads, overview queries and writes (status
reports of one resolution edited by several clients at once, proposals and their
approval). Reports requests, errors, median and 95th percentile per kind, and checks
afterwards that every write acknowledged to a client is in the database.

Exit status 0 only with no errors and nothing acknowledged missing."""

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time


HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench import make_instance  # noqa: E402


sys.path.insert(0, str(ROOT / "scripts"))

from cluster import free_ports  # noqa: E402


PASSWORD = "loadtest-password"  # noqa: S105 (the throwaway site's test password)
USERS = {
    "lt-editor": "Editor",
    "lt-office": "MayorsOffice",
    "lt-council": "CouncilMember",
}
SHARED_POINTS = 10
MAX_SECONDS = 600
MAX_CLIENTS = 200
JSON_HEADERS = {"Accept": "application/json"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build_site(conf: Path, clients: int, site_id: str = "Plone") -> None:
    """Site, users and one released resolution: points 1..10 shared by every
    client's report edits, point 100+i for client i's proposals."""
    from bk.plone.cli import login
    from bk.plone.cli import zope_app
    from bk.plone.sitesetup import ensure_admin
    from bk.plone.sitesetup import ensure_site
    from plone import api
    from plone.dexterity.utils import createContentInContainer

    import transaction

    with zope_app(str(conf)) as app:
        ensure_admin(app, "admin", "admin")
        transaction.commit()
        login(app, "admin")
        site, _ = ensure_site(app, site_id=site_id, demo=False)
        for user_id, role in USERS.items():
            site.acl_users.userFolderAddUser(user_id, PASSWORD, [role], [])
        folder = api.content.create(container=site, type="Folder", id="beschluesse")
        api.content.transition(obj=folder, transition="publish")
        for index in range(20):
            resolution = createContentInContainer(
                folder,
                "Resolution",
                paper_reference=f"V{index:04d}/24",
                title=f"Beschluss {index}",
            )
            numbers = [str(n) for n in range(1, SHARED_POINTS + 1)]
            if index == 0:
                numbers += [str(100 + client) for client in range(clients)]
            for number in numbers:
                point = createContentInContainer(
                    resolution, "ControlPoint", number=number
                )
                if int(number) >= 100:
                    api.content.transition(obj=point, transition="start")
            api.content.transition(obj=resolution, transition="release")
        transaction.commit()


@dataclass
class Tally:
    durations: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    reports: dict = field(default_factory=dict)  # point number -> acknowledged texts
    proposals: dict = field(default_factory=dict)  # point number -> [(id, status)]
    lock: threading.Lock = field(default_factory=threading.Lock)

    def timed(self, kind, method, *args, **options):
        start = time.perf_counter()
        try:
            response = method(*args, timeout=60, **options)
        except Exception as error:  # connection refused, reset, timeout
            response, failure = None, repr(error)
        else:
            failure = None if response.status_code < 400 else response.status_code
        spent = time.perf_counter() - start
        with self.lock:
            self.durations.setdefault(kind, []).append(spent)
            if failure is not None:
                self.errors.append(
                    (kind, failure, response.text[:200] if response else "")
                )
        return response if failure is None else None


class Client:
    """One simulated client: a session per user, its own point for proposals, and
    what its next requests depend on (report numbers, the transition to propose)."""

    def __init__(self, number: int, base: str, tally: Tally, seed: int) -> None:
        import requests

        self.number = number
        self.base = base  # the site's URL
        self.tally = tally
        self.rng = random.Random(seed + number)  # noqa: S311 (simulated clients' pacing, not secrets)
        self.sessions = {}
        for user_id in USERS:
            session = requests.Session()
            session.auth = (user_id, PASSWORD)
            self.sessions[user_id] = session
        self.resolution = f"{base}/beschluesse/v0000-24"
        self.own_point = f"{self.resolution}/{100 + number}"
        self.sequence = 0
        self.next_transition = "fulfil"

    def letter(self, other: str) -> None:
        self.tally.timed("letter", self.sessions["lt-council"].get, f"{other}/@@letter")

    def rest_read(self, other: str) -> None:
        path = self.rng.choice(["@letter", "", "1"])
        self.tally.timed(
            "rest read",
            self.sessions["lt-council"].get,
            f"{other}/{path}",
            headers=JSON_HEADERS,
        )

    def overview(self, other: str) -> None:
        query = self.rng.choice(["", "?status=open", "?sort_on=title"])
        self.tally.timed(
            "overview",
            self.sessions["lt-council"].get,
            f"{self.base}/beschluesse/@@control-overview{query}",
        )

    def report_write(self, other: str) -> None:
        self.sequence += 1
        point = str(self.rng.randint(1, SHARED_POINTS))
        text = f"Bericht von Client {self.number}, Nr. {self.sequence}"
        report = {"data": f"<p>{text}</p>", "content-type": "text/html"}
        acknowledged = self.tally.timed(
            "report write",
            self.sessions["lt-editor"].patch,
            f"{self.resolution}/{point}",
            headers=JSON_HEADERS,
            json={"status_report": report},
        )
        if acknowledged is not None:
            with self.tally.lock:
                self.tally.reports.setdefault(point, []).append(text)

    def proposal_and_approval(self, other: str) -> None:
        proposed = self.tally.timed(
            "proposal",
            self.sessions["lt-editor"].post,
            f"{self.own_point}/@approvals",
            headers=JSON_HEADERS,
            json={"action": "propose", "transition": self.next_transition},
        )
        if proposed is None:
            return
        proposal = proposed.json()["proposal"]["id"]
        action = self.rng.choice(["approve", "approve", "decline"])
        decided = self.tally.timed(
            "approval",
            self.sessions["lt-office"].post,
            f"{self.own_point}/@approvals",
            headers=JSON_HEADERS,
            json={"action": action, "proposal": proposal, "comment": "ok"},
        )
        status = "proposed"
        if decided is not None:
            status = "approved" if action == "approve" else "declined"
            if action == "approve":
                self.next_transition = (
                    "reopen" if self.next_transition == "fulfil" else "fulfil"
                )
        with self.tally.lock:
            self.tally.proposals.setdefault(str(100 + self.number), []).append(
                (proposal, status)
            )

    def close(self) -> None:
        for session in self.sessions.values():
            session.close()


# kind -> (weight, request); dict order fixes the order of the weighted choice, and
# with it the requests a seed gives.
REQUESTS = {
    "letter": (3, Client.letter),
    "rest read": (3, Client.rest_read),
    "overview": (2, Client.overview),
    "report write": (3, Client.report_write),
    "proposal+approval": (1, Client.proposal_and_approval),
}
WRITES = {"report write", "proposal+approval"}


def client(
    number: int,
    base: str,
    deadline: float,
    tally: Tally,
    seed: int,
    reads_only: bool = False,
) -> None:
    """`base`: the site's URL."""
    simulated = Client(number, base, tally, seed)
    kinds = [kind for kind in REQUESTS if not (reads_only and kind in WRITES)]
    weights = [REQUESTS[kind][0] for kind in kinds]
    while time.monotonic() < deadline:
        kind = simulated.rng.choices(kinds, weights)[0]
        # Drawn for every kind, as the seed's sequence of requests depends on it.
        other = f"{base}/beschluesse/v{simulated.rng.randrange(20):04d}-24"
        _, request = REQUESTS[kind]
        request(simulated, other)
    simulated.close()


def missing_writes(
    conf: Path, reports: dict, proposals: dict, site_id: str = "Plone"
) -> list[str]:
    """Acknowledged writes not in the database: each report must be one of the
    point's versions, each proposal on the point with its acknowledged status."""
    from bk.plone.cli import login
    from bk.plone.cli import zope_app
    from bk.plone.content import approvals
    from plone import api
    from zope.component.hooks import setSite

    missing = []
    with zope_app(str(conf)) as app:
        login(app, "admin")
        site = app[site_id]
        setSite(site)
        resolution = site["beschluesse"]["v0000-24"]
        repository = api.portal.get_tool("portal_repository")
        for number, texts in reports.items():
            point = resolution[number]
            history = repository.getHistoryMetadata(point)
            kept = set()
            for index in range(history.getLength(countPurged=False)):
                version = repository.retrieve(
                    point, history.getVersionId(index, countPurged=False)
                ).object
                if version.status_report is not None:
                    kept.add(version.status_report.raw)
            missing += [
                f"report of point {number}: {text}"
                for text in texts
                if f"<p>{text}</p>" not in kept
            ]
            if point.status_report.raw not in {f"<p>{t}</p>" for t in texts}:
                missing.append(f"point {number} ends with an unacknowledged report")
        for number, acknowledged in proposals.items():
            stored = {
                p["id"]: p["status"] for p in approvals.proposals(resolution[number])
            }
            missing += [
                f"proposal {proposal} of point {number} ({status})"
                for proposal, status in acknowledged
                if status != "proposed" and stored.get(proposal) != status
            ]
    return missing


def wait_for(url: str, process, seconds: int = 180) -> None:
    import requests

    for _ in range(seconds):
        if process.poll() is not None:
            raise SystemExit(f"the instance stopped (exit {process.returncode})")
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(1)
    raise SystemExit(f"the instance did not answer {url} within {seconds} s")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def in_own_process(*args) -> str:
    """Build and verify in a process of their own: the file storage belongs to one
    process at a time, and the instance needs it in between."""
    done = subprocess.run(
        [sys.executable, __file__, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    return done.stdout


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--out", default=str(HERE / "loadtest.json"))
    parser.add_argument(
        "--reads-only",
        action="store_true",
        help="only letters, REST reads and overviews (no writes)",
    )
    parser.add_argument(
        "--cluster",
        action="store_true",
        help="on a cluster (scripts/cluster.py): one instance, then two behind HAProxy",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= MAX_CLIENTS or not 0 < args.seconds <= MAX_SECONDS:
        parser.error(f"1..{MAX_CLIENTS} clients, up to {MAX_SECONDS} seconds")
    return args


def default_sigint() -> None:
    # A shell without job control starts background commands with SIGINT ignored,
    # and Python then never turns it into KeyboardInterrupt: `stop` relies on it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def serve(home: Path) -> subprocess.Popen:
    """The instance as `make start` runs it, in a session of its own so that its
    process group can be signalled."""
    runwsgi = Path(sys.executable).parent / "runwsgi"
    return subprocess.Popen(
        [str(runwsgi), str(home / "etc/zope.ini")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=default_sigint,  # no threads yet to make it unsafe
    )


def stop(process: subprocess.Popen) -> None:
    """SIGINT, which waitress ends its loop on and after which Zope closes its
    databases; SIGTERM would end the process without either."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def run_clients(base: str, args: argparse.Namespace, first_client: int = 0) -> Tally:
    """`base`: the site's URL; clients are numbered from `first_client` (each has
    its own point for proposals)."""
    print(f"{args.clients} clients for {args.seconds:.0f} s on {base} ...", flush=True)
    tally = Tally()
    deadline = time.monotonic() + args.seconds
    numbers = range(first_client, first_client + args.clients)
    reads_only = getattr(args, "reads_only", False)
    threads = [
        threading.Thread(
            target=client, args=(n, base, deadline, tally, args.seed, reads_only)
        )
        for n in numbers
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=args.seconds + 120)
    return tally


def logged_errors(home: Path) -> list[str]:
    event_log = (home / "var/log/event.log").read_text(errors="replace")
    return [block for block in event_log.split("\n20") if " ERROR " in block[:60]]


def unsaved_writes(conf: Path, home: Path, tally: Tally) -> list[str]:
    written = home / "acknowledged.json"
    written.write_text(
        json.dumps({"reports": tally.reports, "proposals": tally.proposals})
    )
    return json.loads(in_own_process("verify", conf, written).splitlines()[-1])


def load(home: Path, args: argparse.Namespace) -> tuple[Tally, list[str], list[str]]:
    """Tally of the clients, acknowledged writes missing, errors the server logged."""
    port = free_port()
    conf = make_instance(home, port)
    print(f"building the site in {home} ...", flush=True)
    in_own_process("build", conf, args.clients)
    process = serve(home)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/Plone", process)
        tally = run_clients(f"{base}/Plone", args)
    finally:
        stop(process)
    server_errors = logged_errors(home)
    return tally, unsaved_writes(conf, home, tally), server_errors


def summary(
    args: argparse.Namespace, tally: Tally, missing: list[str], server_errors: list
) -> dict:
    kinds = {
        kind: {
            "requests": len(values),
            "median_s": statistics.median(values),
            "p95_s": percentile(values, 0.95),
        }
        for kind, values in sorted(tally.durations.items())
    }
    return {
        "clients": args.clients,
        "seconds": args.seconds,
        "requests": sum(k["requests"] for k in kinds.values()),
        "errors": len(tally.errors),
        "error_samples": tally.errors[:10],
        "acknowledged_writes": sum(len(t) for t in tally.reports.values())
        + sum(len(p) for p in tally.proposals.values()),
        "missing_writes": missing,
        "server_errors": server_errors[:5],
        "kinds": kinds,
    }


def print_summary(result: dict, out: str) -> None:
    print(f"{'kind':<20} {'requests':>9} {'median':>9} {'p95':>9}")
    for kind, row in result["kinds"].items():
        print(
            f"{kind:<20} {row['requests']:>9} {row['median_s']:>8.3f}s {row['p95_s']:>8.3f}s"
        )
    missing = result["missing_writes"]
    print(
        f"requests {result['requests']} ({result['requests'] / result['seconds']:.1f}/s), "
        f"errors {result['errors']}, acknowledged writes {result['acknowledged_writes']}, "
        f"missing {len(missing)}"
    )
    for kind, failure, text in result["error_samples"]:
        print(f"  error {kind}: {failure} {text}")
    for block in result["server_errors"][:3]:
        print("  server:", block[-1500:])
    for line in missing[:10]:
        print(f"  missing: {line}")
    print(f"written to {out}")


# --- the cluster: one instance against two behind HAProxy, in one run -------------

CLUSTER_SITE = "Last"  # beside the demo site the cluster creates


def cluster_command(command: str, directory: Path, port: int, pg_port: int) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts/cluster.py"),
            command,
            "--dir",
            str(directory),
            "--port",
            str(port),
            "--pg-port",
            str(pg_port),
        ],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    if done.returncode:
        raise SystemExit(done.stdout[-2000:] + done.stderr[-2000:])


def cluster_processes(directory: Path) -> dict[str, list]:
    """The cluster's processes by part, for their CPU time; PostgreSQL's backends
    come and go with the instances' connections, so they are asked for each time."""
    import psutil

    parts: dict[str, list] = {"load generator": [psutil.Process()]}
    for name in ("instance1", "instance2", "haproxy"):
        pid = int((directory / f"run/{name}.pid").read_text())
        parts[name] = [psutil.Process(pid)]
    postmaster = psutil.Process(
        int((directory / "pgdata/postmaster.pid").read_text().split()[0])
    )
    parts["postgresql"] = [postmaster, *postmaster.children(recursive=True)]
    return parts


def cpu_seconds(directory: Path) -> dict[str, dict[int, float]]:
    """CPU seconds (user and system) of each process of each part, by pid."""
    import psutil

    seconds: dict[str, dict[int, float]] = {}
    for name, processes in cluster_processes(directory).items():
        seconds[name] = {}
        for process in processes:
            try:
                times = process.cpu_times()
            except psutil.NoSuchProcess:
                continue
            seconds[name][process.pid] = times.user + times.system
    return seconds


def cpu_used(before: dict, after: dict) -> dict[str, float]:
    """Per part, what its processes used in between (a process that began in
    between counts from zero)."""
    return {
        part: sum(spent - before[part].get(pid, 0.0) for pid, spent in pids.items())
        for part, pids in after.items()
    }


CONFLICT_LINE = re.compile(r"Write conflict replayed: .* oid ([0-9a-f]+)\)")


def replayed_oids(directory: Path) -> list[str]:
    """The objects of the conflicts the instances replayed (their event logs)."""
    return [
        oid
        for log in directory.glob("instance*/var/log/event.log")
        for oid in CONFLICT_LINE.findall(log.read_text(errors="replace"))
    ]


def replayed(directory: Path) -> int:
    return len(replayed_oids(directory))


def conflicting_objects(conf: Path, oids: list[str]) -> list[str]:
    """The objects conflicts were about, most frequent first: "count class path"."""
    from bk.plone.cli import zope_app
    from collections import Counter
    from ZODB.utils import p64

    described = []
    with zope_app(str(conf)) as app:
        connection = app._p_jar
        for oid, count in Counter(oids).most_common(8):
            try:
                obj = connection.get(p64(int(oid, 16)))
                kind = type(obj).__name__
                path = (
                    "/".join(obj.getPhysicalPath())
                    if hasattr(obj, "getPhysicalPath")
                    else ""
                )
            except Exception as error:  # an object removed since, a broken one
                kind, path = type(error).__name__, ""
            described.append(f"{count} {kind} {path}".strip())
    return described


def load_cluster(args: argparse.Namespace) -> dict:
    """The same mix of clients for the same time, first against instance 1 alone,
    then against both through HAProxy, on one cluster; writes checked afterwards;
    the CPU each part used in each phase, to show what limits the second."""
    directory = Path(tempfile.mkdtemp(prefix="bk-loadtest-cluster-", dir="/tmp"))
    directory.chmod(0o711)  # PostgreSQL's user reaches its data directory
    port, pg_port = free_ports()
    phases, tallies = {}, []
    try:
        print(f"starting a cluster in {directory} ...", flush=True)
        cluster_command("start", directory, port, pg_port)
        conf = directory / "instance1/etc/zope.conf"
        # proposals: clients of the second phase have points of their own
        in_own_process("build", conf, 2 * args.clients, CLUSTER_SITE)
        bases = {
            "one instance": f"http://127.0.0.1:{port + 1}/{CLUSTER_SITE}",
            "two instances behind HAProxy": f"http://127.0.0.1:{port}/{CLUSTER_SITE}",
        }
        for index, (name, base) in enumerate(bases.items()):
            before, conflicts = cpu_seconds(directory), replayed(directory)
            tally = run_clients(base, args, first_client=index * args.clients)
            phases[name] = {
                "tally": tally,
                "cpu_s": cpu_used(before, cpu_seconds(directory)),
                "conflicts_replayed": replayed(directory) - conflicts,
            }
            tallies.append(tally)
        missing = unsaved_writes_of(conf, directory, tallies)
        conflicts = json.loads(
            in_own_process(
                "conflicts", conf, json.dumps(replayed_oids(directory))
            ).splitlines()[-1]
        )
    finally:
        cluster_command("stop", directory, port, pg_port)
        shutil.rmtree(directory, ignore_errors=True)
    return {"phases": phases, "missing": missing, "conflicts": conflicts}


def unsaved_writes_of(conf: Path, directory: Path, tallies: list[Tally]) -> list[str]:
    reports: dict = {}
    proposals: dict = {}
    for tally in tallies:
        for number, texts in tally.reports.items():
            reports.setdefault(number, []).extend(texts)
        for number, acknowledged in tally.proposals.items():
            proposals.setdefault(number, []).extend(acknowledged)
    written = directory / "acknowledged.json"
    written.write_text(json.dumps({"reports": reports, "proposals": proposals}))
    done = in_own_process("verify", conf, written, CLUSTER_SITE)
    return json.loads(done.splitlines()[-1])


def cluster_summary(args: argparse.Namespace, measured: dict) -> dict:
    phases = {}
    for name, phase in measured["phases"].items():
        tally = phase["tally"]
        everything = [d for values in tally.durations.values() for d in values]
        phases[name] = {
            "requests": len(everything),
            "requests_per_s": len(everything) / args.seconds,
            "median_s": statistics.median(everything),
            "p95_s": percentile(everything, 0.95),
            "errors": len(tally.errors),
            "error_samples": tally.errors[:5],
            "cpu_s": phase["cpu_s"],
            "conflicts_replayed": phase["conflicts_replayed"],
        }
    one, two = phases.values()
    return {
        "clients": args.clients,
        "seconds": args.seconds,
        "phases": phases,
        "ratio_requests_per_s": two["requests_per_s"] / one["requests_per_s"],
        "reads_only": args.reads_only,
        "missing_writes": measured["missing"],
        "conflicting_objects": measured["conflicts"],
        "cores": os.cpu_count(),
    }


def print_cluster_summary(result: dict, out: str) -> None:
    for name, phase in result["phases"].items():
        print(
            f"{name:<30} {phase['requests_per_s']:>6.1f} requests/s, median "
            f"{phase['median_s']:.3f} s, p95 {phase['p95_s']:.3f} s, "
            f"errors {phase['errors']}, conflicts replayed "
            f"{phase['conflicts_replayed']}"
        )
        cpu = ", ".join(f"{part} {spent:.1f}" for part, spent in phase["cpu_s"].items())
        print(
            f"{'':<30} CPU seconds: {cpu} (of {result['cores']} cores x {result['seconds']:.0f} s)"
        )
        for kind, failure, text in phase["error_samples"]:
            print(f"{'':<30} error {kind}: {failure} {text}")
    print(f"two behind HAProxy / one: {result['ratio_requests_per_s']:.2f}")
    for line in result["conflicting_objects"]:
        print(f"  conflicts on: {line}")
    print(f"missing writes: {len(result['missing_writes'])}")
    print(f"written to {out}")


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "build":
        build_site(Path(argv[1]), int(argv[2]), *argv[3:4])
        return 0
    if argv and argv[0] == "conflicts":
        oids = json.loads(argv[2])
        print(json.dumps(conflicting_objects(Path(argv[1]), oids)))
        return 0
    if argv and argv[0] == "verify":
        acknowledged = json.loads(Path(argv[2]).read_text())
        print(
            json.dumps(
                missing_writes(
                    Path(argv[1]), **acknowledged, site_id=(argv[3:4] or ["Plone"])[0]
                )
            )
        )
        return 0
    args = parse_args(argv)
    if args.cluster:
        result = cluster_summary(args, load_cluster(args))
        Path(args.out).write_text(json.dumps(result, indent=2, default=str) + "\n")
        print_cluster_summary(result, args.out)
        failed = any(phase["errors"] for phase in result["phases"].values())
        return 0 if not failed and not result["missing_writes"] else 1
    with tempfile.TemporaryDirectory(prefix="bk-loadtest-") as home:
        tally, missing, server_errors = load(Path(home), args)
    result = summary(args, tally, missing, server_errors)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print_summary(result, args.out)
    return 0 if not tally.errors and not missing else 1


if __name__ == "__main__":
    sys.exit(main())
