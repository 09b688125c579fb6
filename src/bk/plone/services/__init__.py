"""REST services of bk.plone (plone.restapi)."""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from zope.i18n import translate
from zope.interface import alsoProvides


def bad_request(request, message) -> dict:
    """A 400 answer in plone.restapi's error shape, the message translated."""
    request.response.setStatus(400)
    return {
        "error": {
            "type": "BadRequest",
            "message": translate(message, context=request),
        }
    }


def write_request_body(request):
    """The JSON body of a write request, or None when it is not JSON.

    As plone.restapi's own write services do, plone.protect's automatic CSRF check is
    off for it: a JSON request cannot be forged cross-site without CORS (the browser
    forms check their authenticator themselves)."""
    alsoProvides(request, IDisableCSRFProtection)
    try:
        return json_body(request)
    except DeserializationError:
        return None
