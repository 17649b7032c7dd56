"""Browsing the archive by year and month of publication."""

import calendar
from datetime import UTC, datetime

from django.http import Http404
from django.shortcuts import render

from archive.models import Article
from archive.search.article_tags import attach_tags
from archive.views import stats
from archive.views.paging import paginate
from archive.views.photos import LISTED_PHOTOS


def _month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    start = datetime(year, month, 1, tzinfo=UTC)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=UTC)
    return start, end


def archive_index(request):
    return render(request, "archive/browse_index.html", {"years": stats.years(), "section": "browse"})


def _check_date(year: int, month: int = 1) -> None:
    # The URL converter takes any digits; dates outside Python's range are simply not in the archive.
    if not (1 <= year <= 9998 and 1 <= month <= 12):
        raise Http404("No such date.")


def archive_year(request, year: int):
    _check_date(year)
    months = stats.months(year)
    if not months:
        raise Http404("No published articles in this year.")
    for entry in months:
        entry["name"] = calendar.month_name[entry["month"]]
    context = {"year": year, "months": months, "total": sum(m["count"] for m in months), "section": "browse"}
    return render(request, "archive/browse_year.html", context)


def archive_month(request, year: int, month: int):
    _check_date(year, month)
    start, end = _month_bounds(year, month)
    articles = (
        Article.objects.published()
        .without_search_columns(keep=("tag_ids",))
        .filter(listing_date__gte=start, listing_date__lt=end)
        .select_related("source")
        .prefetch_related(LISTED_PHOTOS)
        # Within a month the archive reads as a chronicle: oldest first.
        .order_by("listing_date", "id")
    )
    page, pager = paginate(request, articles)
    if not page.paginator.count:
        raise Http404("No published articles in this month.")
    page.object_list = list(page.object_list)
    attach_tags(page.object_list)
    context = {
        "year": year,
        "month": month,
        "month_name": calendar.month_name[month],
        "page": page,
        "pager": pager,
        "section": "browse",
    }
    return render(request, "archive/browse_month.html", context)
