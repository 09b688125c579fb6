"""GET @approvals: the open proposals below the context (the mayor's office worklist);
on a control point also its whole proposal history."""

from bk.plone.content import approvals
from bk.plone.content.control_point import IControlPoint
from bk.plone.overview.worklist import worklist
from plone.restapi.services import Service


class ApprovalsGet(Service):
    def reply(self):
        result = {
            "@id": f"{self.context.absolute_url()}/@approvals",
            "items": worklist(self.context),
        }
        if IControlPoint.providedBy(self.context):
            result["history"] = approvals.proposals(self.context)
            result["transitions"] = list(approvals.exit_transitions(self.context))
        result["items_total"] = len(result["items"])
        return result
