"""Reading an OParl system over HTTP: one object or a paged list at a time, with a
timeout and a retry limit per request, only http(s), and a User-Agent that says
who asks. Every failure is a FetchError naming the URL it concerns."""

from bk.plone import _
from bk.plone.content.resolution import web_parts
from bk.plone.interfaces import RefusedInput
from collections.abc import Iterator
from contextlib import closing
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version
from urllib.parse import parse_qsl
from urllib.parse import urlencode
from urllib.parse import urljoin
from urllib.parse import urlsplit
from urllib.parse import urlunsplit

import json
import requests
import time
import urllib3


CONNECT_TIMEOUT = 5
READ_TIMEOUT = 30
RETRIES = 2  # after the first attempt: three in all
BACKOFF = 0.5  # seconds, doubled after each retry
MOST_PAGES = 1000  # of one list: a list that never ends is a broken server
MOST_BYTES = 20 * 1024 * 1024
DEADLINE = 120  # seconds for one answer, however slowly it comes
MOST_REDIRECTS = 3


def user_agent() -> str:
    try:
        own = version("bk.plone")
    except PackageNotFoundError:  # pragma: no cover - a source tree without metadata
        own = "dev"
    return f"bk.plone/{own} (Beschlusskontrolle; OParl import) requests/{requests.__version__}"


class FetchError(RefusedInput):
    """An OParl object that cannot be read; `url` is the object's address, `status`
    the HTTP status the server answered with, if it answered."""

    def __init__(self, message, url: str, status: int | None = None):
        super().__init__(message)
        self.url = url
        self.status = status


def check_url(url: str) -> str:
    """The URL itself, or a FetchError for anything but an absolute http(s) URL."""
    scheme = url.strip().partition(":")[0].lower() if isinstance(url, str) else ""
    if scheme not in ("http", "https"):
        raise FetchError(
            _(
                "oparl_error_scheme",
                default="Only http and https addresses are read: ${url}",
                mapping={"url": str(url)[:200]},
            ),
            str(url),
        )
    if web_parts(url) is None:
        raise FetchError(
            _(
                "oparl_error_address",
                default="${url} is not a valid address.",
                mapping={"url": str(url)[:200]},
            ),
            str(url),
        )
    return url.strip()


