"""make bench: build a throwaway Zope instance and site, measure, print a table and
write benchmarks/results.json (one object per figure: name, median, min, max, unit,
runs). Figures are medians after a warm-up; comparisons are ratios of one run."""

from contextlib import contextmanager
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from html import escape
from pathlib import Path

import argparse
import importlib.util
import json
import logging
import resource
import statistics
import sys
import tempfile
import threading
import time


HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "src/bk/plone/profiles/demo/letters/V0220-14_2021-01-25.txt"
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(ROOT))  # the OParl system the tests serve

from letters import generated_letter  # noqa: E402


def figure(name: str, values: list[float], unit: str) -> dict:
    return {
        "name": name,
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "unit": unit,
        "runs": len(values),
    }


def make_instance(home: Path, port: int = 18098) -> Path:
    spec = importlib.util.spec_from_file_location(
        "make_instance", ROOT / "scripts/make_instance.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # one process opens the database: no ZEO server needed
    module.write_instance(home, "127.0.0.1", port, storage="file")
    return home / "etc/zope.conf"


@contextmanager
def served(app):
    """The instance's WSGI application on 127.0.0.1 in a thread, as `make start`
    serves it (publishing, security, transforms, main template), stopped afterwards."""
    from waitress.server import create_server
    from ZPublisher.WSGIPublisher import publish_module

    # One thread on purpose (the figures are single requests); that a request
    # waits behind the previous one is expected, not worth a warning each time.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    server = create_server(publish_module, host="127.0.0.1", port=0, threads=1)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        stop_served(server, thread)


def stop_served(server, thread: threading.Thread) -> None:
    """Closing the sockets from here while the server's thread selects on them fails
    there with EBADF; the trigger has that thread close them itself between two
    selects, after which its loop has nothing left to wait on and returns."""
    from waitress.wasyncore import close_all

    def close_everything():
        server.task_dispatcher.shutdown()
        close_all(server._map)

    server.trigger.pull_trigger(close_everything)
    thread.join(timeout=10)


def point_texts(number: int) -> tuple[str, str]:
    resolution_text = (
        f"<p>Die Oberbürgermeisterin wird beauftragt, die Maßnahme {number} des "
        "Konzepts umzusetzen, die Beteiligten frühzeitig einzubeziehen und dem "
        "Stadtrat jährlich zu berichten.</p>"
    )
    report = (
        "<p>Mit der Umsetzung wurde begonnen. Die Ausschreibung ist veröffentlicht, "
        "die Vergabe folgt im nächsten Quartal.</p><p>Über den weiteren Fortgang "
        "wird in der nächsten Beschlusskontrolle berichtet.</p>"
    )
    return resolution_text, report


def timed_get(session, url: str, runs: int, **options) -> list[float]:
    (spent,) = timed_gets(session, [url], runs, **options)
    return spent


def timed_gets(session, urls: list[str], runs: int, **options) -> list[list[float]]:
    """Seconds per GET of each URL, the URLs taken in turn run after run: what the
    machine does meanwhile falls on all of them alike, so their ratios hold."""
    for url in urls:
        session.get(url, **options).raise_for_status()  # warm-up
    spent = [[] for _ in urls]
    for _ in range(runs):
        for url, times in zip(urls, spent, strict=True):
            start = time.perf_counter()
            response = session.get(url, **options)
            times.append(time.perf_counter() - start)
            response.raise_for_status()
    return spent


def ratio(name: str, numerator: dict, denominator: dict) -> dict:
    return {
        "name": name,
        "median": numerator["median"] / denominator["median"],
        "min": None,
        "max": None,
        "unit": "ratio",
        "runs": numerator["runs"],
    }


def paired_ratio(name: str, numerator: list[float], denominator: list[float]) -> dict:
    """The ratio of two figures taken in turn (see `timed_gets`): the median of each
    run's ratio, which a slower or faster moment of the machine leaves alone."""
    return figure(
        name, [a / b for a, b in zip(numerator, denominator, strict=True)], "ratio"
    )


def named(results: list[dict], name: str) -> dict:
    return next(r for r in results if r["name"] == name)


def bench_letter(
    app, runs: int, point_sizes: list[int], pdf_point_sizes: list[int]
) -> list[dict]:
    """@@letter against Plone's Document view of the same text, @@letter.pdf, and
    REST @letter against plone.restapi's plain GET, all over HTTP as a browser asks."""
    from lxml import html as lxml_html
    from plone import api
    from plone.app.textfield.value import RichTextValue
    from plone.dexterity.utils import createContentInContainer

    import requests
    import transaction

    site = app.Plone
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=site, type="Folder", id="letters")
        for size in point_sizes:
            resolution = createContentInContainer(
                folder,
                "Resolution",
                paper_reference=f"V{size:04d}/24",
                title=f"Beschluss mit {size} Punkten",
            )
            for number in range(1, size + 1):
                text, report = point_texts(number)
                createContentInContainer(
                    resolution,
                    "ControlPoint",
                    number=str(number),
                    resolution_text=RichTextValue(
                        text, "text/html", "text/x-html-safe"
                    ),
                    status_report=RichTextValue(
                        report, "text/html", "text/x-html-safe"
                    ),
                )
            api.content.transition(obj=resolution, transition="release")
        transaction.commit()

    results = []
    with served(app) as base, requests.Session() as session:
        session.auth = ("admin", "admin")
        for size in point_sizes:
            url = f"{base}/Plone/letters/v{size:04d}-24"
            page = session.get(f"{url}/@@letter")
            page.raise_for_status()
            (article,) = lxml_html.fromstring(page.text).xpath(
                '//article[contains(@class, "bk-letter")]'
            )
            with api.env.adopt_roles(["Manager"]):
                transaction.begin()
                api.content.create(
                    container=folder,
                    type="Document",
                    id=f"document-{size}",
                    title=f"Beschluss mit {size} Punkten",
                    text=RichTextValue(
                        lxml_html.tostring(article, encoding="unicode"),
                        "text/html",
                        "text/x-html-safe",
                    ),
                )
                transaction.commit()
            letter_times, document_times = timed_gets(
                session,
                [f"{url}/@@letter", f"{base}/Plone/letters/document-{size}"],
                runs,
            )
            letter = figure(f"@@letter, {size} points", letter_times, "s")
            document = figure(
                f"Document view, same text as {size} points", document_times, "s"
            )
            results += [
                letter,
                document,
                paired_ratio(
                    f"@@letter / Document view, {size} points",
                    letter_times,
                    document_times,
                ),
            ]
            json_headers = {"headers": {"Accept": "application/json"}}
            rest_letter_times, rest_plain_times = timed_gets(
                session, [f"{url}/@letter", url], runs, **json_headers
            )
            rest_letter = figure(f"REST @letter, {size} points", rest_letter_times, "s")
            rest_plain = figure(
                f"REST plain GET of the resolution, {size} points",
                rest_plain_times,
                "s",
            )
            results += [
                rest_letter,
                rest_plain,
                paired_ratio(
                    f"REST @letter / plain GET, {size} points",
                    rest_letter_times,
                    rest_plain_times,
                ),
            ]
            if size in pdf_point_sizes:
                results += pdf_figures(session, url, f"{size} points", runs)
    smallest, largest = min(point_sizes), max(point_sizes)
    results.append(
        ratio(
            f"@@letter growth {smallest} -> {largest} points (x{largest // smallest})",
            named(results, f"@@letter, {largest} points"),
            named(results, f"@@letter, {smallest} points"),
        )
    )
    return results


