"""The `bk-plone` command line, run against a Zope instance's configuration."""

from bk.plone.interfaces import RefusedInput
from contextlib import contextmanager
from dataclasses import dataclass

import argparse
import os
import sys


class DatabaseInUse(Exception):
    """Another process (a running instance) holds the file storage."""


class DatabaseUnreachable(Exception):
    """The ZEO server of the configuration does not answer."""


@contextmanager
def zope_app(zope_conf: str):
    """Open the Zope application of `zope_conf` with a request, as zconsole does."""
    from Testing.makerequest import makerequest
    from zc.lockfile import LockError
    from ZEO.Exceptions import ClientDisconnected
    from zope.globalrequest import setRequest
    from Zope2.Startup.run import configure_wsgi

    import Zope2

    configure_wsgi(zope_conf)
    _check_zeo_sockets()
    try:
        app = makerequest(Zope2.app())
    except LockError as error:
        raise DatabaseInUse(str(error)) from error
    except ClientDisconnected as error:
        raise DatabaseUnreachable(_zeo_servers() or str(error)) from error
    setRequest(app.REQUEST)
    try:
        yield app
    finally:
        setRequest(None)
        app._p_jar.close()


def _zeo_addresses() -> list:
    """The addresses of the ZEO servers the configured databases are clients of."""
    import App.config

    return [
        server.address
        for database in App.config.getConfiguration().databases
        for server in getattr(database.config.storage.config, "server", None) or ()
    ]


def _zeo_servers() -> str:
    return ", ".join(str(address) for address in _zeo_addresses())


def _check_zeo_sockets() -> None:
    """A ZEO socket nobody answers on (not there, or left by a server that was
    killed): the server is not running, said at once (a ZEO client waits 30 seconds
    for its server otherwise)."""
    for address in _zeo_addresses():
        if isinstance(address, str) and not _answers(address):
            raise DatabaseUnreachable(address)


def _answers(path: str) -> bool:
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(5)
        try:
            probe.connect(path)
        except OSError:
            return False
    return True


def login(app, user_id: str) -> None:
    from AccessControl.SecurityManagement import newSecurityManager

    user = app.acl_users.getUserById(user_id)
    newSecurityManager(None, user.__of__(app.acl_users))


class CommandError(RefusedInput):
    """A command cannot run as asked; `language` is the site's, once it is open."""

    language: str | None = None


@dataclass
class SiteSession:
    """What a command works with: the Zope app, the Plone site, the language."""

    app: object
    site: object
    language: str

    def say(self, message) -> str:
        return say(message, self.language)


def say(message, language: str | None) -> str:
    from zope.i18n import translate

    return translate(message, target_language=language or "de")


@contextmanager
def open_site(args, user: str | None = None, commit: bool = True):
    """The one way into the site for a command: open the app of `args.zope_conf`,
    enter the site `args.site`, act as `user`; commit when the block ends well
    (abort instead with `commit=False`), abort when it raises.

    Raises DatabaseInUse and CommandError (both turned into messages by `main`)."""
    from bk.plone import _
    from bk.plone.letter.model import site_language
    from zope.component.hooks import setSite

    import transaction

    with zope_app(args.zope_conf) as app:
        site = app.get(args.site)
        if site is None:
            raise CommandError(
                _(
                    "cli_no_site",
                    default="There is no Plone site ${site}.",
                    mapping={"site": args.site},
                )
            )
        setSite(site)
        try:
            language = getattr(args, "language", None)
            session = SiteSession(app, site, language or site_language())
            try:
                if user is not None:
                    _login_as(app, user)
                yield session
            except CommandError as error:
                transaction.abort()
                error.language = error.language or session.language
                raise
            except BaseException:
                transaction.abort()
                raise
            if commit:
                transaction.commit()
            else:
                transaction.abort()
        finally:
            setSite(None)


def _login_as(app, user: str) -> None:
    from bk.plone import _

    if app.acl_users.getUserById(user) is None:
        raise CommandError(
            _(
                "cli_no_user",
                default="There is no Zope user ${user}.",
                mapping={"user": user},
            )
        )
    login(app, user)


