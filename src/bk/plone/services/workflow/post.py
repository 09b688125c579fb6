"""POST @workflow/<transition> on resolutions and control points."""

from bk.plone import _
from bk.plone.content.approvals import APPROVE_PERMISSION
from bk.plone.content.approvals import exit_transitions
from bk.plone.content.resolution import IResolution
from plone import api
from plone.restapi.services.workflow.transition import (
    WorkflowTransition as BaseWorkflowTransition,
)
from zope.i18n import translate


class WorkflowTransition(BaseWorkflowTransition):
    def reply(self):
        refusal = self.refusal()
        if refusal is not None:
            self.request.response.setStatus(400)
            return {
                "error": {
                    "type": "WorkflowException",
                    "message": translate(refusal, context=self.request),
                }
            }
        return super().reply()

    def refusal(self):
        transition = self.transition
        if transition is None:
            return None
        if transition not in exit_transitions(self.context):
            return _(
                "error_transition_unavailable",
                default='The transition "${transition}" is not possible from the current state.',
                mapping={"transition": transition},
            )
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
        if not api.user.has_permission(APPROVE_PERMISSION, obj=self.context):
            return _(
                "error_transition_needs_approval",
                default="Only the mayor's office changes states. Propose the change "
                "through @approvals instead.",
            )
        return None