def dated_urls(url: str, runs: int) -> list[str]:
    """The same letter on as many dates: each a letter not rendered before."""
    first = date(2021, 1, 25)
    return [
        f"{url}/@@letter.pdf?date={(first + timedelta(days=run)).isoformat()}"
        for run in range(runs)
    ]


def pdf_figures(session, url: str, label: str, runs: int) -> list[dict]:
    """@@letter.pdf rendered for the first time, downloaded again (cached), and
    revalidated with its ETag (304)."""
    first = []
    for dated in dated_urls(url, runs):
        started = time.perf_counter()
        session.get(dated).raise_for_status()
        first.append(time.perf_counter() - started)
    cached_url = dated_urls(url, 1)[0]
    etag = session.get(cached_url).headers["ETag"]
    cached = timed_get(session, cached_url, runs)
    revalidated = timed_get(session, cached_url, runs, headers={"If-None-Match": etag})
    first_figure = figure(f"@@letter.pdf, {label}, first render", first, "s")
    cached_figure = figure(f"@@letter.pdf, {label}, cached download", cached, "s")
    return [
        first_figure,
        cached_figure,
        figure(f"@@letter.pdf, {label}, 304 with ETag", revalidated, "s"),
        ratio(
            f"@@letter.pdf cached / first render, {label}", cached_figure, first_figure
        ),
    ]


