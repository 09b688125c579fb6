"""The `bk-plone` command line, run against a Zope instance's configuration."""

from contextlib import contextmanager

import argparse
import os
import sys


class DatabaseInUse(Exception):
    """Another process (a running instance) holds the file storage."""


@contextmanager
def zope_app(zope_conf: str):
    """Open the Zope application of `zope_conf` with a request, as zconsole does."""
    from Testing.makerequest import makerequest
    from zc.lockfile import LockError
    from zope.globalrequest import setRequest
    from Zope2.Startup.run import configure_wsgi

    import Zope2

    configure_wsgi(zope_conf)
    try:
        app = makerequest(Zope2.app())
    except LockError as error:
        raise DatabaseInUse(str(error)) from error
    setRequest(app.REQUEST)
    try:
        yield app
    finally:
        setRequest(None)
        app._p_jar.close()


def login(app, user_id: str) -> None:
    from AccessControl.SecurityManagement import newSecurityManager

    user = app.acl_users.getUserById(user_id)
    newSecurityManager(None, user.__of__(app.acl_users))


def create_site(args) -> int:
    from bk.plone.sitesetup import ensure_admin
    from bk.plone.sitesetup import ensure_site

    import transaction

    with zope_app(args.zope_conf) as app:
        ensure_admin(app, args.admin_user, args.admin_password)
        transaction.commit()
        login(app, args.admin_user)
        site, created = ensure_site(app, site_id=args.site, demo=not args.no_demo)
        action = "created" if created else "reused"
        print(f"Site {site.absolute_url_path()} {action}.")
    return 0


# Said before the site (and its translations) can be opened: in both languages.
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
    from bk.plone import _
    from bk.plone.importer.importer import FAILED
    from bk.plone.importer.importer import import_files
    from bk.plone.importer.importer import summary
    from pathlib import Path
    from plone import api
    from tqdm import tqdm
    from zope.component.hooks import setSite
    from zope.i18n import translate

    import transaction

    paths = [Path(name) for name in args.files]
    try:
        with zope_app(args.zope_conf) as app:
            language = args.language or "de"

            def say(message) -> str:
                return translate(message, target_language=language)

            def refuse(message) -> int:
                print(f"bk-plone: {say(message)}", file=sys.stderr)
                return 2

            site = app.get(args.site)
            if site is None:
                return refuse(
                    _(
                        "cli_no_site",
                        default="There is no Plone site ${site}.",
                        mapping={"site": args.site},
                    )
                )
            setSite(site)
            language = args.language or api.portal.get_default_language() or "de"
            if app.acl_users.getUserById(args.user) is None:
                return refuse(
                    _(
                        "cli_no_user",
                        default="There is no Zope user ${user}.",
                        mapping={"user": args.user},
                    )
                )
            login(app, args.user)
            folder = site
            if args.folder:
                folder = site.unrestrictedTraverse(args.folder.strip("/"), None)
                if folder is None or not getattr(folder, "isPrincipiaFolderish", 0):
                    return refuse(
                        _(
                            "cli_no_folder",
                            default="There is no folder ${folder} in the site.",
                            mapping={"folder": args.folder},
                        )
                    )

            progress = tqdm(
                total=len(paths),
                unit=" letters",
                file=sys.stderr,
                disable=None if len(paths) > 1 else True,
            )

            def report(result):
                progress.update()
                if result.status == FAILED:
                    progress.write(say(result.error_message()), file=sys.stderr)
                elif args.verbose:
                    progress.write(f"{result.filename}: {result.status}")

            readable, unreadable = [], []
            for path in paths:
                try:
                    readable.append((path.name, path.read_bytes()))
                except OSError as error:
                    unreadable.append(path)
                    progress.write(f"{path}: {error.strerror}", file=sys.stderr)
                    progress.update()
            results = import_files(
                folder,
                readable,
                dry_run=args.dry_run,
                commit_each=True,
                on_result=report,
            )
            progress.close()
            transaction.abort()
            totals = summary(results)
            totals["failed"] += len(unreadable)
            if args.dry_run:
                message = _(
                    "msg_letters_preview",
                    default="Importing would give: ${created} created, ${updated} "
                    "updated, ${unchanged} unchanged, ${failed} failed.",
                    mapping=totals,
                )
            else:
                message = _(
                    "msg_letters_imported",
                    default="Import finished: ${created} created, ${updated} "
                    "updated, ${unchanged} unchanged, ${failed} failed.",
                    mapping=totals,
                )
            print(say(message))
    except DatabaseInUse as error:
        print(DATABASE_IN_USE.format(detail=error), file=sys.stderr)
        return 2
    return 1 if totals["failed"] else 0


def remind(args) -> int:
    from bk.plone.notifications.reminders import send_reminders
    from datetime import date
    from plone import api
    from zope.component.hooks import setSite

    import transaction

    try:
        with zope_app(args.zope_conf) as app:
            site = app.get(args.site)
            if site is None:
                print(f"bk-plone: no Plone site {args.site!r}.", file=sys.stderr)
                return 2
            setSite(site)
            days = args.days
            if days is None:
                days = api.portal.get_registry_record(
                    "bk.plone.reminder_lead_days", default=14
                )
            today = date.fromisoformat(args.today) if args.today else date.today()
            sent, unaddressed = send_reminders(days, today, dry_run=args.dry_run)
            if args.dry_run:
                transaction.abort()
            else:
                transaction.commit()
    except DatabaseInUse as error:
        print(DATABASE_IN_USE.format(detail=error), file=sys.stderr)
        return 2
    verb = "would mail" if args.dry_run else "mailed"
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
    return 1 if unaddressed else 0


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
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
