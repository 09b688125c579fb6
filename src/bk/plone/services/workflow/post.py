"""POST @workflow/<transition>: plone.restapi's service, with a clear message for
each transition refused (plone.restapi's own leaves "${action_id}" unfilled), and
the Beschlusskontrolle's rules for resolutions, points and issued reports."""

from bk.plone import _
from bk.plone.content.approvals import exit_transitions
from bk.plone.content.control_list_report import IControlListReport
from bk.plone.content.control_point import IControlPoint
from bk.plone.content.control_report import IControlReport
from bk.plone.content.resolution import IResolution
from bk.plone.interfaces import APPROVE_PERMISSION
from bk.plone.letter.issue import withdraw_reason_error
from bk.plone.services import write_request_body
from plone import api
from plone.restapi.services.workflow.transition import (
    WorkflowTransition as BaseWorkflowTransition,
)
from zope.i18n import translate


ISSUE_PERMISSION = "bk.plone: Issue letter"


class WorkflowTransition(BaseWorkflowTransition):
    def reply(self):
        body = write_request_body(self.request)
        refusal = self.refusal(body)
        if refusal is not None:
            self.request.response.setStatus(400)
            return {
                "error": {
                    "type": "WorkflowException",
                    "message": translate(refusal, context=self.request),
                }
            }
        return super().reply()

    def refusal(self, body):
        if not isinstance(body, dict):
            return _(
                "error_json_object", default="The request body must be a JSON object."
            )
        if not isinstance(body.get("comment", ""), str):
            return _("error_comment_text", default="The comment must be a text.")
        transition = self.transition
        if transition is None:
            return None
        if transition not in exit_transitions(self.context):
            return _(
                "error_transition_unavailable",
                default='The transition "${transition}" is not possible from the current state.',
                mapping={"transition": transition},
            )
        if IControlReport.providedBy(self.context) or IControlListReport.providedBy(
            self.context
        ):
            return self.report_refusal(transition, body) or self.guard_refusal()
        if not (
            IResolution.providedBy(self.context)
            or IControlPoint.providedBy(self.context)
        ):
            return self.guard_refusal()
        if (
            IResolution.providedBy(self.context)
            and transition == "publish"
            and self.context.confidential
        ):
            return _(
                "error_publish_confidential",
                default="A confidential resolution cannot be published. Clear "
                '"Confidential" first.',
            )
        if (
            transition == "supersede"
            and IControlPoint.providedBy(self.context)
            and not (getattr(self.context, "superseded_by", "") or "").strip()
        ):
            return _(
                "error_supersede_needs_paper",
                default="Name the later paper first: set the point's superseded_by, "
                "or supersede through @approvals or the resolution's @supersede.",
            )
        if not api.user.has_permission(APPROVE_PERMISSION, obj=self.context):
            return _(
                "error_transition_needs_approval",
                default="Only the mayor's office changes states. Propose the change "
                "through @approvals instead.",
            )
        return None

    def guard_refusal(self):
        allowed = {t["id"] for t in self.wftool.getTransitionsFor(self.context)}
        if self.transition in allowed:
            return None
        return _(
            "error_transition_not_allowed",
            default='You may not perform the transition "${transition}" here.',
            mapping={"transition": self.transition},
        )

    def report_refusal(self, transition, body):
        if not api.user.has_permission(ISSUE_PERMISSION, obj=self.context):
            return _(
                "error_withdraw_office_only",
                default="Only the mayor's office withdraws an issued report.",
            )
        if transition == "withdraw":
            return withdraw_reason_error(body.get("comment"))
        return None