def bench_seed_pdf(app, runs: int) -> list[dict]:
    """The seed letter's PDF over HTTP against the floor: WeasyPrint alone rendering
    the same text as a plain A4 page, PDF/A-3a and tagged like the letter."""
    from bk.plone.importer.importer import import_files
    from bk.plone.letter.pdf import PDF_VARIANT
    from plone import api
    from weasyprint import HTML

    import requests
    import transaction

    site = app.Plone
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=site, type="Folder", id="seed")
        (result,) = import_files(folder, [(SEED.name, SEED.read_bytes())])
        resolution_url_path = api.content.get(UID=result.uid).absolute_url_path()
        transaction.commit()
    with served(app) as base, requests.Session() as session:
        session.auth = ("admin", "admin")
        url = f"{base}{resolution_url_path}"
        text = session.get(f"{url}/@@letter").text
        results = pdf_figures(session, url, "seed letter", runs)
    plain = plain_page(text)
    floor = []
    for _ in range(runs):
        started = time.perf_counter()
        HTML(string=plain).write_pdf(pdf_variant=PDF_VARIANT)
        floor.append(time.perf_counter() - started)
    floor_figure = figure("WeasyPrint alone, seed text as plain A4 HTML", floor, "s")
    results += [
        floor_figure,
        ratio(
            "@@letter.pdf seed first render / WeasyPrint alone",
            named(results, "@@letter.pdf, seed letter, first render"),
            floor_figure,
        ),
    ]
    return results


def plain_page(letter_page: str) -> str:
    """The letter's words as paragraphs of a plain A4 page, no stylesheet."""
    from lxml import html as lxml_html

    (article,) = lxml_html.fromstring(letter_page).xpath(
        '//article[contains(@class, "bk-letter")]'
    )
    paragraphs = [
        element.text_content().strip()
        for element in article.iter("p", "h1", "h2", "li")
        if element.text_content().strip()
    ]
    body = "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    return (
        '<html lang="de"><head><title>Seed</title><style>@page { size: A4 } '
        "body { font-family: 'DejaVu Sans' }</style></head>"
        f"<body>{body}</body></html>"
    )


