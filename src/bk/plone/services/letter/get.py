"""GET @letter: the letter data of a resolution, the same structure @@letter renders.

Optional query parameters: date and next_control_date (ISO dates)."""

from bk.plone.letter.model import build_letter
from bk.plone.letter.model import parse_date
from plone.restapi.services import Service


class LetterGet(Service):
    def reply(self):
        form = self.request.form
        letter = build_letter(
            self.context,
            letter_date=parse_date(form.get("date")),
            next_control_date=parse_date(form.get("next_control_date")),
        )
        return {"@id": f"{self.context.absolute_url()}/@letter", **letter.to_json()}
