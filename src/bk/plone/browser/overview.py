"""@@control-overview on the site or any folder, with its CSV and XLSX exports."""

from babel.dates import format_date
from bk.plone import _
from bk.plone.browser.feeds import feed_addresses
from bk.plone.content.status import POINT_STATES
from bk.plone.content.status import status_label
from bk.plone.overview.export import COLUMNS
from bk.plone.overview.export import table
from bk.plone.overview.export import to_csv
from bk.plone.overview.export import to_xlsx
from bk.plone.overview.query import Filters
from bk.plone.overview.query import InvalidFilter
from bk.plone.overview.query import row
from bk.plone.overview.query import search
from bk.plone.overview.query import SORTS
from bk.plone.overview.query import totals
from datetime import date
from plone.batching import Batch
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.component import getUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory


class OverviewBase(BrowserView):
    error = None

    def filters(self) -> Filters:
        try:
            return Filters.from_params(self.request.form)
        except InvalidFilter as invalid:
            self.error = invalid.message
            self.request.response.setStatus(400)
            return Filters()

    def translate(self, message) -> str:
        return translate(message, context=self.request)

    def all_rows(self, filters: Filters) -> list[dict]:
        today = date.today()
        return [row(b, today, self.translate) for b in search(self.context, filters)]


class ControlOverview(OverviewBase):
    def update(self):
        self.current = self.filters()
        self.today = date.today()
        self.brains = search(self.context, self.current, self.today)
        self.totals = totals(self.brains, self.today)
        size = 50
        try:
            start = max(0, int(self.request.form.get("b_start", 0)))
        except (TypeError, ValueError):
            start = 0
        self.batch = Batch(self.brains, size, start)
        self.rows = [row(b, self.today, self.translate) for b in self.batch]

    def __call__(self):
        self.update()
        return self.index()

    def url(self, **changes) -> str:
        params = {**self.current.params(), **changes}
        params = {k: v for k, v in params.items() if v not in ("", None)}
        base = f"{self.context.absolute_url()}/@@control-overview"
        return f"{base}?{urlencode(params)}" if params else base

    def new_label(self):
        return _("overview_new_mark", default="new letter since your last visit")

    def new_since_template(self):
        # {count} is filled in the browser, which alone knows the last visit
        return _(
            "overview_new_since",
            default="Resolutions with a new letter since your last visit: {count}",
        )

    def feeds(self) -> dict:
        return feed_addresses(self.context)

    def export_url(self, extension: str) -> str:
        query = urlencode(self.current.params())
        base = f"{self.context.absolute_url()}/@@control-overview.{extension}"
        return f"{base}?{query}" if query else base

    def sort_url(self, column: str) -> str:
        descending = self.current.sort_on == column and (
            self.current.sort_order == "ascending"
        )
        return self.url(
            sort_on=column, sort_order="descending" if descending else "", b_start=""
        )

    def sort_mark(self, column: str) -> str:
        if self.current.sort_on != column:
            return "none"
        return self.current.sort_order

    def sortable(self):
        return list(SORTS)

    def column_title(self, column: str):
        return dict(COLUMNS)[column if column != "status" else "status_title"]

    def date_text(self, value: str | None) -> str:
        if not value:
            return ""
        return format_date(date.fromisoformat(value), format="medium", locale="de")

    def statuses(self):
        return [
            {"value": s, "title": self.translate(status_label(s))} for s in POINT_STATES
        ]

    def choices(self, vocabulary: str):
        factory = getUtility(IVocabularyFactory, vocabulary)
        return [term.value for term in factory(self.context)]

    def bar(self, points: dict) -> list[dict]:
        """The traffic light: a segment per state, as wide as its share."""
        total = sum(points.values()) or 1
        return [
            {
                "state": state,
                "count": points[state],
                "width": round(100 * points[state] / total, 1),
            }
            for state in ("fulfilled", "in_progress", "open", "superseded")
            if points.get(state)
        ]

    def delay_mark(self, numbers: list[str]) -> str:
        """ "Point 2 overdue without reason" (or "Points 1, 2 …")."""
        message = (
            _(
                "overview_unexplained_delay",
                default="point ${numbers} overdue without reason",
                mapping={"numbers": numbers[0]},
            )
            if len(numbers) == 1
            else _(
                "overview_unexplained_delays",
                default="points ${numbers} overdue without reason",
                mapping={"numbers": ", ".join(numbers)},
            )
        )
        return self.translate(message)

    def bar_label(self, points: dict) -> str:
        if points.get("superseded"):
            return self.translate(
                _(
                    "overview_bar_label_superseded",
                    default="${fulfilled} fulfilled, ${in_progress} in progress, "
                    "${open} open, ${superseded} superseded",
                    mapping=points,
                )
            )
        return self.translate(
            _(
                "overview_bar_label",
                default="${fulfilled} fulfilled, ${in_progress} in progress, "
                "${open} open",
                mapping=points,
            )
        )


class ControlOverviewExport(OverviewBase):
    extension = ""

    def __call__(self):
        filters = self.filters()
        if self.error:
            return self.translate(self.error)
        lines = table(self.all_rows(filters), self.translate)
        data, content_type = self.render(lines)
        name = f"Beschlusskontrolle_{date.today().isoformat()}.{self.extension}"
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        response.setHeader("Content-Disposition", f'attachment; filename="{name}"')
        response.setHeader("Content-Length", str(len(data)))
        return data


class ControlOverviewCSV(ControlOverviewExport):
    extension = "csv"

    def render(self, lines):
        return to_csv(lines), "text/csv; charset=utf-8"


class ControlOverviewXLSX(ControlOverviewExport):
    extension = "xlsx"

    def render(self, lines):
        title = self.translate(_("overview_title", default="Control overview"))
        return (
            to_xlsx(lines, title),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
