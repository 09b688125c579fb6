"""A small OParl 1.1 system served on 127.0.0.1 for the tests, built by our own code
from the specification's shapes: a System, a Body, its Organizations and Meetings,
and paged Paper lists (27 papers, 10 a page) whose deciding Consultation points to
an AgendaItem with `resolutionText` in the forms council systems use (numbered plain
text, HTML lists, sentences). Tests change it (`server.change_paper`) to see a sync."""

from contextlib import contextmanager
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qs
from urllib.parse import urlencode
from urllib.parse import urlsplit

import json
import threading
import time


PAPERS = 27
PAGE_SIZE = 10
OPARL = "https://schema.oparl.org/1.1/"
START = datetime(2024, 1, 15, 17, 0, tzinfo=UTC)
LAST_CHANGE = datetime(2025, 6, 30, 12, 0, tzinfo=UTC)

RESOLUTION_TEXTS = (
    # numbered plain text, as many systems export it
    "1. Die Oberbürgermeisterin wird beauftragt, ein Konzept vorzulegen.\n"
    "2. Dem Ausschuss ist halbjährlich zu berichten.",
    # an HTML list
    "<p>Der Stadtrat beschließt:</p><ol><li>Die Satzung wird geändert.</li>"
    "<li>Die Verwaltung setzt die Änderung bis zum 30.06.2025 um.</li></ol>",
    # one sentence, no numbers
    "Der Ausschuss stimmt der Vergabe an die Stadtwerke zu.",
)


