"""GET <folder>/@control-list?body=…&from=…&to=…&public=1: the committee's control
list as JSON, with what the reader may see (Anonymous: public resolutions only)."""

from bk.plone.council.control_list import build_control_list
from bk.plone.council.control_list import InvalidControlList
from bk.plone.council.control_list import period_from_params
from bk.plone.council.document import list_title
from bk.plone.services import bad_request
from plone.restapi.services import Service
from urllib.parse import urlencode


class ControlListGet(Service):
    def reply(self):
        try:
            period = period_from_params(self.context, self.request.form)
        except InvalidControlList as invalid:
            return bad_request(self.request, invalid.message)
        control_list = build_control_list(self.context, period)
        params = period.params()
        base = self.context.absolute_url()
        self.request.response.setHeader("Cache-Control", "private, no-cache")
        return {
            "@id": f"{base}/@control-list?{urlencode(params)}",
            "title": list_title(control_list),
            **control_list.to_json(),
            "totals": control_list.totals(),
            "documents": {
                extension: f"{base}/@@control-list.{extension}?{urlencode(params)}"
                for extension in ("pdf", "docx", "csv", "xlsx")
            },
        }
