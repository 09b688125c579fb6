"""A proposal mails the mayor's office; an approval or a decline mails the proposer."""

from bk.plone import _
from bk.plone import logger
from bk.plone.content.status import transition_label
from bk.plone.notifications.mail import group_emails
from bk.plone.notifications.mail import say
from bk.plone.notifications.mail import send
from bk.plone.notifications.mail import user_email
from plone import api
from zope.i18nmessageid import Message


def _point_values(point, proposal) -> dict:
    resolution = point.__parent__
    return {
        "number": point.number,
        "paper": resolution.paper_reference,
        "title": resolution.title,
        "transition": say(transition_label(proposal["transition"])),
        "comment": proposal.get("comment") or "—",
        "decision": proposal.get("decision_comment") or "—",
        "url": point.absolute_url(),
        "worklist": f"{api.portal.get().absolute_url()}/@@approvals",
    }


def proposal_made(point, event) -> None:
    values = _point_values(point, event.proposal)
    subject = say(
        _(
            "mail_proposal_subject",
            default="Proposal for ${paper}, point ${number}: ${transition}",
            mapping=values,
        )
    )
    body = say(
        _(
            "mail_proposal_body",
            default="A change of state has been proposed and awaits your decision.\n\n"
            "Resolution: ${paper} – ${title}\nPoint: ${number}\n"
            "Proposed: ${transition}\nComment: ${comment}\n\n"
            "The point: ${url}\nThe worklist of the mayor's office: ${worklist}\n",
            mapping=values,
        )
    )
    _send(group_emails("mayors-office"), subject, body)


DECISION_MAIL = {
    "approved": (
        _("mail_approved_subject", default="Approved: ${paper}, point ${number}"),
        _(
            "mail_approved_body",
            default="The mayor's office has approved your proposal.\n\n"
            "Resolution: ${paper} – ${title}\nPoint: ${number}\n"
            "Proposed: ${transition}\nYour comment: ${comment}\n"
            "Comment of the mayor's office: ${decision}\n\nThe point: ${url}\n",
        ),
    ),
    "declined": (
        _("mail_declined_subject", default="Declined: ${paper}, point ${number}"),
        _(
            "mail_declined_body",
            default="The mayor's office has declined your proposal.\n\n"
            "Resolution: ${paper} – ${title}\nPoint: ${number}\n"
            "Proposed: ${transition}\nYour comment: ${comment}\n"
            "Reason of the mayor's office: ${decision}\n\nThe point: ${url}\n",
        ),
    ),
}


def proposal_decided(point, event) -> None:
    proposal = event.proposal
    values = _point_values(point, proposal)
    subject, body = DECISION_MAIL[proposal["status"]]
    _send(
        [user_email(proposal["proposer"])],
        say(Message(subject, mapping=values)),
        say(Message(body, mapping=values)),
    )


def _send(recipients, subject, body) -> None:
    # A mail that cannot be queued must not undo the decision it reports.
    try:
        send(recipients, subject, body)
    except Exception:
        logger.exception("Could not queue the mail %r", subject)
