"""The `bk-plone` command line, run against a Zope instance's configuration."""

from contextlib import contextmanager

import argparse
import os
import sys


@contextmanager
def zope_app(zope_conf: str):
    """Open the Zope application of `zope_conf` with a request, as zconsole does."""
    from Testing.makerequest import makerequest
    from zope.globalrequest import setRequest
    from Zope2.Startup.run import configure_wsgi

    import Zope2

    configure_wsgi(zope_conf)
    app = makerequest(Zope2.app())
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
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
