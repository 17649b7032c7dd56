"""Atom feeds: the latest articles, each tag's articles, and any search (so a saved search is a feed)."""

from dataclasses import replace

from django.contrib.syndication.views import Feed
from django.db.models import F, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from archive.forms import SearchForm
from archive.links import cached_reverse
from archive.models import Article, Tag
from archive.search import search
from archive.templatetags.archive_site import summary

FEED_SIZE = 30


class ArticleFeed(Feed):
    """What every archive feed says about an article."""

    feed_type = Atom1Feed

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return summary(article, 400)

    def item_link(self, article):
        return article.get_absolute_url()

    def item_guid(self, article):
        return article.get_absolute_url()

    def item_pubdate(self, article):
        return article.listing_date

    def item_updateddate(self, article):
        return article.updated_at

    def item_author_name(self, article):
        authors = [credit.name for credit in article.credits.all() if credit.role == "author"]
        return ", ".join(authors) or (article.source.name if article.source else None)

    def item_categories(self, article):
        return [tag.name for tag in article.tags.all()]

    @staticmethod
    def published_items(queryset):
        return (
            queryset.without_search_columns()
            .select_related("source")
            .prefetch_related("tags", "credits")
            .order_by(F("listing_date").desc(nulls_last=True), "-id")[:FEED_SIZE]
        )


class LatestArticlesFeed(ArticleFeed):
    title = "Border archive: latest articles"
    subtitle = "The newest reporting on the North Korea–China border in the archive."

    def link(self):
        return cached_reverse("archive:home")

    def items(self):
        return self.published_items(Article.objects.published())


class TagFeed(ArticleFeed):
    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        if not Article.objects.published().filter(tags=tag).exists():
            raise Http404("No published articles carry this tag.")
        return tag

    def title(self, tag):
        return f"Border archive: {tag.name}"

    def subtitle(self, tag):
        return f"The latest articles tagged {tag.name}."

    def link(self, tag):
        return tag.get_absolute_url()

    def items(self, tag):
        return self.published_items(Article.objects.published().filter(tags=tag))


class SearchFeed(ArticleFeed):
    """Any results page as a feed: same query and filters, newest first."""

    def get_object(self, request):
        return SearchForm(request.GET).params

    def title(self, params):
        return f"Border archive: {params.describe()}"

    def subtitle(self, params):
        return f"The latest articles in the archive for {params.describe()}."

    def link(self, params):
        return cached_reverse("archive:search") + params.querystring()

    def items(self, params):
        # Feed readers poll: these are not readers' searches, so they go on their own channel.
        results = search(
            replace(params, sort="newest").search_request(), channel="feed", page=1, per_page=FEED_SIZE, facets=False
        )
        articles = [hit.article for hit in results.hits]
        prefetch_related_objects(articles, "credits")
        return articles
