"""Site-wide refusals of requests no view should see.

Cross-site writes: plone.restapi turns plone.protect's token check off for its
services, trusting that a JSON body cannot be sent cross-site without CORS. A
"simple" request (text/plain, a form encoding) can be: a page elsewhere makes the
browser send it with the login cookie and no preflight. So a state-changing request
authenticated by cookie must come from the site's own origin (Origin, else Referer)
or an allowed one; an API request with neither header must carry a JSON body.
Basic credentials, which a browser may have cached, are checked against the origin
too; bearer tokens, which only the script holding them sends, pass.

Deep JSON: Python's parser answers nesting beyond its recursion limit with a
RecursionError (a 500 in every service, and in plone.restapi's login plugin); a body
nested beyond reason is refused with a 400, whatever content type it claims."""

from bk.plone import _
from bk.plone.interfaces import IBrowserLayer
from plone import api
from plone.rest.interfaces import IAPIRequest
from urllib.parse import urlsplit
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.i18n import translate

import re


UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
ALLOWED_ORIGINS_RECORD = "bk.plone.allowed_origins"
MAX_JSON_DEPTH = 64


def _origin(url: str | None) -> str | None:
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_origins(request) -> set[str]:
    configured = api.portal.get_registry_record(ALLOWED_ORIGINS_RECORD, default=None)
    return {
        origin
        for origin in (
            _origin(request.get("SERVER_URL")),
            _origin(api.portal.get().absolute_url()),
            *(_origin(url) for url in configured or ()),
        )
        if origin
    }


def _is_json(request) -> bool:
    content_type = (request.get_header("Content-Type") or "").split(";")[0].strip()
    return content_type.lower() == "application/json" or content_type.endswith("+json")


def _sent_by_browser_itself(request) -> bool:
    """Credentials a browser attaches on its own: the login cookies (no
    Authorization header) and Basic credentials it has cached. A bearer token is
    only ever sent by the script that holds it."""
    # Zope keeps the Authorization header in `_auth` and takes it out of the
    # environment (get_header no longer sees it).
    auth = request._auth or ""
    return not auth.lower().startswith("bearer ") and not api.user.is_anonymous()


def _writes_to_site(request) -> bool:
    """A state-changing request to a site with bk.plone installed (its layer)."""
    return request.get(
        "REQUEST_METHOD", "GET"
    ).upper() in UNSAFE_METHODS and IBrowserLayer.providedBy(request)


def _foreign(request, url: str) -> bool:
    if url.strip().lower() == "null":
        return True
    return _origin(url) not in allowed_origins(request)


def is_cross_site_write(request) -> bool:
    if not _writes_to_site(request) or not _sent_by_browser_itself(request):
        return False
    origin = request.get_header("Origin")
    if origin:
        return _foreign(request, origin)
    referer = request.get_header("Referer")
    if referer:
        return _foreign(request, referer)
    # Without either header: a browser form is left to plone.protect's token; an
    # API request by cookie must be JSON (which no foreign page sends without CORS).
    return (
        not request._auth and IAPIRequest.providedBy(request) and not _is_json(request)
    )


def refuse_cross_site_writes(event):
    request = event.request
    if is_cross_site_write(request):
        raise Forbidden(
            translate(
                _(
                    "error_cross_site_write",
                    default="This change was sent from another web site and has been "
                    "refused. Send it from this site, or as JSON with an "
                    "Authorization header.",
                ),
                context=request,
            )
        )


_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKET = re.compile(rb"[\[\]{}]")


def nesting_depth(body: bytes) -> int:
    """How deeply lists and objects nest in a JSON text, read without parsing it
    (so without recursion): brackets outside strings."""
    depth = deepest = 0
    for bracket in _BRACKET.findall(_JSON_STRING.sub(b"", body)):
        if bracket in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _too_deep(body: bytes) -> bool:
    if body.lstrip()[:1] not in (b"[", b"{"):
        return False
    # Counting brackets costs nothing; only a body that could nest this deep is read.
    if body.count(b"[") + body.count(b"{") <= MAX_JSON_DEPTH:
        return False
    return nesting_depth(body) > MAX_JSON_DEPTH


def refuse_deep_json(site, event):
    """On entering the site, before authentication: plone.restapi's token plugin
    parses a JSON body while it looks for credentials."""
    request = event.request
    if request.get("REQUEST_METHOD", "GET").upper() not in UNSAFE_METHODS:
        return
    body = request.get("BODY") or b""
    if isinstance(body, str):
        body = body.encode("utf-8", "surrogatepass")
    if _too_deep(body):
        raise BadRequest(
            translate(
                _(
                    "error_json_too_deep",
                    default="The JSON body nests lists or objects more than ${depth} "
                    "levels deep.",
                    mapping={"depth": MAX_JSON_DEPTH},
                ),
                context=request,
            )
        )
