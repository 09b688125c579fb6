"""Write a WSGI Zope instance for bk.plone (configuration only; data is kept).

Used by `make instance` / `make start`. Rewrites etc/ on every run so that HOST and
PORT take effect, and never touches var/, so the database survives.

The database is a FileStorage (var/filestorage/Data.fs, blobs in var/blobstorage)
served by a ZEO server (etc/zeo.conf, on the socket var/zeo.sock): the instance
and the `bk-plone` commands are its clients, so imports and reminders run while the
site serves. An instance of the earlier layout (the FileStorage opened by the
instance itself) keeps its Data.fs where it is; the ZEO server opens it.
`--storage file` writes that earlier layout, for throwaway instances of one process
(benchmarks, tests).
"""

from pathlib import Path

import argparse


ZOPE_CONF = """\
{imports}%define INSTANCE {home}
instancehome $INSTANCE
%define CLIENTHOME $INSTANCE/var
clienthome $CLIENTHOME
debug-mode off
security-policy-implementation C
verbose-security off
default-zpublisher-encoding utf-8
# Several editors saving reports of one resolution at once touch the same catalog
# buckets; Zope replays a conflicting request, and 3 replays (its default) ran out
# under `make loadtest`.
max-conflict-retries 10

<environment>
    zope_i18n_compile_mo_files true
    CHAMELEON_CACHE $INSTANCE/var/cache
</environment>

<zodb_db main>
{storage}
    mount-point /
    cache-size 30000
</zodb_db>

<dos_protection>
    form-memory-limit 4MB
</dos_protection>
"""

FILE_STORAGE = """\
    <filestorage>
        path $INSTANCE/var/filestorage/Data.fs
        blob-dir $INSTANCE/var/blobstorage
    </filestorage>"""

# The blobs are on this machine's disk for server and clients alike: the clients
# read them there (shared-blob-dir) instead of having them sent.
ZEO_CLIENT = """\
    <zeoclient>
        server $INSTANCE/var/zeo.sock
        storage 1
        name zeostorage
        blob-dir $INSTANCE/var/blobstorage
        shared-blob-dir on
        cache-size 128MB
    </zeoclient>"""

# The cluster (scripts/cluster.py): every instance a client of one PostgreSQL
# database. History-free, as a FileStorage packed to no history: the past lives in
# CMFEditions' versions and the issued reports, not in undo. The blobs are in the
# database too (large objects), so an instance on another machine needs no shared
# disk; each instance keeps a cache of the blobs it served.
REL_STORAGE = """\
    <relstorage>
        keep-history false
        blob-dir $INSTANCE/var/blobcache
        shared-blob-dir false
        blob-cache-size 512mb
        <postgresql>
            dsn {dsn}
        </postgresql>
    </relstorage>"""

ZEO_CONF = """\
%define INSTANCE {home}

<zeo>
    address $INSTANCE/var/zeo.sock
    pid-filename $INSTANCE/var/zeo.pid
</zeo>

<filestorage 1>
    path $INSTANCE/var/filestorage/Data.fs
    blob-dir $INSTANCE/var/blobstorage
</filestorage>

<eventlog>
    level INFO
    <logfile>
        path $INSTANCE/var/log/zeo.log
    </logfile>
</eventlog>
"""

# A Unix socket's path has room for 107 bytes (sun_path).
MAX_SOCKET_PATH = 107

ZOPE_INI = """\
[app:zope]
use = egg:Zope#main
zope_conf = %(here)s/zope.conf

[server:main]
use = egg:waitress#main
listen = {host}:{port}
threads = 4
clear_untrusted_proxy_headers = false
max_request_body_size = 1073741824

[filter:translogger]
use = egg:Paste#translogger
setup_console_handler = False

[pipeline:main]
pipeline =
    egg:Zope#httpexceptions
    translogger
    zope

[loggers]
keys = root, waitress.queue, waitress, wsgi

[handlers]
keys = console, accesslog, eventlog

[formatters]
keys = generic, message

[formatter_generic]
format = %(asctime)s %(levelname)s [%(name)s:%(lineno)s][%(threadName)s] %(message)s
datefmt = %Y-%m-%d %H:%M:%S

[formatter_message]
format = %(message)s

[logger_root]
level = INFO
handlers = console, eventlog

[logger_waitress.queue]
level = INFO
handlers = eventlog
qualname = waitress.queue
propagate = 0

[logger_waitress]
level = INFO
handlers = eventlog
qualname = waitress

[logger_wsgi]
level = WARN
handlers = accesslog
qualname = wsgi
propagate = 0

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[handler_accesslog]
class = FileHandler
args = (r'{home}/var/log/access.log', 'a')
level = INFO
formatter = message

[handler_eventlog]
class = FileHandler
args = (r'{home}/var/log/event.log', 'a')
level = INFO
formatter = generic
"""

SITE_ZCML = """\
<configure
    xmlns="http://namespaces.zope.org/zope"
    xmlns:meta="http://namespaces.zope.org/meta"
    xmlns:five="http://namespaces.zope.org/five">

  <include package="Zope2.App" />
  <include package="Products.Five" />
  <meta:redefinePermission from="zope2.Public" to="zope.Public" />

  <five:loadProducts file="meta.zcml"/>
  <five:loadProducts />
  <five:loadProductsOverrides />

</configure>
"""


def write_instance(
    home: Path, host: str, port: int, storage: str = "zeo", dsn: str = ""
) -> None:
    """`storage`: "zeo" (the default), "file" (one process) or "relstorage" (a
    client of the PostgreSQL database `dsn`)."""
    home = home.resolve()
    if storage == "zeo" and len(str(home / "var/zeo.sock")) > MAX_SOCKET_PATH:
        raise SystemExit(
            f"The instance's path is too long for the ZEO socket: {home}. "
            "Choose a shorter --dir."
        )
    for folder in ("etc", "var/filestorage", "var/blobstorage", "var/log", "var/cache"):
        (home / folder).mkdir(parents=True, exist_ok=True)
    (home / "var/blobstorage").chmod(0o700)
    database = {
        "zeo": ZEO_CLIENT,
        "file": FILE_STORAGE,
        "relstorage": REL_STORAGE.format(dsn=dsn),
    }[storage]
    imports = "%import relstorage\n" if storage == "relstorage" else ""
    conf = home / "etc/zope.conf"
    conf.write_text(ZOPE_CONF.format(home=home, storage=database, imports=imports))
    if storage == "relstorage":
        conf.chmod(0o600)  # it holds the database's password
    if storage == "zeo":
        (home / "etc/zeo.conf").write_text(ZEO_CONF.format(home=home))
    else:
        (home / "etc/zeo.conf").unlink(missing_ok=True)
    (home / "etc/zope.ini").write_text(ZOPE_INI.format(home=home, host=host, port=port))
    (home / "etc/site.zcml").write_text(SITE_ZCML)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", default="instance", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default=8080, type=int)
    parser.add_argument(
        "--storage",
        choices=("zeo", "file"),
        default="zeo",
        help="zeo: a ZEO server shares the database (default); file: one process",
    )
    args = parser.parse_args(argv)
    write_instance(args.dir, args.host, args.port, args.storage)
    print(f"Instance configuration written to {args.dir.resolve()}/etc")


if __name__ == "__main__":
    main()
