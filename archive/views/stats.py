"""Counts over the whole published archive, for the home, index and browse pages.

Each counts every published article, which at a million articles takes a second or more, so the
results are cached for a few minutes (ARCHIVE_SITE_CACHE_SECONDS): a new article shows in a listing at
once, and in these totals shortly after.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Min
from django.db.models.functions import ExtractMonth, ExtractYear

from archive.models import Article, Source, Tag


def _cached(key: str, compute):
    timeout = settings.ARCHIVE_SITE_CACHE_SECONDS
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def _published_tag_counts():
    return Tag.objects.filter(articles__in=Article.objects.published()).annotate(n=Count("articles"))


def archive_stats() -> dict:
    """Size of the archive and its most used tags and places."""

    def compute():
        published = Article.objects.published()
        span = published.aggregate(first=Min("listing_date"), last=Max("listing_date"), total=Count("id"))
        return {
            "articles": span["total"],
            "sources": Source.objects.filter(articles__in=published).distinct().count(),
            "first_year": span["first"].year if span["first"] else None,
            "last_year": span["last"].year if span["last"] else None,
            "top_tags": list(_published_tag_counts().exclude(kind=Tag.Kind.PLACE).order_by("-n", "name")[:24]),
            "top_places": list(_published_tag_counts().filter(kind=Tag.Kind.PLACE).order_by("-n", "name")[:16]),
        }

    return _cached("archive:site:stats", compute)


def tags_with_counts(*, kind: str | None = None, exclude_kind: str | None = None) -> list[Tag]:
    """Tags with at least one published article, by name, each with its count as `n`."""

    def compute():
        tags = _published_tag_counts()
        if kind:
            tags = tags.filter(kind=kind)
        if exclude_kind:
            tags = tags.exclude(kind=exclude_kind)
        return list(tags.order_by("name"))

    return _cached(f"archive:site:tags:{kind}:{exclude_kind}", compute)


def years() -> list[dict]:
    """[{"year", "count"}] of published articles by their listing date, oldest first."""

    def compute():
        return list(
            Article.objects.published()
            .annotate(year=ExtractYear("listing_date"))
            .values("year")
            .annotate(count=Count("id"))
            .order_by("year")
        )

    return _cached("archive:site:years", compute)


def months(year: int) -> list[dict]:
    """[{"month", "count"}] of published articles in `year`."""

    def compute():
        return list(
            Article.objects.published()
            .filter(listing_date__year=year)
            .annotate(month=ExtractMonth("listing_date"))
            .values("month")
            .annotate(count=Count("id"))
            .order_by("month")
        )

    return _cached(f"archive:site:months:{year}", compute)


def sources_with_counts() -> list[Source]:
    """Sources with at least one published article, by name, each with its count as `n`."""

    def compute():
        return list(
            Source.objects.filter(articles__in=Article.objects.published())
            .annotate(n=Count("articles"))
            .order_by("name")
        )

    return _cached("archive:site:sources", compute)
