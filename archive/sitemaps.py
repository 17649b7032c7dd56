"""sitemap.xml: every published article, and the tag, place and source pages that list them."""

import functools

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.views.decorators.cache import cache_page

from archive.models import Article, ChangeEvent, Source, Tag

CACHE_SECONDS = 3600


def cached_until_public_view_changes(view):
    """Cache a sitemap page for an hour, or until public view changes (an embargo released by the
    minute job included): the key carries the change feed's generation, read from the database so
    every web process sees the change, whatever its cache."""

    @functools.wraps(view)
    def cached(request, *args, **kwargs):
        prefix = f"sitemap:{ChangeEvent.publication_generation()}"
        return cache_page(CACHE_SECONDS, key_prefix=prefix)(view)(request, *args, **kwargs)

    return cached


class ArticleSitemap(Sitemap):
    # Search engines take up to 50 000 URLs a file, but rendering one costs about half a millisecond a
    # URL: smaller files keep each request short (each is cached for an hour).
    limit = 2_000

    def items(self):
        # One reverse() for the pattern rather than one per article: a file has thousands.
        self.prefix = reverse("archive:article-detail", args=["-"])[:-2]
        return Article.objects.published().only("slug", "updated_at").order_by("id")

    def location(self, article):
        return self.prefix + article.slug + "/"

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        # Django's default reads every item for this; the index needs only the newest date.
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class TagSitemap(Sitemap):
    def items(self):
        return Tag.objects.filter(articles__in=Article.objects.published()).distinct().only("slug").order_by("id")


class SourceSitemap(Sitemap):
    def items(self):
        return Source.objects.filter(articles__in=Article.objects.published()).distinct().only("slug").order_by("id")


class PageSitemap(Sitemap):
    def items(self):
        return ["archive:home", "archive:browse", "archive:tag-index", "archive:place-index", "archive:source-index"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "articles": ArticleSitemap, "tags": TagSitemap, "sources": SourceSitemap}
