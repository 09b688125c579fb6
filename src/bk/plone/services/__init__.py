"""REST services of bk.plone (plone.restapi)."""

from zope.i18n import translate


def bad_request(request, message) -> dict:
    """A 400 answer in plone.restapi's error shape, the message translated."""
    request.response.setStatus(400)
    return {
        "error": {
            "type": "BadRequest",
            "message": translate(message, context=request),
        }
    }
