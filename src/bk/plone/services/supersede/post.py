"""POST <resolution>/@supersede: a later paper repealed or replaced the resolution
(mayor's office). Body: {"superseded_by": "V0815/22", "comment": "..."}; every open
and in-progress point is superseded. Answers the superseded points' numbers."""

from bk.plone import _
from bk.plone.content.approvals import supersede_resolution
from bk.plone.interfaces import ApprovalError
from bk.plone.services import bad_request
from bk.plone.services import write_request_body
from plone.restapi.services import Service


class SupersedePost(Service):
    def reply(self):
        data = write_request_body(self.request)
        if not isinstance(data, dict):
            return bad_request(
                self.request,
                _(
                    "error_json_object",
                    default="The request body must be a JSON object.",
                ),
            )
        superseded_by, comment = data.get("superseded_by"), data.get("comment") or ""
        if not isinstance(superseded_by, str) or not isinstance(comment, str):
            return bad_request(
                self.request,
                _(
                    "error_supersede_fields",
                    default="superseded_by (the later paper) and comment are texts.",
                ),
            )
        try:
            points = supersede_resolution(self.context, superseded_by, comment)
        except ApprovalError as error:
            return bad_request(self.request, error.message)
        return {
            "@id": f"{self.context.absolute_url()}/@supersede",
            "superseded_by": superseded_by.strip(),
            "points": [point.number for point in points],
        }