def create_site(args) -> int:
    from bk.plone.sitesetup import ensure_admin
    from bk.plone.sitesetup import ensure_site
    from bk.plone.sitesetup import use_mail_server

    import transaction

    # Before any site exists: the app alone, not `open_site`.
    with zope_app(args.zope_conf) as app:
        ensure_admin(app, args.admin_user, args.admin_password)
        transaction.commit()
        login(app, args.admin_user)
        site, created = ensure_site(app, site_id=args.site, demo=not args.no_demo)
        if args.mail_server:
            use_mail_server(site, args.mail_server)
            transaction.commit()
        action = "created" if created else "reused"
        print(f"Site {site.absolute_url_path()} {action}.")
    return 0


# Said before the site (and its translations) can be opened: in both languages.
DATABASE_UNREACHABLE = """\
bk-plone: Der Datenbank-Server (ZEO) antwortet nicht ({detail}).
Starten Sie die Website mit `make start` (sie startet den ZEO-Server mit) oder den
ZEO-Server allein (`runzeo -C instance/etc/zeo.conf`, im Betrieb als systemd-Dienst,
siehe deploy/), und rufen Sie den Befehl dann erneut auf.

bk-plone: the database server (ZEO) does not answer ({detail}).
Start the site with `make start` (it starts the ZEO server too) or the ZEO server
alone (`runzeo -C instance/etc/zeo.conf`, in production as a systemd service, see
deploy/), then run the command again."""

DATABASE_IN_USE = """\
bk-plone: Die Datenbank wird von einer laufenden Zope-Instanz benutzt ({detail}).
Eine Datei-Datenbank (Data.fs) gehört immer nur einem Prozess. Beenden Sie die
Instanz (Strg+C, wo `make start` läuft) und starten Sie den Import erneut, oder
betreiben Sie die Datenbank über ZEO, das mehrere Prozesse zugleich zulässt.

bk-plone: the database is in use by a running Zope instance ({detail}).
A file storage (Data.fs) belongs to one process at a time. Stop the instance
(Ctrl+C where `make start` runs), then run the import again; or serve the
database through ZEO, which lets several processes use it at once."""


def import_letters(args) -> int:
    from bk.plone.importer.importer import import_files
    from bk.plone.importer.importer import render_pending
    from bk.plone.importer.importer import summary

    # Each file commits itself (commit_each); what is left is a dry run's.
    with open_site(args, user=args.user, commit=False) as session:
        folder = _import_folder(session.site, args.folder)
        files, unreadable = _read_files(args.files)
        with _Progress(session, len(args.files), args.verbose) as progress:
            for name in unreadable:
                progress.failed(name)
            results = import_files(
                folder,
                files,
                dry_run=args.dry_run,
                commit_each=True,
                on_result=progress.result,
                # the reports' PDFs after all letters, from their frozen HTML
                pdf_later=True,
                # each letter is recorded by its issued report: no point versions
                versions=False,
            )
        if not args.dry_run:
            render_pending(results, commit_each=True)
        totals = summary(results)
        totals["failed"] += len(unreadable)
        print(session.say(_import_message(totals, args.dry_run)))
    return 1 if totals["failed"] else 0


def _import_folder(site, path: str):
    from bk.plone import _

    if not path:
        return site
    folder = site.unrestrictedTraverse(path.strip("/"), None)
    if folder is None or not getattr(folder, "isPrincipiaFolderish", 0):
        raise CommandError(
            _(
                "cli_no_folder",
                default="There is no folder ${folder} in the site.",
                mapping={"folder": path},
            )
        )
    return folder


def _read_files(names) -> tuple[list[tuple[str, bytes]], list[str]]:
    """(name, content) of every readable file, and what to say of the others."""
    from pathlib import Path

    readable, unreadable = [], []
    for path in map(Path, names):
        try:
            readable.append((path.name, path.read_bytes()))
        except OSError as error:
            unreadable.append(f"{path}: {error.strerror}")
    return readable, unreadable


class _Progress:
    """A progress bar on stderr for several files; failures (and with --verbose
    every result) as lines above it."""

    def __init__(self, session: SiteSession, total: int, verbose: bool):
        from tqdm import tqdm

        self.session, self.verbose = session, verbose
        self.bar = tqdm(
            total=total,
            unit=" letters",
            file=sys.stderr,
            disable=None if total > 1 else True,
        )

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.bar.close()

    def failed(self, text: str) -> None:
        self.bar.update()
        self.bar.write(text, file=sys.stderr)

    def result(self, result) -> None:
        from bk.plone.importer.importer import FAILED

        if result.status == FAILED:
            self.failed(self.session.say(result.error_message()))
            return
        self.bar.update()
        if self.verbose:
            self.bar.write(f"{result.filename}: {result.status}")


