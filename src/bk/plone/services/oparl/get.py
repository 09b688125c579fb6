"""GET <resolution>/@oparl: the resolution as an OParl 1.1 Paper with its control
status (`bk:` keys). GET <folder>/@oparl-papers?page=N: the folder's resolutions
as an OParl list (`data`, `pagination`, `links`), as the reader may see them."""

from bk.plone import _
from bk.plone.oparl.paper import paper
from bk.plone.oparl.paper import papers_page
from bk.plone.services import bad_request
from plone.restapi.services import Service
from urllib.parse import urlencode


PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class OParlPaperGet(Service):
    def reply(self):
        self.request.response.setHeader("Cache-Control", "private, no-cache")
        return paper(self.context)


class OParlPapersGet(Service):
    def reply(self):
        try:
            page = _number(self.request.form.get("page", "1"), 1, 10**6)
            size = _number(
                self.request.form.get("limit", str(PAGE_SIZE)), 1, MAX_PAGE_SIZE
            )
        except ValueError:
            return bad_request(
                self.request,
                _(
                    "error_oparl_paging",
                    default="page and limit are positive whole numbers (limit at "
                    "most ${max}).",
                    mapping={"max": MAX_PAGE_SIZE},
                ),
            )
        data, total = papers_page(self.context, page, size)
        pages = max(1, -(-total // size))
        base = f"{self.context.absolute_url()}/@oparl-papers"

        def link(number: int) -> str:
            return f"{base}?{urlencode({'page': number, 'limit': size})}"

        links = {"first": link(1), "last": link(pages)}
        if page > 1:
            links["prev"] = link(min(page - 1, pages))
        if page < pages:
            links["next"] = link(page + 1)
        self.request.response.setHeader("Cache-Control", "private, no-cache")
        return {
            "data": data,
            "pagination": {
                "totalElements": total,
                "elementsPerPage": size,
                "currentPage": page,
                "totalPages": pages,
            },
            "links": links,
        }


def _number(value, low: int, high: int) -> int:
    if not isinstance(value, str) or not value.strip().isdigit():
        raise ValueError(value)
    number = int(value)
    if not low <= number <= high:
        raise ValueError(value)
    return number
