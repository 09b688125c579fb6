"""Sending through the site's MailHost, in the site's language."""

from bk.plone import logger
from bk.plone.letter.model import site_language
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr
from email.utils import formatdate
from email.utils import make_msgid
from plone import api
from zope.i18n import translate
from zope.sendmail.mailer import SMTPMailer

import transaction


def say(message) -> str:
    return translate(message, target_language=site_language())


def can_send() -> bool:
    """The mail control panel names a server and a sender (Plone's mailer takes
    both from the registry, not from the MailHost object)."""
    return bool(
        api.portal.get_registry_record("plone.smtp_host", default=None)
        and api.portal.get_registry_record("plone.email_from_address", default=None)
    )


def send(
    recipients: list[str],
    subject: str,
    body: str,
    attachments: tuple = (),
    undisclosed: bool = False,
) -> bool:
    """Send a mail once the transaction has committed; False when it cannot be sent.

    After the commit, not in it: a mail server that is down must not undo the
    proposal or decision the mail reports (MailHost's own transactional sending
    would fail the whole commit), and work that is rolled back sends nothing.

    `attachments`: (filename, data, MIME type) each. `undisclosed`: the recipients
    do not see each other's addresses (a mail to a whole council)."""
    recipients = sorted({r for r in recipients if r})
    if not recipients or not can_send():
        logger.info("Mail %r not sent: no recipient or no mail server", subject)
        return False
    sender = api.portal.get_registry_record("plone.email_from_address")
    name = api.portal.get_registry_record("plone.email_from_name", default="")
    # CRLF line ends, as SMTP wants them: servers hardened against SMTP smuggling
    # refuse the bare LF that MailHost's own rendering of a message sends.
    message = EmailMessage(policy=SMTP)
    message["Subject"] = subject
    message["From"] = formataddr((name, sender)) if name else sender
    message["To"] = "undisclosed-recipients:;" if undisclosed else ", ".join(recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(body)
    for filename, content, mime_type in attachments:
        maintype, _slash, subtype = mime_type.partition("/")
        message.add_attachment(
            content, maintype=maintype, subtype=subtype, filename=filename
        )
    data = message.as_bytes()

    def deliver(committed: bool) -> None:
        if not committed:
            return
        try:
            # Plone configures zope.sendmail's mailer from the mail control panel.
            SMTPMailer().send(sender, recipients, data)
        except Exception:
            logger.exception("Could not send the mail %r to %s", subject, recipients)

    transaction.get().addAfterCommitHook(deliver)
    return True


def user_email(user_id: str | None) -> str | None:
    if not user_id:
        return None
    user = api.user.get(userid=user_id)
    return user.getProperty("email") if user is not None else None


def group_emails(group_id: str, reads=None) -> list[str]:
    """The members' addresses; with `reads`, only of those who may View it."""
    try:
        users = api.user.get_users(groupname=group_id)
    except Exception:  # the group may be gone on a site set up by hand
        return []
    return [
        email
        for user in users
        if (email := user.getProperty("email"))
        and (reads is None or api.user.get_permissions(user=user, obj=reads)["View"])
    ]
