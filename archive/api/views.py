"""Articles, tags, sources and photos: thin views over the published querysets and the search core."""

import json
from dataclasses import dataclass

from django.db.models import BooleanField, Count, Exists, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework import exceptions, viewsets
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder
from rest_framework.utils.urls import replace_query_param

from archive.api import ninjs, schema
from archive.api.base import EPOCH, PartnerAPIMixin, latest_tombstone, public_since
from archive.api.filters import ArticleFilter, PhotoFilter, TagFilter
from archive.api.pagination import (
    Keyset,
    KeysetPagination,
    column,
    decode_cursor,
    encode_cursor,
    page_size,
    undated_last,
)
from archive.api.serializers import (
    ARTICLE_FIELDS,
    ARTICLE_LIST_FIELDS,
    SEARCH_FIELDS,
    ArticleSerializer,
    PhotoSerializer,
    SearchHitSerializer,
    SourceSerializer,
    TagSerializer,
)
from archive.insights import record_search
from archive.models import Article, ArticleTag, Credit, Photo, Source, Tag
from archive.search import SearchRequest, prepare, search
from archive.search import cache as search_cache
from archive.search.article_tags import attach_tags

ORDERINGS = {
    # By the listing date: an undated article's is when the archive first published it.
    "-published_at": Keyset("-published_at", (undated_last("listing_date", descending=True), column("id")), True),
    "published_at": Keyset("published_at", (undated_last("listing_date", descending=False), column("id"))),
    "-updated_at": Keyset("-updated_at", (column("updated_at", is_datetime=True), column("id")), True),
    "updated_at": Keyset("updated_at", (column("updated_at", is_datetime=True), column("id"))),
}
RELEVANCE = "relevance"
# With q, the search core orders (relevance: every word before some, then score; dates: the same tiers,
# then date) and pages are positions in its list, frozen at the first page's time (see README).
SEARCH_ORDERINGS = {RELEVANCE: "relevance", "-published_at": "newest", "published_at": "oldest"}
MAX_SEARCH_PAGE = 1_000_000
# What a photo's representation reads (archive.api.serializers.PhotoRefSerializer, archive.api.ninjs).
PHOTO_COLUMNS = (
    "article_id",
    "caption",
    "credit",
    "alt_text",
    "position",
    "image",
    "width",
    "height",
    "renditions_made_at",
)


@dataclass(frozen=True)
class ApiSearchBody:
    """A page of API search results as the cache keeps it."""

    body: dict
    total: int
    last_modified: object


class FormatNegotiation(DefaultContentNegotiation):
    """`format=` names a representation; an unknown one is a 400 that lists the choices (DRF answers 404)."""

    def filter_renderers(self, renderers, format):
        chosen = [renderer for renderer in renderers if renderer.format == format]
        if not chosen:
            choices = ", ".join(renderer.format for renderer in renderers)
            raise exceptions.ValidationError({"format": [f"{format!r} is not one of {choices}."]})
        return chosen


