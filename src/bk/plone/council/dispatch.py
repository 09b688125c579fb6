"""Issued letters and control lists that reach the council: mailed to the members
of the deciding body (its recipients group, by default `council`) after the
commit, with a link to the issued record, the PDF attached only to what is not
confidential (a setting); who sent it, when and to how many is kept on the record."""

from bk.plone import _
from bk.plone.content.control_list_report import IControlListReport
from bk.plone.interfaces import RefusedInput
from bk.plone.letter.schema import LetterSchemaError
from bk.plone.notifications.mail import can_send
from bk.plone.notifications.mail import group_emails
from bk.plone.notifications.mail import say
from bk.plone.notifications.mail import send
from datetime import datetime
from datetime import UTC
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api


DEFAULT_GROUP = "council"


class DispatchError(RefusedInput):
    """An issued record that cannot be sent."""


def recipients_group(body: str) -> str:
    """The group whose members a body's documents go to: the setting's
    "Body|group" line for it, else the council group."""
    lines = api.portal.get_registry_record("bk.plone.body_recipients", default=None)
    for line in lines or ():
        name, _bar, group = line.partition("|")
        if name.strip() == body and group.strip():
            return group.strip()
    return DEFAULT_GROUP


def recipients(body: str, report=None) -> list[str]:
    """The addresses of the body's recipients group; with `report`, only of those
    members who may read it in the site (nobody gets by mail what they may not see
    there)."""
    return sorted(set(group_emails(recipients_group(body), reads=report)))


def report_body(report) -> str:
    if IControlListReport.providedBy(report):
        return report.body
    return report.__parent__.body or ""


def is_confidential(report) -> bool:
    """What the record itself says: a letter marked confidential, a list with a
    confidential resolution in it. Unreadable data counts as confidential."""
    try:
        if IControlListReport.providedBy(report):
            return report.control_list.confidential
        return bool(report.letter.confidential)
    except (LetterSchemaError, ValueError, KeyError, TypeError):
        return True


def attaches_pdf(report) -> bool:
    setting = api.portal.get_registry_record(
        "bk.plone.dispatch_attach_pdf", default=True
    )
    return bool(setting) and not is_confidential(report) and report.pdf is not None


NO_MAIL_SERVER = _(
    "error_dispatch_no_mail",
    default="The site has no mail server: set one in the mail control panel.",
)


def body_dispatch_error(body: str, addresses: list[str]):
    """Why a new record of `body` could not be sent to `addresses` (the group's
    before the record exists), or None."""
    if not can_send():
        return NO_MAIL_SERVER
    if not addresses:
        return _(
            "error_dispatch_no_recipients",
            default='No member of the group "${group}" has an e-mail address.',
            mapping={"group": recipients_group(body)},
        )
    return None


def dispatch_error(report):
    """Why the record cannot be sent now (a message), or None."""
    if api.content.get_state(report, default=None) == "withdrawn":
        return _("error_dispatch_withdrawn", default="A withdrawn record is not sent.")
    if not can_send():
        return NO_MAIL_SERVER
    if not recipients(report_body(report), report):
        return _(
            "error_dispatch_no_readers",
            default='No member of the group "${group}" who may read it has an e-mail '
            "address.",
            mapping={"group": recipients_group(report_body(report))},
        )
    return None


def dispatch(report) -> dict:
    """Send the record to its body's members after the commit, and record it."""
    error = dispatch_error(report)
    if error is not None:
        raise DispatchError(error)
    addresses = recipients(report_body(report), report)
    attach = attaches_pdf(report)
    values = {
        "title": report.title,
        "body": report_body(report),
        "url": report.absolute_url(),
    }
    subject = say(
        _("mail_dispatch_subject", default="Issued: ${title}", mapping=values)
    )
    text = say(
        _(
            "mail_dispatch_text_attached",
            default="For the members of the ${body}:\n\n${title}\n\nThe document "
            "is attached; it is also kept in the intranet:\n${url}\n",
            mapping=values,
        )
        if attach
        else _(
            "mail_dispatch_text",
            default="For the members of the ${body}:\n\n${title}\n\nPlease read it "
            "in the intranet (after logging in):\n${url}\n",
            mapping=values,
        )
    )
    attachments = (
        ((report.pdf.filename, report.pdf.data, report.pdf.contentType),)
        if attach
        else ()
    )
    send(addresses, subject, text, attachments=attachments, undisclosed=True)
    record = PersistentMapping(
        at=datetime.now(UTC).isoformat(timespec="seconds"),
        by=api.user.get_current().getId(),
        recipients=len(addresses),
        group=recipients_group(report_body(report)),
        attached=attach,
    )
    if getattr(report, "dispatches", None) is None:
        report.dispatches = PersistentList()
    report.dispatches.append(record)
    return dict(record)


def dispatches(report) -> list[dict]:
    return [dict(record) for record in getattr(report, "dispatches", None) or ()]