def _import_message(totals: dict, dry_run: bool):
    from bk.plone import _

    if dry_run:
        return _(
            "msg_letters_preview",
            default="Importing would give: ${created} created, ${updated} "
            "updated, ${unchanged} unchanged, ${failed} failed.",
            mapping=totals,
        )
    return _(
        "msg_letters_imported",
        default="Import finished: ${created} created, ${updated} "
        "updated, ${unchanged} unchanged, ${failed} failed.",
        mapping=totals,
    )


def oparl_import(args) -> int:
    from bk.plone.interfaces import RefusedInput
    from bk.plone.oparl.filters import PaperFilter
    from bk.plone.oparl.results import day_value
    from bk.plone.oparl.results import endpoint
    from bk.plone.oparl.results import since_value
    from bk.plone.oparl.results import summary_message
    from bk.plone.oparl.sync import sync

    # Each paper commits itself (commit_each); what is left is a dry run's.
    with open_site(args, user=args.user, commit=False) as session:
        folder = _import_folder(session.site, args.folder)
        try:
            url = endpoint(args.url)  # a Zope user with the command line: any
            options = {
                "since": since_value(args.since, folder, url),
                "paper_filter": PaperFilter.from_settings(
                    date_from=day_value(args.date_from, "--from"),
                    date_to=day_value(args.date_to, "--until"),
                ),
            }
        except RefusedInput as error:
            raise CommandError(error.message) from error
        reporter = _PaperReporter(session, args.verbose)
        run = sync(
            folder,
            url,
            dry_run=args.dry_run,
            commit_each=True,
            on_result=reporter.result,
            **options,
        )
        if run.error is not None:
            print(session.say(run.error), file=sys.stderr)
        # each paper was committed on its own: what went in stays
        print(session.say(summary_message(run, rolled_back=False)))
    failed = run.error is not None or run.totals()["failed"]
    return 1 if failed else 0


class _PaperReporter:
    """A failed paper (and with --verbose every result) as a line on stderr."""

    def __init__(self, session: SiteSession, verbose: bool):
        self.session, self.verbose = session, verbose

    def result(self, result) -> None:
        from bk.plone.oparl.results import STATUS_LABELS
        from bk.plone.oparl.results import TEXT_CHANGED
        from bk.plone.oparl.sync import FAILED

        say = self.session.say
        if result.status == FAILED:
            error = say(result.error)
            named = error if result.url in error else f"{result.url}: {error}"
            print(named, file=sys.stderr)
        elif self.verbose:
            flag = f" ({say(TEXT_CHANGED)})" if result.text_changed else ""
            status = say(STATUS_LABELS[result.status])
            print(f"{result.reference or result.url}: {status}{flag}", file=sys.stderr)


def remind(args) -> int:
    from bk.plone.notifications.reminders import send_reminders
    from bk.plone.notifications.reminders import send_reminders_committed
    from datetime import date
    from plone import api

    with open_site(args, commit=False):
        days = args.days
        if days is None:
            days = api.portal.get_registry_record(
                "bk.plone.reminder_lead_days", default=14
            )
        today = date.fromisoformat(args.today) if args.today else date.today()
        if args.dry_run:
            sent, unaddressed = send_reminders(days, today, dry_run=True)
        else:
            sent, unaddressed = send_reminders_committed(days, today)
    _report_reminders(sent, unaddressed, args.dry_run)
    return 1 if unaddressed else 0


def _report_reminders(sent, unaddressed, dry_run: bool) -> None:
    verb = "would mail" if dry_run else "mailed"
    for reminder in sent:
        print(
            f"{reminder.office} <{reminder.address}>: {verb} "
            f"{len(reminder.resolutions)} resolutions, {len(reminder.points)} points"
        )
    for reminder in unaddressed:
        print(
            f"{reminder.office or '(no office)'}: no mail address or no mail server; "
            f"{len(reminder.resolutions)} resolutions, {len(reminder.points)} points "
            "not reminded",
            file=sys.stderr,
        )