def bench_import(app, letters: int, warmup: int) -> list[dict]:
    """Letters per second through the importer's one code path (as the command line
    runs it: each letter its own transaction, no versions of the points, the
    reports' PDFs rendered after the letters from their frozen HTML), against the
    floor: the same resolutions and points created directly with plone.api, once as
    a script would (versioned) and once without versions like the bulk import."""
    from bk.plone.importer.importer import import_files
    from bk.plone.importer.importer import read_letter
    from bk.plone.importer.importer import render_pending
    from plone import api

    import transaction

    site = app.Plone
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=site, type="Folder", id="bench")
        floor_folder = api.content.create(container=site, type="Folder", id="floor")
        bulk_floor_folder = api.content.create(
            container=site, type="Folder", id="floor-bulk"
        )
        transaction.commit()
        files = [
            (f"bench-{i:04d}.txt", generated_letter(i).encode("utf-8"))
            for i in range(letters + warmup)
        ]

        def timed(batch, **options):
            spent, results = [], []
            for name, data in batch:
                start = time.perf_counter()
                (result,) = import_files(folder, [(name, data)], **options)
                spent.append(time.perf_counter() - start)
                results.append(result)
                if result.status == "failed":
                    raise RuntimeError(f"{name}: {result.error}")
            return spent, results

        timed(files[:warmup], dry_run=True, commit_each=True)  # warm-up
        parse_only, _ = timed(
            files[warmup : warmup + 200], dry_run=True, commit_each=True
        )
        bulk = {"commit_each": True, "pdf_later": True, "versions": False}
        _, warmed = timed(files[:warmup], **bulk)  # written
        started = time.perf_counter()
        durations, results = timed(files[warmup:], **bulk)
        total = time.perf_counter() - started
        started = time.perf_counter()
        rendered = render_pending(warmed + results, commit_each=True)
        rendering = time.perf_counter() - started
        parsed = [read_letter(name, data) for name, data in files]
        floor = [create_directly(floor_folder, letter) for letter in parsed[warmup:]]
        bulk_floor = [
            create_directly(bulk_floor_folder, letter, versions=False)
            for letter in parsed[warmup:]
        ]
    per_second = [1 / d for d in durations]
    import_figure = figure("import: seconds per letter", durations, "s")
    floor_figure = figure("plone.api floor: seconds per letter", floor, "s")
    bulk_floor_figure = figure(
        "plone.api floor without versions: seconds per letter", bulk_floor, "s"
    )
    return [
        {**import_figure, "letters_per_second_overall": letters / total},
        figure("import: letters per second", per_second, "letters/s"),
        floor_figure,
        figure(
            "plone.api floor: letters per second", [1 / d for d in floor], "letters/s"
        ),
        bulk_floor_figure,
        ratio(
            "import / plone.api floor, seconds per letter", import_figure, floor_figure
        ),
        ratio(
            "import / plone.api floor without versions, seconds per letter",
            import_figure,
            bulk_floor_figure,
        ),
        {
            "name": "import: report PDFs rendered afterwards, seconds per PDF",
            "median": rendering / max(rendered, 1),
            "min": None,
            "max": None,
            "unit": "s",
            "runs": rendered,
        },
        figure(
            "import dry run (read and check): letters per second",
            [1 / d for d in parse_only],
            "letters/s",
        ),
        {
            "name": "import: share of a letter spent reading and checking",
            "median": statistics.median(parse_only) / statistics.median(durations),
            "min": None,
            "max": None,
            "unit": "ratio",
            "runs": len(durations),
        },
    ]


def create_directly(folder, letter, versions: bool = True) -> float:
    """The floor: a letter's resolution and points made with plone.api and brought
    to their states, one transaction, as a script would without the importer;
    `versions=False` switches CMFEditions off for the points as the bulk import
    does."""
    from bk.plone.importer.importer import PATHS
    from plone import api
    from plone.app.textfield.value import RichTextValue

    import transaction

    started = time.perf_counter()
    resolution = api.content.create(
        container=folder,
        type="Resolution",
        title=letter.title,
        # papers are unique in a site: the imported ones exist already
        paper_reference=("F" if versions else "G") + letter.paper_reference[1:],
        session_reference=letter.session_reference,
        decision_date=letter.letter_date,
    )
    for point in letter.points:
        created = api.content.create(
            container=resolution,
            type="ControlPoint",
            id=point.number,
            number=point.number,
            resolution_text=RichTextValue(
                point.resolution_text, "text/html", "text/x-html-safe"
            ),
            status_report=RichTextValue(
                point.status_report, "text/html", "text/x-html-safe"
            )
            if point.status_report
            else None,
            **({} if versions else {"versioning_enabled": False}),
        )
        if not versions:
            del created.versioning_enabled
        for transition in PATHS.get(("open", point.state), []):
            api.content.transition(obj=created, transition=transition)
    transaction.commit()
    return time.perf_counter() - started


def add_resolutions(folder, start: int, stop: int, points: int, today) -> None:
    """Resolutions number start..stop-1 of `points` points each, about a third of the
    points fulfilled and the control dates spread around today, so that the filters
    and totals have something to tell apart."""
    from datetime import timedelta
    from plone import api
    from plone.dexterity.utils import createContentInContainer

    import transaction

    for made in range(start, stop):
        resolution = createContentInContainer(
            folder,
            "Resolution",
            paper_reference=f"U{made:05d}/24",
            title=f"Beschluss {made}",
            next_control_date=today + timedelta(days=made % 400 - 200),
        )
        for number in range(1, points + 1):
            point = createContentInContainer(
                resolution, "ControlPoint", number=str(number)
            )
            if (made + number) % 3 == 0:
                api.content.transition(obj=point, transition="fulfil")
        api.content.transition(obj=resolution, transition="release")
        if (made + 1) % 500 == 0:  # bounds the memory of one transaction
            transaction.commit()
    transaction.commit()


