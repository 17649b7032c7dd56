"""sitemap.xml: every published article, and the tag, place and source pages that list them."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from archive.models import Article, Source, Tag


class ArticleSitemap(Sitemap):
    # Search engines accept at most 50 000 URLs per sitemap file; the index links the pages.
    limit = 10_000
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("id")

    def lastmod(self, article):
        return article.updated_at


class TagSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Tag.objects.filter(articles__in=Article.objects.published()).distinct().only("slug").order_by("id")


class SourceSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Source.objects.filter(articles__in=Article.objects.published()).distinct().only("slug").order_by("id")


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["archive:home", "archive:browse", "archive:tag-index", "archive:place-index", "archive:source-index"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "articles": ArticleSitemap, "tags": TagSitemap, "sources": SourceSitemap}
