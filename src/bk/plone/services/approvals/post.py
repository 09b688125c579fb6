"""POST @approvals: propose, approve or decline a transition of a control point.

Body: {"action": "propose"|"approve"|"decline", "transition": "...", "comment": "...",
"uid": "<point UID, when the context is not the point>", "proposal": "<id, optional>",
"superseded_by": "<the later paper, for a proposed supersede>"}.
"""

from bk.plone import _
from bk.plone.content import approvals
from bk.plone.content.control_point import IControlPoint
from bk.plone.interfaces import ApprovalError
from bk.plone.services import bad_request
from bk.plone.services import write_request_body
from plone.restapi.services import Service


class ApprovalsPost(Service):
    def reply(self):
        data = write_request_body(self.request)
        if not isinstance(data, dict):
            return self._bad_request(
                _(
                    "error_json_object",
                    default="The request body must be a JSON object.",
                )
            )
        fields = {
            key: data.get(key) or ""
            for key in ("action", "transition", "comment", "superseded_by")
        }
        if not all(isinstance(value, str) for value in fields.values()):
            return self._bad_request(
                _(
                    "error_text_fields",
                    default="action, transition, comment and superseded_by are texts.",
                )
            )
        if not all(
            isinstance(data.get(key), str | None) for key in ("proposal", "uid")
        ):
            return self._bad_request(
                _("error_ids_are_texts", default="uid and proposal are texts.")
            )
        point = (
            self.context
            if IControlPoint.providedBy(self.context)
            else approvals.find_point(data.get("uid") or "")
        )
        if point is None:
            return self._bad_request(
                _("error_no_point", default="No control point with this UID.")
            )
        try:
            result = approvals.perform(
                point, proposal_id=data.get("proposal") or None, **fields
            )
        except ApprovalError as error:
            return self._bad_request(error.message)
        return {"@id": f"{point.absolute_url()}/@approvals", "proposal": result}

    def _bad_request(self, message):
        return bad_request(self.request, message)