@schema.article_viewset
class ArticleViewSet(PartnerAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Published articles: list (filtered, searched, ordered, cursor-paginated) and detail by slug."""

    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    filterset_class = ArticleFilter
    pagination_class = KeysetPagination
    serializer_class = ArticleSerializer
    renderer_classes = [JSONRenderer, ninjs.NinjsRenderer]
    content_negotiation_class = FormatNegotiation

    @property
    def as_ninjs(self) -> bool:
        renderer = getattr(self.request, "accepted_renderer", None)
        return renderer is not None and renderer.format == ninjs.FORMAT

    def serialize(self, articles, *, many: bool, fields, serializer_class=ArticleSerializer):
        """Articles in the archive's own JSON, or as ninjs items when the partner asked for ninjs."""
        if self.as_ninjs:
            if many:
                return [ninjs.article_item(article, self.request) for article in articles]
            return ninjs.article_item(articles, self.request)
        return serializer_class(articles, many=many, fields=fields, context=self.get_serializer_context()).data

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors are the API's usual JSON whatever was asked for: they are not news items.
        if response.status_code >= 400 and self.as_ninjs:
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)

    def search_text(self) -> str:
        return (self.request.query_params.get("q") or "").strip() if self.action == "list" else ""

    def requested_fields(self) -> tuple[str, ...]:
        searching = bool(self.search_text())
        allowed = ARTICLE_FIELDS + (SEARCH_FIELDS if searching else ())
        raw = self.request.query_params.get("fields", "")
        names = tuple(dict.fromkeys(name.strip() for name in raw.split(",") if name.strip()))
        if self.as_ninjs:
            if names:
                raise exceptions.ValidationError({"fields": ["A ninjs item is always whole: leave out fields."]})
            return ARTICLE_FIELDS
        if not names:
            if self.action != "list":
                return ARTICLE_FIELDS
            return ARTICLE_LIST_FIELDS + (SEARCH_FIELDS if searching else ())
        unknown = [name for name in names if name not in allowed]
        if unknown:
            raise exceptions.ValidationError(
                {"fields": [f"Unknown field {', '.join(unknown)}; choose from {', '.join(allowed)}."]}
            )
        return names

    def ordering(self) -> str:
        searching = bool(self.search_text())
        choices = list(SEARCH_ORDERINGS) if searching else list(ORDERINGS)
        ordering = self.request.query_params.get("ordering") or (RELEVANCE if searching else "-published_at")
        if ordering not in choices:
            hint = "" if searching or ordering != RELEVANCE else " (relevance needs q)"
            raise exceptions.ValidationError({"ordering": [f"{ordering!r} is not one of {', '.join(choices)}{hint}."]})
        return ordering

    def get_keyset(self):
        return ORDERINGS[self.ordering()]

    def get_queryset(self):
        fields = set(self.requested_fields())
        # Tags come from each article's tag ids once the articles are read (with_tags), not a prefetch.
        keep = ("tag_ids",) if "tags" in fields else ()
        queryset = Article.objects.published().without_search_columns(keep=keep)
        if "body" not in fields:
            queryset = queryset.defer("body")
        if "source" in fields:
            queryset = queryset.select_related("source")
        if "photos" in fields:
            queryset = queryset.prefetch_related(Prefetch("photos", queryset=Photo.objects.only(*PHOTO_COLUMNS)))
        if "credits" in fields:
            queryset = queryset.prefetch_related(
                Prefetch("credits", queryset=Credit.objects.only("article_id", "role", "name", "position"))
            )
        return queryset

    def with_tags(self, articles, fields) -> None:
        """The articles' tags as the site's results get them (archive.search.article_tags): in name order,
        as a prefetch gives them, from a table read once per generation of the vocabulary."""
        if "tags" in fields:
            attach_tags(articles)

    def filter_queryset(self, queryset):
        # Filters narrow lists; a detail is found by its slug alone.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def list(self, request, *args, **kwargs):
        fields = self.requested_fields()
        queryset = self.filter_queryset(self.get_queryset())
        if self.search_text():
            return self.search_list(queryset, fields)
        page = self.paginate_queryset(queryset)
        self.with_tags(page, fields)
        self.last_modified = max([public_since(article) for article in page] + [latest_tombstone() or EPOCH])
        return self.get_paginated_response(self.serialize(page, many=True, fields=fields))

    def retrieve(self, request, *args, **kwargs):
        article, fields = self.get_object(), self.requested_fields()
        self.with_tags([article], fields)
        self.last_modified = public_since(article)
        return Response(self.serialize(article, many=False, fields=fields))

    def search_list(self, queryset, fields):
        """Results of the search core, in its order, paged by position (see SEARCH_ORDERINGS).

        Kept in the cache under the archive's generation (archive.search.cache) and the full address,
        as the site's pages are: another partner asking the same thing before anything changes gets
        the same body without searching again. A cursor's frozen time is part of its address; a first
        page's is the moment it was computed, and nothing became public since, or the generation would
        have moved."""
        q = self.search_text()
        # One generation for the key and the search's promotions (archive.search.promotions).
        with search_cache.held_generation() as generation:
            key = search_cache.page_key(
                generation, api=self.request.build_absolute_uri(), ninjs=self.as_ninjs, fields=list(fields)
            )
            # A search answered from the cache still counts in the query insights.
            kept = search_cache.cached(
                key,
                lambda: self._search_body(queryset, fields),
                on_hit=lambda kept: record_search(q, "api", kept.total),
            )
        self.last_modified = kept.last_modified
        return Response(kept.body)

    def _search_body(self, queryset, fields) -> ApiSearchBody:
        ordering, q, size = self.ordering(), self.search_text(), page_size(self.request)
        page, as_of = 1, timezone.now()
        raw = self.request.query_params.get("cursor")
        if raw:
            page, as_of = self._search_position(decode_cursor(raw), ordering, q)
        # Articles that became public after the first page are left out, so later pages do not shift.
        queryset = queryset.filter(created_at__lte=as_of).exclude(publish_at__gt=as_of)
        request = SearchRequest(q=q, sort=SEARCH_ORDERINGS[ordering])
        results = search(request, channel="api", page=page, per_page=size, facets=False, queryset=queryset)

        # The core read the hits' articles through `queryset`, with what the fields asked for need.
        page_articles = []
        for hit in results.hits:
            article = hit.article
            article.rank, article.matched, article.promoted = hit.rank, hit.matched, hit.promoted
            article.snippet, article.snippet_field = str(hit.snippet), hit.snippet_field
            page_articles.append(article)
        self.with_tags(page_articles, fields)
        organic = sum(1 for hit in results.hits if not hit.promoted)
        next_url = None
        if organic == size and page * size < results.total:
            cursor = encode_cursor({"o": ordering, "q": q, "p": page + 1, "t": as_of.isoformat()})
            next_url = replace_query_param(self.request.build_absolute_uri(), "cursor", cursor)
        last_modified = max([public_since(article) for article in page_articles] + [latest_tombstone() or EPOCH])
        data = self.serialize(page_articles, many=True, fields=fields, serializer_class=SearchHitSerializer)
        body = {
            "next": next_url,
            "total": results.total,
            "total_is_estimate": results.total_is_estimate,
            "fallback": results.fallback,
            "suggestion": results.suggestion,
            # Plain lists and dicts: what the cache keeps must not hold the serializer.
            "results": json.loads(json.dumps(data, cls=JSONEncoder)),
        }
        return ApiSearchBody(body, results.total, last_modified)

    def _search_position(self, cursor, ordering, q):
        if cursor.get("o") != ordering or cursor.get("q") != q:
            raise exceptions.ValidationError(
                {"cursor": ["This cursor belongs to another search or ordering: start again without it."]}
            )
        page, moment = cursor.get("p"), cursor.get("t")
        as_of = parse_datetime(moment) if isinstance(moment, str) else None
        if not isinstance(page, int) or isinstance(page, bool) or not 1 <= page <= MAX_SEARCH_PAGE or as_of is None:
            raise exceptions.ValidationError(
                {"cursor": ["Not a cursor from this API: use the `next` link of a previous page."]}
            )
        return page, as_of