def overview_query_figures(folder, size: int, runs: int, today) -> list[dict]:
    """The overview's own work, without publishing, template or HTTP around it."""
    from bk.plone.overview.query import Filters
    from bk.plone.overview.query import row
    from bk.plone.overview.query import search
    from bk.plone.overview.query import totals

    def page(filters):
        brains = search(folder, filters, today)
        summary = totals(brains, today)
        rows = [row(b, today, str) for b in brains[:50]]
        return summary, rows

    cases = {
        "all": Filters(),
        "overdue": Filters(overdue=True),
        "sorted by title": Filters(sort_on="title"),
    }
    results = []
    for label, filters in cases.items():
        page(filters)  # warm-up
        spent = []
        for _ in range(runs):
            start = time.perf_counter()
            page(filters)
            spent.append(time.perf_counter() - start)
        results.append(figure(f"overview ({label}), {size} resolutions", spent, "s"))
    return results


def control_list_figures(folder, size: int, runs: int) -> list[dict]:
    """The council's control list of all those resolutions (one body): it reads
    every point of every resolution with work left, unlike the overview."""
    from bk.plone.council.control_list import build_control_list
    from bk.plone.council.control_list import period_from_params

    period = period_from_params(folder, {"body": "Stadtrat"})
    spent = []
    for _ in range(max(1, runs // 3)):
        start = time.perf_counter()
        listed = build_control_list(folder, period)
        spent.append(time.perf_counter() - start)
    if len(listed.entries) != size:  # a list of less would measure less
        raise RuntimeError(f"{len(listed.entries)} of {size} resolutions listed")
    return [figure(f"control list (build), {size} resolutions", spent, "s")]


def overview_http_figures(app, size: int, runs: int) -> list[dict]:
    """The same over HTTP: the REST service and the page with its layout."""
    import requests

    results = []
    with served(app) as base, requests.Session() as session:
        session.auth = ("admin", "admin")
        views = {
            "REST @control-overview": ("@control-overview", "application/json"),
            "@@control-overview page": ("@@control-overview", "text/html"),
        }
        for label, (view, accept) in views.items():
            spent = timed_get(
                session,
                f"{base}/Plone/overview/{view}",
                runs,
                headers={"Accept": accept},
            )
            results.append(figure(f"{label}, {size} resolutions", spent, "s"))
    return results


def bench_overview(app, sizes: list[int], points: int, runs: int) -> list[dict]:
    """@@control-overview's work (catalog query, rows, totals, first page) and the
    REST service at growing numbers of resolutions, as a council member sees it."""
    from datetime import date
    from plone import api

    import transaction

    site = app.Plone
    results = []
    today = date.today()
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=site, type="Folder", id="overview")
        transaction.commit()
        made = 0
        # Each size adds to the resolutions of the one before, so that the largest
        # is built once and not once per size.
        for size in sorted(sizes):
            started = time.perf_counter()
            add_resolutions(folder, made, size, points, today)
            made = max(made, size)
            print(
                f"  {size} resolutions built in {time.perf_counter() - started:.0f} s"
            )
            results += overview_query_figures(folder, size, runs, today)
            results += overview_http_figures(app, size, runs)
            results += control_list_figures(folder, size, runs)
    if len(sizes) > 1:
        small, large = sorted(sizes)[0], sorted(sizes)[-1]
        results.append(
            ratio(
                f"overview growth {small} -> {large} (x{large // small})",
                named(results, f"overview (all), {large} resolutions"),
                named(results, f"overview (all), {small} resolutions"),
            )
        )
    return results


def bench_oparl(app, papers: int, runs: int) -> list[dict]:
    """Papers per second through the OParl sync from an OParl system on 127.0.0.1
    (the tests' own, `papers` papers, 10 a page): the first sync creates the
    resolutions and their points, every later one finds nothing changed; each paper
    committed on its own, as the command line runs it."""
    from bk.plone.oparl.sync import sync
    from plone import api
    from tests.helpers.oparl_server import oparl_server

    import transaction

    site = app.Plone
    # references of their own ("O0001/24"): the letter figures' resolutions are
    # V-papers, which a sync would link instead of creating
    with oparl_server(papers, "O") as system, api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=site, type="Folder", id="bench-oparl")
        transaction.commit()

        def timed_sync(**options) -> tuple[float, dict]:
            started = time.perf_counter()
            run = sync(folder, system.url("system"), commit_each=True, **options)
            if run.error is not None or run.totals()["failed"]:
                raise RuntimeError(f"OParl sync failed: {run.error or run.totals()}")
            return time.perf_counter() - started, run.totals()

        dry, _ = timed_sync(dry_run=True)
        first, totals = timed_sync()
        later = [timed_sync()[0] for _run in range(runs)]
        # the cron run: ten decisions recorded on their agenda items since
        since = datetime.now(UTC) - timedelta(minutes=1)
        for index in range(1, min(papers, 10) + 1):
            system.change_agenda_item(index, result="Geändert beschlossen")
        since_last = [timed_sync(since=since)[0] for _run in range(runs)]
    taken = totals["created"]
    return [
        figure(
            f"OParl dry run: seconds per paper, {papers} papers", [dry / papers], "s"
        ),
        figure(
            f"OParl first sync (creates): seconds per paper, {papers} papers",
            [first / papers],
            "s",
        ),
        figure(
            f"OParl later sync (nothing changed): seconds per paper, {papers} papers",
            [spent / papers for spent in later],
            "s",
        ),
        figure(
            f"OParl sync since the last one (10 agenda items changed): seconds, "
            f"{papers} papers",
            since_last,
            "s",
        ),
        {
            "name": "OParl later sync / first sync",
            "median": statistics.median(later) / first,
            "min": None,
            "max": None,
            "unit": "ratio",
            "runs": runs,
            "papers_taken": taken,
        },
    ]