def with_query(url: str, **params) -> str:
    """The URL with these query parameters set (others kept)."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update({key: value for key, value in params.items() if value is not None})
    return urlunsplit(parts._replace(query=urlencode(query)))


class _Retry(Exception):
    """A failure worth asking again (server error, timeout, broken connection)."""

    def __init__(self, error: FetchError):
        super().__init__(error)
        self.error = error


class OParlClient:
    """Reads OParl objects; `session` for tests of connection handling only.

    `restrict_to(url)` keeps every later request on that address's server: a
    council system's links, lists and redirects lead nowhere else."""

    def __init__(
        self,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
        retries: int = RETRIES,
        backoff: float = BACKOFF,
        session: requests.Session | None = None,
        deadline: float = DEADLINE,
    ):
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.deadline = deadline
        self.session = session or requests.Session()
        self.session.headers.update(
            {"User-Agent": user_agent(), "Accept": "application/json"}
        )
        self.cache: dict[str, dict] = {}
        self.server: str | None = None

    def restrict_to(self, url: str) -> None:
        self.server = _server(check_url(url))

    def checked(self, url) -> str:
        url = check_url(url)
        if self.server is not None and _server(url) != self.server:
            raise FetchError(
                _(
                    "oparl_error_server",
                    default="${url} is on another server than the council "
                    "information system (${server}); it is not read.",
                    mapping={"url": url, "server": self.server},
                ),
                url,
            )
        return url

    def get(self, url: str) -> dict:
        """The JSON object at `url` (read once per client)."""
        url = self.checked(url)
        if url not in self.cache:
            self.cache[url] = self._get(url)
        return self.cache[url]

    def _get(self, url: str) -> dict:
        problem = None
        for attempt in range(self.retries + 1):
            try:
                return _json_object(url, self._content(url))
            except _Retry as retry:
                problem = retry.error
            if attempt < self.retries:
                time.sleep(self.backoff * 2**attempt)
        raise problem

    def _content(self, url: str, redirects: int = 0) -> bytes:
        try:
            response = self.session.get(
                url, timeout=self.timeout, stream=True, allow_redirects=False
            )
        except requests.Timeout as error:
            raise _Retry(_timeout(url, error)) from error
        except requests.RequestException as error:
            raise _Retry(_unreachable(url, error)) from error
        with closing(response):
            if response.is_redirect and redirects < MOST_REDIRECTS:
                target = self.checked(urljoin(url, response.headers["Location"]))
            elif response.status_code >= 500 or response.status_code == 429:
                raise _Retry(_http_error(url, response.status_code))
            elif response.status_code >= 300:
                raise _http_error(url, response.status_code)
            else:
                return self._read(url, response)
        return self._content(target, redirects + 1)

    def _read(self, url: str, response) -> bytes:
        """The body, at most MOST_BYTES, within the deadline (a server that sends a
        byte now and then stays within each read's timeout)."""
        started, content = time.monotonic(), bytearray()
        try:
            for chunk in response.raw.stream(64 * 1024, decode_content=True):
                content += chunk
                if len(content) > MOST_BYTES:
                    raise _too_large(url)
                if time.monotonic() - started > self.deadline:
                    raise _Retry(_timeout(url, None))
        except urllib3.exceptions.ReadTimeoutError as error:
            raise _Retry(_timeout(url, error)) from error
        except (urllib3.exceptions.HTTPError, requests.RequestException, OSError) as e:
            raise _Retry(_unreachable(url, e)) from e
        return bytes(content)

    def pages(self, url: str) -> Iterator[tuple[str, list]]:
        """(page URL, its `data`) for every page of a paged list, by `links.next`."""
        seen = set()
        while url:
            if url in seen:
                return  # a `next` that points back: the list has ended
            if len(seen) >= MOST_PAGES:
                raise FetchError(_too_many_pages(url), url)
            seen.add(url)
            page = self._get(self.checked(url))  # pages are read once: not kept
            data = page.get("data")
            if not isinstance(data, list):
                raise FetchError(_not_a_list(url), url)
            yield url, data
            links = page.get("links")
            following = links.get("next") if isinstance(links, dict) else None
            url = following if isinstance(following, str) and following else None


def same_server(url: str, other: str) -> bool:
    return _server(url) == _server(other)


def _server(url: str) -> str:
    """host:port, http and https of one host counted as one server."""
    parts = web_parts(url) or urlsplit("")
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    host = (parts.hostname or "").lower()
    return f"{host}:{port}" if port not in (80, 443) else host


def _too_many_pages(url: str):
    return _(
        "oparl_error_too_many_pages",
        default="${url}: the list has more than ${pages} pages; it was not read "
        "to its end.",
        mapping={"url": url, "pages": MOST_PAGES},
    )


def _too_large(url: str) -> FetchError:
    return FetchError(
        _(
            "oparl_error_too_large",
            default="${url} answered with more than ${size} MB.",
            mapping={"url": url, "size": MOST_BYTES // (1024 * 1024)},
        ),
        url,
    )


def _timeout(url: str, error) -> FetchError:
    return FetchError(
        _(
            "oparl_error_timeout",
            default="${url} did not answer in time.",
            mapping={"url": url},
        ),
        url,
    )


def _unreachable(url: str, error) -> FetchError:
    return FetchError(
        _(
            "oparl_error_unreachable",
            default="${url} cannot be reached (${reason}).",
            mapping={"url": url, "reason": type(error).__name__},
        ),
        url,
    )


def _http_error(url: str, status: int) -> FetchError:
    return FetchError(
        _(
            "oparl_error_http",
            default="${url} answered with HTTP status ${status}.",
            mapping={"url": url, "status": status},
        ),
        url,
        status,
    )


def _not_a_list(url: str):
    return _(
        "oparl_error_not_a_list",
        default="${url} is not an OParl list (it has no data).",
        mapping={"url": url},
    )


def _json_object(url: str, content: bytes) -> dict:
    try:
        data = json.loads(content)  # bytes: UTF-8 (or -16/-32), as RFC 8259 asks
    except (ValueError, UnicodeDecodeError, RecursionError):
        data = None
    if not isinstance(data, dict):
        raise FetchError(
            _(
                "oparl_error_json",
                default="${url} did not answer with a JSON object.",
                mapping={"url": url},
            ),
            url,
        )
    return data