def mail_server(value: str) -> str:
    from bk.plone.sitesetup import parse_mail_server

    if value:
        try:
            parse_mail_server(value)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from error
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bk-plone", description="Beschlusskontrolle for Plone."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    create = commands.add_parser(
        "create-site", help="Create the Plone site with bk.plone, or reuse it."
    )
    create.add_argument("--zope-conf", required=True, help="path to zope.conf")
    create.add_argument("--site", default="Plone", help="id of the Plone site")
    create.add_argument("--admin-user", default=os.environ.get("ADMIN_USER", "admin"))
    create.add_argument(
        "--admin-password", default=os.environ.get("ADMIN_PASSWORD", "admin")
    )
    create.add_argument(
        "--no-demo", action="store_true", help="do not apply bk.plone:demo"
    )
    create.add_argument(
        "--mail-server",
        default="",
        type=mail_server,
        metavar="HOST:PORT",
        help="send the site's mail through this SMTP server (make start: the "
        "demo's mail sink)",
    )
    create.set_defaults(func=create_site)

    importing = commands.add_parser(
        "import",
        help="Import letters (text, .docx, .pdf) as resolutions and issued reports.",
    )
    importing.add_argument("--zope-conf", required=True, help="path to zope.conf")
    importing.add_argument("--site", default="Plone", help="id of the Plone site")
    importing.add_argument(
        "--folder",
        default="",
        help="path below the site where new resolutions go (default: the site)",
    )
    importing.add_argument(
        "--dry-run", action="store_true", help="read and check, write nothing"
    )
    importing.add_argument(
        "--user",
        default=os.environ.get("ADMIN_USER", "admin"),
        help="the Zope user the import is recorded as",
    )
    importing.add_argument(
        "--verbose", action="store_true", help="name every file and its result"
    )
    importing.add_argument(
        "--language",
        choices=["de", "en"],
        help="language of the messages (default: the site's language)",
    )
    importing.add_argument("files", nargs="+", metavar="FILE")
    importing.set_defaults(func=import_letters)

    syncing = commands.add_parser(
        "oparl-import",
        help="Take resolutions from the council information system (OParl); for "
        "cron, while the site serves.",
    )
    syncing.add_argument("--zope-conf", required=True, help="path to zope.conf")
    syncing.add_argument("--site", default="Plone", help="id of the Plone site")
    syncing.add_argument(
        "--folder",
        default="",
        help="path below the site where new resolutions go (default: the site)",
    )
    syncing.add_argument(
        "--since",
        default="",
        metavar="last|DATE",
        help='only papers changed since "last" (the last sync of this address into '
        "the folder) or since a date (YYYY-MM-DD) or ISO date-time",
    )
    syncing.add_argument(
        "--from",
        dest="date_from",
        default="",
        metavar="DATE",
        help="decided on or after",
    )
    syncing.add_argument(
        "--until",
        dest="date_to",
        default="",
        metavar="DATE",
        help="decided on or before",
    )
    syncing.add_argument(
        "--dry-run", action="store_true", help="read and check, write nothing"
    )
    syncing.add_argument(
        "--user",
        default=os.environ.get("ADMIN_USER", "admin"),
        help="the Zope user the sync is recorded as",
    )
    syncing.add_argument(
        "--verbose", action="store_true", help="name every paper and its result"
    )
    syncing.add_argument(
        "--language",
        choices=["de", "en"],
        help="language of the messages (default: the site's language)",
    )
    syncing.add_argument(
        "url",
        nargs="?",
        default="",
        metavar="URL",
        help="the OParl system or body (default: the address in the settings)",
    )
    syncing.set_defaults(func=oparl_import)

    reminding = commands.add_parser(
        "remind",
        help="Mail each responsible office what is due for control (for cron).",
    )
    reminding.add_argument("--zope-conf", required=True, help="path to zope.conf")
    reminding.add_argument("--site", default="Plone", help="id of the Plone site")
    reminding.add_argument(
        "--days",
        type=int,
        default=None,
        help="lead time in days (default: the settings' reminder lead time)",
    )
    reminding.add_argument(
        "--dry-run", action="store_true", help="say what would be sent, send nothing"
    )
    reminding.add_argument(
        "--today", default="", help=argparse.SUPPRESS
    )  # for tests: the day to remind as of (YYYY-MM-DD)
    reminding.set_defaults(func=remind)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except DatabaseInUse as error:
        print(DATABASE_IN_USE.format(detail=error), file=sys.stderr)
    except DatabaseUnreachable as error:
        print(DATABASE_UNREACHABLE.format(detail=error), file=sys.stderr)
    except CommandError as error:
        language = error.language or getattr(args, "language", None)
        print(f"bk-plone: {say(error.message, language)}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
