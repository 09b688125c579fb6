"""The demo's mail server: an SMTP server on 127.0.0.1 that delivers nothing and
writes every mail it receives to a folder as an .eml file (open it with any mail
program). `make start` runs it beside the site; it stops with SIGINT or SIGTERM.

    python scripts/mail_sink.py --dir instance/var/mail --port 8025
"""

from aiosmtpd.controller import Controller
from datetime import datetime
from pathlib import Path

import argparse
import signal
import threading


class Folder:
    """The SMTP handler: one file per mail, named by the time it arrived."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = self.folder / f"{stamp}-{self.count:04d}.eml"
        path.write_bytes(envelope.original_content or envelope.content)
        print(f"mail to {', '.join(envelope.rcpt_tos)}: {path}", flush=True)
        return "250 Message accepted"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, help="where the mails are written")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8025)
    parser.add_argument(
        "--ready", default="", help="a file written once the sink listens"
    )
    args = parser.parse_args(argv)
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    controller = Controller(Folder(folder), hostname=args.host, port=args.port)
    controller.start()
    if args.ready:
        Path(args.ready).write_text(str(args.port))
    print(f"mail sink on {args.host}:{args.port}, writing to {folder}", flush=True)
    try:
        stop.wait()
    finally:
        controller.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