class OParlSystem:
    def __init__(self, base: str, papers: int = PAPERS, prefix: str = "V"):
        self.base = base
        self.paper_count = papers
        self.prefix = prefix  # of the papers' references
        self.objects: dict[str, dict] = {}
        self.papers: list[dict] = []
        self.meetings: list[dict] = []
        self.agenda_items: list[dict] = []
        # url -> how it fails: "json" (not JSON), "error" (HTTP 500), "slow",
        # "busy" (HTTP 429 once), "deep" (JSON nested too deep), "drip" (a byte
        # now and then), "redirect:<url>"
        self.broken: dict[str, str] = {}
        self.requests: list[tuple[str, str]] = []  # (path, User-Agent)
        self.slow_seconds = 3.0
        self._build()

    def url(self, path: str) -> str:
        return f"{self.base}/oparl/v1/{path}"

    def _build(self) -> None:
        body = self.url("body/1")
        self.objects[self.url("system")] = {
            "id": self.url("system"),
            "type": OPARL + "System",
            "oparlVersion": "https://schema.oparl.org/1.1/",
            "body": self.url("bodies"),
            "name": "Ratsinformationssystem der Teststadt",
            "vendor": "https://bk-plone.example.org",
        }
        self.objects[body] = {
            "id": body,
            "type": OPARL + "Body",
            "system": self.url("system"),
            "name": "Teststadt",
            "organization": self.url("body/1/organizations"),
            "person": self.url("body/1/people"),
            "meeting": self.url("body/1/meetings"),
            "paper": self.url("body/1/papers"),
            "agendaItem": self.url("body/1/agendaItems"),
            "legislativeTerm": [],
        }
        organizations = [
            ("1", "Stadtrat"),
            ("2", "Ausschuss für Umwelt und Kommunalwirtschaft"),
        ]
        offices = [
            ("3", "Amt für Umwelt- und Klimaschutz"),
            ("4", "Stadtplanungsamt"),
        ]
        for number, name in organizations + offices:
            self._add(
                {
                    "id": self.url(f"organization/{number}"),
                    "type": OPARL + "Organization",
                    "body": body,
                    "name": name,
                }
            )
        for index in range(1, self.paper_count + 1):
            self._paper(index, body, organizations[index % 2][0], offices[index % 2][0])

    def _add(self, obj: dict) -> dict:
        self.objects[obj["id"]] = obj
        return obj

    def _paper(self, index: int, body: str, organization: str, office: str) -> None:
        start = START + timedelta(days=7 * index)
        moment = start.isoformat()
        # a meeting may lie ahead; a change never does
        stamp = min(start, LAST_CHANGE).isoformat()
        meeting = self._add(
            {
                "id": self.url(f"meeting/{index}"),
                "type": OPARL + "Meeting",
                "name": f"SR/{index:03d}/2024",
                "start": moment,
                "organization": [self.url(f"organization/{organization}")],
                "created": stamp,
                "modified": stamp,
            }
        )
        agenda_item = self._add(
            {
                "id": self.url(f"agendaitem/{index}"),
                "type": OPARL + "AgendaItem",
                "meeting": meeting["id"],
                "consultation": self.url(f"consultation/{index}"),
                "number": f"{index}",
                "order": index,
                "name": f"Vorlage {self.prefix}{index:04d}/24",
                # every fourth not public: imported as confidential
                "public": index % 4 != 0,
                "result": "Beschlossen" if index % 9 else "Vertagt",
                "resolutionText": RESOLUTION_TEXTS[index % len(RESOLUTION_TEXTS)],
                "created": stamp,
                "modified": stamp,
            }
        )
        # the meeting's opening: an agenda item without a paper
        opening = self._add(
            {
                "id": self.url(f"agendaitem/{index}-0"),
                "type": OPARL + "AgendaItem",
                "meeting": meeting["id"],
                "number": "0",
                "order": 0,
                "name": "Eröffnung der Sitzung",
                "public": True,
                "created": stamp,
                "modified": stamp,
            }
        )
        meeting["agendaItem"] = [opening, agenda_item]
        self.meetings.append(meeting)
        self.agenda_items.extend([opening, agenda_item])
        paper = self._add(
            {
                "id": self.url(f"paper/{index}"),
                "type": OPARL + "Paper",
                "body": body,
                "name": f"Beschluss Nummer {index}",
                "reference": f"{self.prefix}{index:04d}/24",
                "date": (START + timedelta(days=7 * index - 14)).date().isoformat(),
                "paperType": "Beschlussvorlage" if index % 5 else "Antrag",
                "underDirectionOf": [self.url(f"organization/{office}")],
                "consultation": [
                    {
                        "id": self.url(f"consultation/{index}"),
                        "type": OPARL + "Consultation",
                        "paper": self.url(f"paper/{index}"),
                        "agendaItem": agenda_item["id"],
                        "meeting": meeting["id"],
                        "organization": [self.url(f"organization/{organization}")],
                        "authoritative": True,
                        "role": "Entscheidung",
                    }
                ],
                "web": f"{self.base}/vo0050.asp?__kvonr={index}",
                "created": stamp,
                "modified": stamp,
            }
        )
        self._add(paper["consultation"][0])
        self.papers.append(paper)

    def change_paper(self, index: int, **changes) -> None:
        """Change a paper (and, for `resolutionText`, its agenda item) now."""
        paper = self.papers[index - 1]
        now = datetime.now(UTC).isoformat(timespec="microseconds")
        text = changes.pop("resolutionText", None)
        if text is not None:
            item = self.objects[paper["consultation"][0]["agendaItem"]]
            item.update(resolutionText=text, modified=now)
        paper.update(changes, modified=now)

    def change_agenda_item(self, index: int, **changes) -> None:
        """Change a paper's agenda item now, and only it: as council systems record
        a decision after the meeting, leaving the paper as it was."""
        self.agenda_item(index).update(
            changes, modified=datetime.now(UTC).isoformat(timespec="microseconds")
        )

    def move_meeting(self, index: int, start: datetime) -> None:
        """Move the meeting that decided the paper, and only it."""
        meeting = self.objects[self.papers[index - 1]["consultation"][0]["meeting"]]
        meeting.update(
            start=start.isoformat(),
            modified=datetime.now(UTC).isoformat(timespec="microseconds"),
        )

    def agenda_item(self, index: int) -> dict:
        return self.objects[self.papers[index - 1]["consultation"][0]["agendaItem"]]

    def break_object(self, url: str, how: str) -> None:
        """Serve `url` broken from now on: "json", "error" or "slow"."""
        self.broken[url] = how

    def paper_page(self, query: dict) -> dict:
        return self.list_page(self.papers, self.url("body/1/papers"), query)

    def list_page(self, objects: list[dict], base: str, query: dict) -> dict:
        """A page of a list, as OParl pages them; `modified_since` filters it."""
        since = query.get("modified_since", [None])[0]
        if since:
            objects = [o for o in objects if o["modified"] > since]
        page = int(query.get("page", ["1"])[0])
        pages = max(1, -(-len(objects) // PAGE_SIZE))
        chunk = objects[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        extra = f"&{urlencode({'modified_since': since})}" if since else ""
        links = {
            "first": f"{base}?page=1{extra}",
            "last": f"{base}?page={pages}{extra}",
        }
        if page < pages:
            links["next"] = f"{base}?page={page + 1}{extra}"
        if page > 1:
            links["prev"] = f"{base}?page={page - 1}{extra}"
        return {
            "data": chunk,
            "pagination": {
                "totalElements": len(objects),
                "elementsPerPage": PAGE_SIZE,
                "currentPage": page,
                "totalPages": pages,
            },
            "links": links,
        }

    def answer(self, url: str):
        parts = urlsplit(url)
        path = f"{self.base}{parts.path}"
        if path == self.url("bodies"):
            body = self.objects[self.url("body/1")]
            return {"data": [body], "pagination": {"totalElements": 1}, "links": {}}
        if path == self.url("body/1/papers"):
            return self.paper_page(parse_qs(parts.query))
        lists = {
            self.url("body/1/meetings"): self.meetings,
            self.url("body/1/agendaItems"): self.agenda_items,
        }
        if path in lists:
            return self.list_page(lists[path], path, parse_qs(parts.query))
        return self.objects.get(path)


class _Handler(BaseHTTPRequestHandler):
    system: OParlSystem

    def do_GET(self):
        system = self.system
        system.requests.append((self.path, self.headers.get("User-Agent", "")))
        how = system.broken.get(f"{system.base}{self.path}")
        if how == "slow":
            time.sleep(system.slow_seconds)
        if how and self.answered_otherwise(how):
            return
        found = system.answer(self.path)
        data = json.dumps(found, ensure_ascii=False).encode() if found else b""
        status = 200 if found else 404
        if how == "json":
            data = b'{"id": "broken'
        elif how == "error":
            status, data = 500, b"Internal Server Error"
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def answered_otherwise(self, how: str) -> bool:
        if how.startswith("redirect:"):
            self.send_response(302)
            self.send_header("Location", how.split(":", 1)[1])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return True
        if how == "busy":
            del self.system.broken[f"{self.system.base}{self.path}"]
            self.send_response(429)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return True
        if how == "deep":
            data = b"[" * 100_000
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return True
        if how == "drip":
            self.send_response(200)
            self.send_header("Content-Length", "40")
            self.end_headers()
            try:
                for _byte in range(40):  # 40 bytes over 4 seconds, bounded
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should
            return True
        return False

    def log_message(self, *args):
        pass


@contextmanager
def oparl_server(papers: int = PAPERS, prefix: str = "V"):
    """The system, served on a free port of 127.0.0.1 until the block ends."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    system = OParlSystem(f"http://127.0.0.1:{server.server_port}", papers, prefix)
    server.RequestHandlerClass = type("Handler", (_Handler,), {"system": system})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield system
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
