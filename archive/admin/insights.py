"""The query insights report: what people search for, and what finds nothing, with one-click fixes."""

from datetime import timedelta

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from archive.admin.readonly import ReadOnlyAdminMixin
from archive.models import SearchCount

PERIODS = (7, 30)
ROWS = 50


def top_queries(days: int, channel: str = "", *, zero_only: bool = False, limit: int = ROWS) -> list[dict]:
    """Queries of the last `days` days (today included), most searched first."""
    since = timezone.localdate() - timedelta(days=days - 1)
    counts = SearchCount.objects.filter(day__gte=since)
    if channel:
        counts = counts.filter(channel=channel)
    rows = counts.values("query").annotate(
        searches=Sum("searches"), zero_results=Sum("zero_results"), last_day=Max("day")
    )
    if zero_only:
        rows = rows.filter(zero_results__gt=0).order_by("-zero_results", "query")
    else:
        rows = rows.order_by("-searches", "query")
    return list(rows[:limit])


def fix_links(query: str) -> dict:
    return {
        "synonym_url": reverse("admin:archive_synonymgroup_add") + "?" + urlencode({"terms": query}),
        "promotion_url": reverse("admin:archive_promotion_add") + "?" + urlencode({"query": query}),
    }


@admin.register(SearchCount)
class SearchCountAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Search counts are written by the search itself; editors only read the report."""

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        days = int(request.GET["days"]) if request.GET.get("days") in {str(p) for p in PERIODS} else PERIODS[0]
        channel = request.GET.get("channel", "")
        if channel not in SearchCount.Channel.values:
            channel = ""
        tables = []
        for title, zero_only in (("Top queries", False), ("Queries that found nothing", True)):
            rows = top_queries(days, channel, zero_only=zero_only)
            for row in rows:
                row.update(fix_links(row["query"]))
            tables.append({"title": title, "rows": rows, "zero_only": zero_only})
        context = {
            **self.admin_site.each_context(request),
            "title": "Query insights",
            "opts": self.model._meta,
            "days": days,
            "channel": channel,
            "periods": PERIODS,
            "channels": [("", "All channels")] + list(SearchCount.Channel.choices),
            "tables": tables,
            "can_add_synonym": request.user.has_perm("archive.add_synonymgroup"),
            "can_add_promotion": request.user.has_perm("archive.add_promotion"),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/archive/searchcount/report.html", context)
