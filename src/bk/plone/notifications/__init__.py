"""Mail: reminders to the responsible offices, and proposals and decisions to whom
they concern. Mail leaves through the site's MailHost when the transaction commits,
so nothing is sent for work that is rolled back."""
