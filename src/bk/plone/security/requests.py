"""Site-wide refusals of requests no view should see.

Cross-site writes: plone.restapi turns plone.protect's token check off for its
services, trusting that a JSON body cannot be sent cross-site without CORS. A
"simple" request (text/plain, a form encoding) can be: a page elsewhere makes the
browser send it with the login cookie and no preflight. So a state-changing request
authenticated by cookie must come from the site's own origin (Origin, else Referer)
or an allowed one; an API request with neither header must carry a JSON body.
Requests with an Authorization header (API clients: basic auth, bearer tokens) are
not sent by browsers on their own and pass.

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

import json


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


def _cookie_authenticated(request) -> bool:
    # Zope keeps the Authorization header in `_auth` and takes it out of the
    # environment (get_header no longer sees it).
    return not request._auth and not api.user.is_anonymous()


def _writes_to_site(request) -> bool:
    """A state-changing request to a site with bk.plone installed (its layer)."""
    return request.get(
        "REQUEST_METHOD", "GET"
    ).upper() in UNSAFE_METHODS and IBrowserLayer.providedBy(request)


def is_cross_site_write(request) -> bool:
    if not _writes_to_site(request):
        return False
    if not _cookie_authenticated(request):
        return False
    origin = request.get_header("Origin")
    if origin:
        return origin.strip().lower() == "null" or _origin(origin) not in (
            allowed_origins(request)
        )
    referer = request.get_header("Referer")
    if referer:
        return _origin(referer) not in allowed_origins(request)
    # Browser forms without either header are left to plone.protect's token.
    return IAPIRequest.providedBy(request) and not _is_json(request)


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


def json_depth(value) -> int:
    """How deeply lists and objects nest in a parsed JSON value (without recursion)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


def _too_deep(body: bytes) -> bool:
    # Counting brackets costs nothing; only a body that could nest this deep is parsed.
    if body.count(b"[") + body.count(b"{") <= MAX_JSON_DEPTH:
        return False
    try:
        return json_depth(json.loads(body)) > MAX_JSON_DEPTH
    except RecursionError:
        return True
    except ValueError:
        return False  # not JSON: the service answers for itself


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def refuse_deep_json(site, event):
    """On entering the site, before authentication: plone.restapi's token plugin
    parses a JSON body while it looks for credentials."""
    request = event.request
    if request.get("REQUEST_METHOD", "GET").upper() not in UNSAFE_METHODS:
        return
    content_type = (request.get_header("Content-Type") or "").lower()
    if content_type.startswith(FORM_TYPES):
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
