"""GET @control-overview: the rows and totals of @@control-overview as JSON, with
the same filters as URL parameters (status, office, body, year, overdue,
due_within, text, sort_on, sort_order) and plone.restapi's batching (b_start,
b_size)."""

from bk.plone.overview.query import check_batching
from bk.plone.overview.query import Filters
from bk.plone.overview.query import InvalidFilter
from bk.plone.overview.query import row
from bk.plone.overview.query import search
from bk.plone.overview.query import totals
from bk.plone.services import bad_request
from datetime import date
from plone.restapi.batching import HypermediaBatch
from plone.restapi.services import Service
from zope.i18n import translate


class ControlOverviewGet(Service):
    def reply(self):
        try:
            filters = Filters.from_params(self.request.form)
            check_batching(self.request.form)
        except InvalidFilter as invalid:
            return bad_request(self.request, invalid.message)
        today = date.today()
        brains = search(self.context, filters, today)
        batch = HypermediaBatch(self.request, brains)
        result = {
            "@id": batch.canonical_url,
            "filters": filters.params(),
            "items_total": batch.items_total,
            "totals": totals(brains, today),
            "items": [
                row(brain, today, lambda m: translate(m, context=self.request))
                for brain in batch
            ],
        }
        if batch.links:
            result["batching"] = batch.links
        return result
