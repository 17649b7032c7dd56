"""OpenAPI descriptions the views cannot infer: query parameters, error bodies, the key header."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers

from archive.api import ninjs
from archive.api.serializers import ArticleSerializer, ChangeEventSerializer, SearchHitSerializer


class PartnerKeyScheme(OpenApiAuthenticationExtension):
    target_class = "archive.api.auth.PartnerKeyAuthentication"
    name = "PartnerKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Send `Authorization: Api-Key <key>`; a key comes from `manage.py create_partner` or the admin.",
        }


Error = inline_serializer(
    "Error",
    {
        "status": serializers.IntegerField(),
        "error": serializers.CharField(
            help_text="A code: invalid_parameter, not_authenticated, not_found, throttled …"
        ),
        "detail": serializers.CharField(help_text="What went wrong, in a sentence."),
        "parameters": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()),
            required=False,
            help_text="For a 400: each bad parameter with its messages.",
        ),
        "retry_after": serializers.IntegerField(required=False, help_text="For a 429: seconds to wait."),
    },
)
ERRORS = {
    401: OpenApiResponse(Error, description="No key, or a key that is not valid, revoked or expired."),
    429: OpenApiResponse(Error, description="Too many requests; see the Retry-After header."),
}
LIST_ERRORS = ERRORS | {400: OpenApiResponse(Error, description="A bad parameter, named in `parameters`.")}
DETAIL_ERRORS = LIST_ERRORS | {404: OpenApiResponse(Error, description="No published item with this slug.")}

FIELDS = OpenApiParameter(
    "fields",
    OpenApiTypes.STR,
    description="Comma-separated fields to return (a sparse field set), e.g. `id,slug,title,body`. "
    "Lists leave out `body` unless it is asked for.",
)
Q = OpenApiParameter(
    "q",
    OpenApiTypes.STR,
    description='Search, as on the site: words, "quoted phrases", OR, -excluded; synonyms and tag aliases apply. '
    "Results then carry rank, matched, snippet and snippet_field.",
)
ORDERING = OpenApiParameter(
    "ordering",
    OpenApiTypes.STR,
    enum=["-published_at", "published_at", "-updated_at", "updated_at", "relevance"],
    description="Default -published_at, or relevance with q (relevance needs q). "
    "Walk the whole archive with updated_at.",
)


FORMAT = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", ninjs.FORMAT],
    description="json (default) or ninjs: articles as IPTC ninjs 2.0 items, as with "
    f"`Accept: {ninjs.MEDIA_TYPE}`. `fields` cannot be combined with ninjs.",
)
_TEXT_ROLES = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["value"],
        "properties": {"role": {"type": "string"}, "contenttype": {"type": "string"}, "value": {"type": "string"}},
    },
}
_CONCEPTS = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "uri": {"type": "string", "format": "uri"},
            "literal": {"type": "string", "description": "The tag's slug."},
        },
    },
}
_RENDITIONS = {
    "type": "array",
    "description": "The original first, then thumbnail, w480, w960, w1600 once made.",
    "items": {
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": {"type": "string"},
            "href": {"type": "string", "format": "uri"},
            "contenttype": {"type": "string"},
            "width": {"type": "number"},
            "height": {"type": "number"},
        },
    },
}
NINJS_ITEM = {
    "type": "object",
    "title": "NinjsItem",
    "description": "An article as an IPTC ninjs 2.0 item (News in JSON); the standard's JSON schema is "
    "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json. Photos are associations of type picture.",
    "required": ["uri", "standard", "type", "headlines"],
    "properties": {
        "standard": {
            "type": "object",
            "properties": {"name": {"type": "string"}, "version": {"type": "string"}, "schema": {"type": "string"}},
        },
        "uri": {"type": "string", "format": "uri", "description": "The article's page."},
        "type": {"type": "string", "enum": ["text"]},
        "representationtype": {"type": "string", "enum": ["full"]},
        "profile": {"type": "string", "enum": ["text-only", "text-photo"]},
        "version": {"type": "string"},
        "firstcreated": {"type": "string", "format": "date-time"},
        "versioncreated": {"type": "string", "format": "date-time"},
        "contentcreated": {"type": "string", "format": "date-time", "description": "When it was published."},
        "pubstatus": {"type": "string", "enum": ["usable"]},
        "language": {"type": "string"},
        "headlines": _TEXT_ROLES,
        "descriptions": _TEXT_ROLES,
        "bodies": _TEXT_ROLES,
        "by": {"type": "string"},
        "copyrightholder": {"type": "string"},
        "altids": {
            "type": "array",
            "items": {"type": "object", "properties": {"role": {"type": "string"}, "value": {"type": "string"}}},
        },
        "infosources": _CONCEPTS,
        "subjects": _CONCEPTS,
        "places": _CONCEPTS,
        "people": _CONCEPTS,
        "organisations": _CONCEPTS,
        "associations": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "uri", "type"],
                "properties": {
                    "name": {"type": "string", "description": "photo1, photo2 … in the article's order."},
                    "uri": {"type": "string", "format": "uri"},
                    "type": {"type": "string", "enum": ["picture"]},
                    "descriptions": _TEXT_ROLES,
                    "by": {"type": "string", "description": "The photo's credit."},
                    "renditions": _RENDITIONS,
                },
            },
        },
    },
}
NINJS_LIST = {
    "type": "object",
    "required": ["next", "results"],
    "properties": {
        "next": {
            "type": "string",
            "format": "uri",
            "nullable": True,
            "description": "The next page; null on the last.",
        },
        "results": {"type": "array", "items": NINJS_ITEM},
    },
}


def _as_json(errors: dict) -> dict:
    """Errors are JSON whichever representation was asked for (archive.api.ninjs)."""
    return {(status, "application/json"): response for status, response in errors.items()}


def article_viewset(view):
    return extend_schema_view(
        list=extend_schema(
            summary="Published articles",
            parameters=[Q, ORDERING, FIELDS, FORMAT],
            responses={
                (200, "application/json"): SearchHitSerializer(many=True),
                (200, ninjs.MEDIA_TYPE): OpenApiResponse(NINJS_LIST, description="With format=ninjs."),
                **_as_json(LIST_ERRORS),
            },
        ),
        retrieve=extend_schema(
            summary="One published article",
            parameters=[FIELDS, FORMAT],
            responses={
                (200, "application/json"): ArticleSerializer,
                (200, ninjs.MEDIA_TYPE): OpenApiResponse(NINJS_ITEM, description="With format=ninjs."),
                **_as_json(DETAIL_ERRORS),
            },
        ),
    )(view)


def tag_viewset(view):
    return extend_schema_view(
        list=extend_schema(
            summary="Tags of published articles, with counts",
            responses={200: view.serializer_class(many=True), **LIST_ERRORS},
        ),
        retrieve=extend_schema(summary="One tag", responses={200: view.serializer_class, **DETAIL_ERRORS}),
    )(view)


source_viewset = tag_viewset


def photo_viewset(view):
    return extend_schema_view(
        list=extend_schema(
            summary="Photos of published articles",
            parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="Search the captions.")],
            responses={200: view.serializer_class(many=True), **LIST_ERRORS},
        ),
        retrieve=extend_schema(summary="One photo", responses={200: view.serializer_class, **DETAIL_ERRORS}),
    )(view)


ChangeFeed = inline_serializer(
    "ChangeFeed",
    {
        "next": serializers.URLField(help_text="Where to continue, or to poll next when has_more is false."),
        "has_more": serializers.BooleanField(help_text="More events are waiting: follow next at once."),
        "retention_days": serializers.IntegerField(help_text="How long events are kept (and cursors stay good)."),
        "results": ChangeEventSerializer(many=True),
    },
)


def change_feed(view):
    return extend_schema(
        methods=["GET"],
        summary="Changes to published articles, in order",
        parameters=[
            OpenApiParameter("since", OpenApiTypes.STR, description="ISO date or date-time: changes from then on."),
            OpenApiParameter("cursor", OpenApiTypes.STR, description="From the `next` link of the previous page."),
            OpenApiParameter("page_size", OpenApiTypes.INT, description="1 to 100 (default 20)."),
        ],
        responses={
            200: ChangeFeed,
            **LIST_ERRORS,
            410: OpenApiResponse(Error, description="The cursor or since is older than the retention period."),
        },
    )(view)
