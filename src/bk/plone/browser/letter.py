"""@@letter: the letter of a resolution, for reading in the intranet and printing on A4."""

from bk.plone.letter.model import build_letter
from datetime import date
from Products.Five.browser import BrowserView


def parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


class LetterView(BrowserView):
    def letter(self):
        form = self.request.form
        return build_letter(
            self.context,
            letter_date=parse_date(form.get("date")),
            next_control_date=parse_date(form.get("next_control_date")),
        )