class _CountedViewSet(PartnerAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Tags or sources with their count of published articles; those with none are not shown."""

    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    pagination_class = KeysetPagination
    model = None

    # Counting per row of the page (not grouping every article) keeps this cheap on a large archive.
    link_field = None

    def get_queryset(self):
        links = self.public_links()
        count = links.order_by().values(self.link_field).annotate(n=Count("*")).values("n")
        return self.model.objects.filter(Exists(links)).annotate(
            article_count=Subquery(count, output_field=IntegerField())
        )

    def get_keyset(self):
        return Keyset("slug", (column("slug"),))


@schema.tag_viewset
class TagViewSet(_CountedViewSet):
    """Tags (topics, places, organizations, people) that published articles carry."""

    model = Tag
    serializer_class = TagSerializer
    filterset_class = TagFilter
    link_field = "tag"

    def public_links(self):
        return ArticleTag.objects.filter(tag=OuterRef("pk"), article__in=Article.objects.published())


@schema.source_viewset
class SourceViewSet(_CountedViewSet):
    """The outlets whose published reporting the archive keeps."""

    model = Source
    serializer_class = SourceSerializer
    link_field = "source"

    def public_links(self):
        return Article.objects.published().filter(source=OuterRef("pk"))


@schema.photo_viewset
class PhotoViewSet(PartnerAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Photos (most are captions with credits) of published articles, newest first; `q` searches captions."""

    serializer_class = PhotoSerializer
    filterset_class = PhotoFilter
    pagination_class = KeysetPagination

    def get_queryset(self):
        return (
            Photo.objects.filter(article__in=Article.objects.published())
            .select_related("article")
            .only(
                "id",
                *PHOTO_COLUMNS,
                "article__id",
                "article__slug",
                "article__title",
                "article__published_at",
            )
        )

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        q = (self.request.query_params.get("q") or "").strip()
        return search_captions(queryset, q) if q and self.action == "list" else queryset

    def get_keyset(self):
        return Keyset("-id", (column("id"),), descending=True)


def search_captions(queryset, q):
    """Photos whose caption has every word of `q`, read (expanded, stemmed) as the search core reads it."""
    compiled = prepare(q)
    if compiled.is_empty:
        return queryset.none()
    config = (
        "(SELECT CASE WHEN a.language = 'ko' THEN 'archive_simple' ELSE 'archive_english' END::regconfig "
        "FROM archive_article a WHERE a.id = archive_photo.article_id)"
    )
    return queryset.alias(
        caption_match=RawSQL(
            f"to_tsvector({config}, archive_photo.caption) @@ %s::tsquery",
            [compiled.all_query],  # nosec B611  # SQL defined in code; values are parameters
            output_field=BooleanField(),
        )
    ).filter(caption_match=True)