def number_list(text: str) -> list[int]:
    return [int(n) for n in text.split(",") if n.strip()]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--out", default=str(HERE / "results.json"))
    parser.add_argument(
        "--resolutions", default="1000,10000", help="overview sizes, comma-separated"
    )
    parser.add_argument(
        "--points", type=int, default=10, help="points of each overview resolution"
    )
    parser.add_argument(
        "--letter-points",
        default="10,50,200",
        help="points of the letters measured, comma-separated",
    )
    parser.add_argument(
        "--pdf-points",
        default="10,50",
        help="of those, the letters also measured as PDF",
    )
    parser.add_argument(
        "--no-letter-views",
        dest="letter_views",
        action="store_false",
        help="skip @@letter, @@letter.pdf and REST @letter",
    )
    parser.add_argument(
        "--oparl-papers",
        type=int,
        default=300,
        help="papers of the OParl system synced (0: no OParl figures)",
    )
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args(argv)

    from bk.plone.cli import login
    from bk.plone.cli import zope_app
    from bk.plone.sitesetup import ensure_admin
    from bk.plone.sitesetup import ensure_site

    import transaction

    results = []
    with tempfile.TemporaryDirectory(prefix="bk-bench-") as home:
        conf = make_instance(Path(home))
        with zope_app(str(conf)) as app:
            ensure_admin(app, "admin", "admin")
            transaction.commit()
            login(app, "admin")
            ensure_site(app, site_id="Plone", demo=False)
            if args.letter_views:
                results.extend(bench_seed_pdf(app, args.runs))
                results.extend(
                    bench_letter(
                        app,
                        args.runs,
                        number_list(args.letter_points),
                        number_list(args.pdf_points),
                    )
                )
            if args.letters:
                results.extend(bench_import(app, args.letters, args.warmup))
            if args.oparl_papers:
                results.extend(bench_oparl(app, args.oparl_papers, args.runs))
            overview_sizes = number_list(args.resolutions)
            if overview_sizes:
                results.extend(
                    bench_overview(app, overview_sizes, args.points, args.runs)
                )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results.append(
        {
            "name": "peak memory of the process",
            "median": peak,
            "min": peak,
            "max": peak,
            "unit": "MiB",
            "runs": 1,
        }
    )
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    print(f"{'figure':<58} {'median':>10} {'min':>10} {'max':>10}  unit")
    for row in results:
        cells = [
            f"{row[key]:>10.3f}" if isinstance(row[key], float) else f"{'':>10}"
            for key in ("median", "min", "max")
        ]
        print(
            f"{row['name']:<58} {' '.join(cells)}  {row['unit']} ({row['runs']} runs)"
        )
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
