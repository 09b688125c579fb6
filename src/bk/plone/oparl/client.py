"""Reading an OParl system over HTTP: one object or a paged list at a time, with a
timeout and a retry limit per request, only http(s), and a User-Agent that says
who asks. Every failure is a FetchError naming the URL it concerns."""

from bk.plone import _
from bk.plone.interfaces import RefusedInput
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version
from urllib.parse import parse_qsl
from urllib.parse import urlencode
from urllib.parse import urlsplit
from urllib.parse import urlunsplit

import json
import requests
import time


CONNECT_TIMEOUT = 5
READ_TIMEOUT = 30
RETRIES = 2  # after the first attempt: three in all
BACKOFF = 0.5  # seconds, doubled after each retry
MOST_PAGES = 1000  # of one list: a list that never ends is a broken server
MOST_BYTES = 20 * 1024 * 1024


def user_agent() -> str:
    try:
        own = version("bk.plone")
    except PackageNotFoundError:  # pragma: no cover - a source tree without metadata
        own = "dev"
    return f"bk.plone/{own} (Beschlusskontrolle; OParl import) requests/{requests.__version__}"


class FetchError(RefusedInput):
    """An OParl object that cannot be read; `url` is the object's address."""

    def __init__(self, message, url: str):
        super().__init__(message)
        self.url = url


def check_url(url: str) -> str:
    """The URL itself, or a FetchError for anything but an absolute http(s) URL."""
    parts = urlsplit(url.strip()) if isinstance(url, str) else None
    if (
        parts is None
        or parts.scheme.lower() not in ("http", "https")
        or not parts.netloc
    ):
        raise FetchError(
            _(
                "oparl_error_scheme",
                default="Only http and https addresses are read: ${url}",
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


class OParlClient:
    """Reads OParl objects; `session` for tests of connection handling only."""

    def __init__(
        self,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
        retries: int = RETRIES,
        backoff: float = BACKOFF,
        session: requests.Session | None = None,
    ):
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.session = session or requests.Session()
        self.session.headers.update(
            {"User-Agent": user_agent(), "Accept": "application/json"}
        )
        self.cache: dict[str, dict] = {}

    def get(self, url: str) -> dict:
        """The JSON object at `url` (read once per client)."""
        url = check_url(url)
        if url not in self.cache:
            self.cache[url] = self._get(url)
        return self.cache[url]

    def _get(self, url: str) -> dict:
        for attempt in range(self.retries + 1):
            try:
                response = self.session.get(url, timeout=self.timeout, stream=True)
            except requests.Timeout as error:
                problem = _timeout(url, error)
            except requests.RequestException as error:
                problem = _unreachable(url, error)
            else:
                if response.status_code < 500:
                    return _json_object(url, response)
                problem = _http_error(url, response.status_code)
            if attempt < self.retries:
                time.sleep(self.backoff * 2**attempt)
        raise problem

    def pages(self, url: str) -> Iterator[tuple[str, list]]:
        """(page URL, its `data`) for every page of a paged list, by `links.next`."""
        seen = set()
        while url and len(seen) < MOST_PAGES:
            if url in seen:
                return  # a `next` that points back: the list has ended
            seen.add(url)
            page = self._get(check_url(url))
            data = page.get("data")
            if not isinstance(data, list):
                raise FetchError(_not_a_list(url), url)
            yield url, data
            links = page.get("links")
            url = links.get("next") if isinstance(links, dict) else None


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
    )


def _not_a_list(url: str):
    return _(
        "oparl_error_not_a_list",
        default="${url} is not an OParl list (it has no data).",
        mapping={"url": url},
    )


def _json_object(url: str, response) -> dict:
    if response.status_code >= 400:
        raise _http_error(url, response.status_code)
    content = response.raw.read(MOST_BYTES + 1, decode_content=True)
    response.close()
    if len(content) > MOST_BYTES:
        raise FetchError(
            _(
                "oparl_error_too_large",
                default="${url} answered with more than ${size} MB.",
                mapping={"url": url, "size": MOST_BYTES // (1024 * 1024)},
            ),
            url,
        )
    try:
        data = json.loads(content)  # bytes: UTF-8 (or -16/-32), as RFC 8259 asks
    except (ValueError, UnicodeDecodeError):
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
