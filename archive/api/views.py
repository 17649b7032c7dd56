"""The partner API's endpoints: thin views over the published querysets, the search core and the change feed."""

import datetime

from django.conf import settings
from django.db.models import BooleanField, Count, Exists, IntegerField, Max, OuterRef, Prefetch, Q, Subquery
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.decorators import method_decorator
from django.utils.http import http_date
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import conditional_page
from rest_framework import exceptions, viewsets
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from archive.api import schema
from archive.api.auth import KEYWORD
from archive.api.filters import ArticleFilter, MomentField, PhotoFilter, TagFilter
from archive.api.pagination import Keyset, KeysetPagination, column, decode_cursor, encode_cursor, page_size, undated_last
from archive.api.serializers import (
    ARTICLE_FIELDS,
    ARTICLE_LIST_FIELDS,
    SEARCH_FIELDS,
    ArticleSerializer,
    ChangeEventSerializer,
    PhotoSerializer,
    SearchHitSerializer,
    SourceSerializer,
    TagSerializer,
)
from archive.models import Article, ArticleTag, ChangeEvent, Credit, Photo, Source, Tag
from archive.search import SearchRequest, prepare, search


class Gone(exceptions.APIException):
    status_code = 410
    default_code = "cursor_expired"


class PartnerAPIMixin:
    """Conditional GET (an ETag from the body, Last-Modified when known, 304 when unchanged) and gzip."""

    last_modified = None

    @method_decorator(gzip_page)
    @method_decorator(conditional_page)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, values in request.query_params.lists():
            # PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database.
            if any("\x00" in value for value in values):
                raise exceptions.ValidationError({name: ["Contains a NUL character."]})

    def permission_denied(self, request, message=None, code=None):
        if request.auth is None:
            raise exceptions.NotAuthenticated(f"An API key is required: send 'Authorization: {KEYWORD} <key>'.")
        super().permission_denied(request, message, code)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            # Partners may keep responses, but must ask again (cheaply, with If-None-Match) before reuse.
            response["Cache-Control"] = "private, no-cache"
            if self.last_modified is not None:
                response["Last-Modified"] = http_date(self.last_modified.timestamp())
        return response


def _public_since(article) -> datetime.datetime:
    """When the article last changed as the public sees it: its last edit, or its embargo's end."""
    moments = [article.updated_at] + ([article.publish_at] if article.publish_at else [])
    return max(moments)


def _latest_tombstone():
    return (
        ChangeEvent.objects.filter(kind__in=[ChangeEvent.Kind.UNPUBLISHED, ChangeEvent.Kind.DELETED], txid__isnull=False)
        .aggregate(latest=Max("occurred_at"))["latest"]
    )


ORDERINGS = {
    "-published_at": Keyset("-published_at", (undated_last("published_at", descending=True), column("id")), True),
    "published_at": Keyset("published_at", (undated_last("published_at", descending=False), column("id"))),
    "-updated_at": Keyset("-updated_at", (column("updated_at", is_datetime=True), column("id")), True),
    "updated_at": Keyset("updated_at", (column("updated_at", is_datetime=True), column("id"))),
}
RELEVANCE = "relevance"
# With q, the search core orders (relevance: every word before some, then score; dates: the same tiers,
# then date) and pages are positions in its list, frozen at the first page's time (see README).
SEARCH_ORDERINGS = {RELEVANCE: "relevance", "-published_at": "newest", "published_at": "oldest"}


@schema.article_viewset
class ArticleViewSet(PartnerAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Published articles: list (filtered, searched, ordered, cursor-paginated) and detail by slug."""

    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    filterset_class = ArticleFilter
    pagination_class = KeysetPagination
    serializer_class = ArticleSerializer

    def search_text(self) -> str:
        return (self.request.query_params.get("q") or "").strip() if self.action == "list" else ""

    def requested_fields(self) -> tuple[str, ...]:
        searching = bool(self.search_text())
        allowed = ARTICLE_FIELDS + (SEARCH_FIELDS if searching else ())
        raw = self.request.query_params.get("fields", "")
        names = tuple(dict.fromkeys(name.strip() for name in raw.split(",") if name.strip()))
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
        queryset = Article.objects.published().defer("search_vector", "tag_text", "caption_text", "content_hash")
        if "body" not in fields:
            queryset = queryset.defer("body")
        if "source" in fields:
            queryset = queryset.select_related("source")
        if "tags" in fields:
            queryset = queryset.prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        if "photos" in fields:
            queryset = queryset.prefetch_related(Prefetch("photos", queryset=Photo.objects.only("article_id", "caption", "credit", "position")))
        if "credits" in fields:
            queryset = queryset.prefetch_related(Prefetch("credits", queryset=Credit.objects.only("article_id", "role", "name", "position")))
        return queryset

    def filter_queryset(self, queryset):
        # Filters narrow lists; a detail is found by its slug alone.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def list(self, request, *args, **kwargs):
        fields = self.requested_fields()
        queryset = self.filter_queryset(self.get_queryset())
        if self.search_text():
            return self.search_list(queryset, fields)
        page = self.paginate_queryset(queryset)
        self.last_modified = max([_public_since(article) for article in page] + [_latest_tombstone() or _EPOCH])
        data = ArticleSerializer(page, many=True, fields=fields, context=self.get_serializer_context()).data
        return self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        article = self.get_object()
        self.last_modified = _public_since(article)
        return Response(ArticleSerializer(article, fields=self.requested_fields(), context=self.get_serializer_context()).data)

    def search_list(self, queryset, fields):
        """Results of the search core, in its order, paged by position (see SEARCH_ORDERINGS)."""
        ordering, q, size = self.ordering(), self.search_text(), page_size(self.request)
        page, as_of = 1, timezone.now()
        raw = self.request.query_params.get("cursor")
        if raw:
            page, as_of = self._search_position(decode_cursor(raw), ordering, q)
        # Articles that became public after the first page are left out, so later pages do not shift.
        queryset = queryset.filter(created_at__lte=as_of).exclude(publish_at__gt=as_of)
        request = SearchRequest(q=q, sort=SEARCH_ORDERINGS[ordering])
        results = search(request, channel="api", page=page, per_page=size, facets=False, queryset=queryset)

        hits = {hit.article.pk: hit for hit in results.hits}
        articles = self.get_queryset().in_bulk(list(hits))
        page_articles = []
        for article_id, hit in hits.items():
            article = articles.get(article_id)
            if article is None:
                continue
            article.rank, article.matched, article.promoted = hit.rank, hit.matched, hit.promoted
            article.snippet, article.snippet_field = str(hit.snippet), hit.snippet_field
            page_articles.append(article)
        organic = sum(1 for hit in results.hits if not hit.promoted)
        next_url = None
        if organic == size and page * size < results.total:
            cursor = encode_cursor({"o": ordering, "q": q, "p": page + 1, "t": as_of.isoformat()})
            next_url = replace_query_param(self.request.build_absolute_uri(), "cursor", cursor)
        self.last_modified = max([_public_since(article) for article in page_articles] + [_latest_tombstone() or _EPOCH])
        data = SearchHitSerializer(page_articles, many=True, fields=fields, context=self.get_serializer_context()).data
        return Response(
            {
                "next": next_url,
                "total": results.total,
                "total_is_estimate": results.total_is_estimate,
                "fallback": results.fallback,
                "suggestion": results.suggestion,
                "results": data,
            }
        )

    def _search_position(self, cursor, ordering, q):
        if cursor.get("o") != ordering or cursor.get("q") != q:
            raise exceptions.ValidationError(
                {"cursor": ["This cursor belongs to another search or ordering: start again without it."]}
            )
        page, moment = cursor.get("p"), cursor.get("t")
        as_of = parse_datetime(moment) if isinstance(moment, str) else None
        if not isinstance(page, int) or page < 1 or as_of is None:
            raise exceptions.ValidationError({"cursor": ["Not a cursor from this API: use the `next` link of a previous page."]})
        return page, as_of


_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


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
        return self.model.objects.filter(Exists(links)).annotate(article_count=Subquery(count, output_field=IntegerField()))

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
        return Photo.objects.filter(article__in=Article.objects.published()).select_related("article").only(
            "id", "caption", "credit", "position", "image", "article__id", "article__slug", "article__title",
            "article__published_at",
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
        caption_match=RawSQL(f"to_tsvector({config}, archive_photo.caption) @@ %s::tsquery", [compiled.all_query],
                             output_field=BooleanField())
    ).filter(caption_match=True)


@schema.change_feed
class ChangeFeedView(PartnerAPIMixin, APIView):
    """What entered, changed in or left public view, in order, for keeping an exact mirror."""

    def get(self, request):
        size = page_size(request)
        retention = datetime.timedelta(days=settings.ARCHIVE_CHANGES_RETENTION_DAYS)
        today = timezone.now().date()
        oldest = timezone.now() - retention
        since = self._since(oldest)
        raw = request.query_params.get("cursor")
        position = self._position(decode_cursor(raw), today - retention) if raw else None

        ChangeEvent.release_due()
        events = ChangeEvent.objects.settled()
        if since is not None:
            events = events.filter(occurred_at__gte=since)
        if position is not None:
            txid, event_id = position
            events = events.filter(Q(txid__gt=txid) | Q(txid=txid, id__gt=event_id))
        rows = list(events.in_feed_order()[: size + 1])
        has_more = len(rows) > size
        rows = rows[:size]
        if rows:
            position = (rows[-1].txid, rows[-1].id)
        # The cursor carries the day it was handed out: it is good for the retention period from then.
        cursor = encode_cursor({"o": "changes", "x": position[0], "i": position[1], "d": today.isoformat()}) if position else None
        next_url = request.build_absolute_uri()
        next_url = replace_query_param(next_url, "cursor", cursor) if cursor else next_url
        return Response(
            {
                "next": next_url,
                "has_more": has_more,
                "retention_days": settings.ARCHIVE_CHANGES_RETENTION_DAYS,
                "results": ChangeEventSerializer(rows, many=True, context={"request": request}).data,
            }
        )

    def _since(self, oldest):
        raw = self.request.query_params.get("since")
        if not raw:
            return None
        try:
            since = MomentField().clean(raw)
        except Exception as error:  # a django ValidationError, reported as this parameter's
            raise exceptions.ValidationError({"since": list(getattr(error, "messages", [str(error)]))}) from None
        if since < oldest:
            raise Gone(
                f"since is older than the feed keeps changes ({settings.ARCHIVE_CHANGES_RETENTION_DAYS} days): "
                "walk /api/v1/articles/ again, then follow changes from when that walk began."
            )
        return since

    def _position(self, cursor, oldest_day):
        txid, event_id, day = cursor.get("x"), cursor.get("i"), cursor.get("d")
        try:
            issued = datetime.date.fromisoformat(day) if isinstance(day, str) else None
        except ValueError:
            issued = None
        if cursor.get("o") != "changes" or not isinstance(txid, int) or not isinstance(event_id, int) or issued is None:
            raise exceptions.ValidationError({"cursor": ["Not a cursor of the change feed: use its `next` link."]})
        if issued < oldest_day:
            raise Gone(
                f"This cursor is older than the feed keeps changes ({settings.ARCHIVE_CHANGES_RETENTION_DAYS} days): "
                "walk /api/v1/articles/ again, then follow changes from when that walk began."
            )
        return txid, event_id
