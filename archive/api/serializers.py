"""How articles, tags, sources, photos and change events look to partners."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from archive.links import cached_reverse
from archive.models import Article, ChangeEvent, Credit, Photo, Source, Tag
from archive.renditions import renditions_of


class PlainFieldsMixin:
    """For a nested serializer of text columns repeated on every item of a page (a choice's value is its
    own label here): each value as its CharField or ChoiceField gives it, without DRF's per-field
    machinery, which cost more than the values."""

    def to_representation(self, instance):
        values = ((name, getattr(instance, name)) for name in self.Meta.fields)
        return {name: None if value is None else str(value) for name, value in values}


class SourceRefSerializer(PlainFieldsMixin, serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["name", "slug"]


class TagRefSerializer(PlainFieldsMixin, serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["name", "slug", "kind"]


class RenditionSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="thumbnail (240 × 180, cropped), or w480, w960, w1600 (at most that wide).")
    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class PhotoRefSerializer(serializers.ModelSerializer):
    """A photo: its caption and credit, and where it has an image, the image's size and URLs."""

    alt_text = serializers.SerializerMethodField(
        help_text="What the photo shows (the caption unless an editor wrote one)."
    )
    image = serializers.SerializerMethodField(help_text="The original image; null for a caption without an image.")
    renditions = serializers.SerializerMethodField(
        help_text="Smaller sizes, once made (shortly after the image is stored); empty before, and without an image."
    )

    class Meta:
        model = Photo
        fields = ["caption", "credit", "alt_text", "width", "height", "image", "renditions"]

    def get_alt_text(self, photo) -> str:
        return photo.alt

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_image(self, photo) -> str | None:
        return absolute_media_url(self.context.get("request"), photo.image.url) if photo.image else None

    @extend_schema_field(RenditionSerializer(many=True))
    def get_renditions(self, photo) -> list[dict]:
        request = self.context.get("request")
        return [
            {"name": r.name, "url": absolute_media_url(request, r.url), "width": r.width, "height": r.height}
            for r in renditions_of(photo)
        ]


def absolute_media_url(request, url: str) -> str:
    """A media URL as partners need it: absolute (it already is when a bucket or proxy host serves photos)."""
    return request.build_absolute_uri(url) if request is not None else url


class CreditSerializer(PlainFieldsMixin, serializers.ModelSerializer):
    class Meta:
        model = Credit
        fields = ["role", "name"]


class ArticleSerializer(serializers.ModelSerializer):
    """An article; `fields` (the query parameter) narrows it to the fields a partner asks for."""

    source = SourceRefSerializer(read_only=True, allow_null=True)
    url = serializers.SerializerMethodField(help_text="The article's page on the public site.")
    api_url = serializers.SerializerMethodField(help_text="This article in the API.")
    tags = TagRefSerializer(many=True, read_only=True)
    photos = PhotoRefSerializer(many=True, read_only=True)
    credits = CreditSerializer(many=True, read_only=True)
    original_url = serializers.SerializerMethodField(help_text="Where the source published it; null if unknown.")
    external_id = serializers.SerializerMethodField(help_text="The article's id in the source's system, if known.")

    class Meta:
        model = Article
        fields = [
            "id",
            "slug",
            "title",
            "dek",
            "body",
            "source",
            "published_at",
            "first_published_at",
            "updated_at",
            "language",
            "url",
            "api_url",
            "original_url",
            "external_id",
            "tags",
            "photos",
            "credits",
        ]
        read_only_fields = fields

    def __init__(self, *args, fields=None, **kwargs):
        super().__init__(*args, **kwargs)
        if fields is not None:
            for name in set(self.fields) - set(fields):
                self.fields.pop(name)

    @extend_schema_field(serializers.URLField())
    def get_url(self, article) -> str:
        return self._absolute(article.get_absolute_url())

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_original_url(self, article) -> str | None:
        return article.original_url or None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_external_id(self, article) -> str | None:
        return article.external_id or None

    @extend_schema_field(serializers.URLField())
    def get_api_url(self, article) -> str:
        return self._absolute(cached_reverse("api:articles-detail", article.slug))

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


# What a list gives when `fields` is not asked for: everything but the body.
ARTICLE_FIELDS = tuple(ArticleSerializer.Meta.fields)
ARTICLE_LIST_FIELDS = tuple(name for name in ARTICLE_FIELDS if name != "body")
SEARCH_FIELDS = ("rank", "matched", "snippet", "snippet_field", "promoted")


class SearchHitSerializer(ArticleSerializer):
    """An article found by `q`: with its rank, where the words matched and a highlighted snippet."""

    rank = serializers.FloatField(read_only=True, help_text="Relevance; higher is better.")
    matched = serializers.ListField(
        child=serializers.ChoiceField(choices=["title", "dek", "tag", "caption", "body"]),
        read_only=True,
        help_text="Where the query matched.",
    )
    snippet = serializers.CharField(read_only=True, help_text="Article text, HTML-escaped, with matches in <mark>.")
    snippet_field = serializers.CharField(read_only=True, allow_blank=True, help_text="body or caption.")
    promoted = serializers.BooleanField(read_only=True, help_text="An editor's pick for this query.")

    class Meta(ArticleSerializer.Meta):
        fields = ArticleSerializer.Meta.fields + list(SEARCH_FIELDS)
        read_only_fields = fields


class TagSerializer(serializers.ModelSerializer):
    article_count = serializers.IntegerField(read_only=True, help_text="Published articles with this tag.")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Tag
        fields = ["name", "slug", "kind", "description", "article_count", "url"]

    @extend_schema_field(serializers.URLField())
    def get_url(self, tag) -> str:
        return self.context["request"].build_absolute_uri(tag.get_absolute_url())


class SourceSerializer(serializers.ModelSerializer):
    article_count = serializers.IntegerField(read_only=True, help_text="Published articles from this source.")
    url = serializers.SerializerMethodField()
    homepage = serializers.SerializerMethodField()

    class Meta:
        model = Source
        fields = ["name", "slug", "homepage", "article_count", "url"]

    @extend_schema_field(serializers.URLField())
    def get_url(self, source) -> str:
        return self.context["request"].build_absolute_uri(source.get_absolute_url())

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_homepage(self, source) -> str | None:
        return source.homepage or None


class PhotoArticleSerializer(serializers.ModelSerializer):
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = ["id", "slug", "title", "published_at", "api_url"]

    @extend_schema_field(serializers.URLField())
    def get_api_url(self, article) -> str:
        return self.context["request"].build_absolute_uri(cached_reverse("api:articles-detail", article.slug))


class PhotoSerializer(PhotoRefSerializer):
    article = PhotoArticleSerializer(read_only=True)

    class Meta(PhotoRefSerializer.Meta):
        fields = [
            "id",
            "caption",
            "credit",
            "alt_text",
            "position",
            "width",
            "height",
            "image",
            "renditions",
            "article",
        ]


class ChangeEventSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="kind", help_text="created, updated, unpublished or deleted.")
    reason = serializers.SerializerMethodField(
        help_text="Why a tombstone left: unpublished, taken_down, deleted, merged."
    )
    merged_into = serializers.SerializerMethodField(help_text="For a merge: the slug of the article that remains.")
    article = serializers.SerializerMethodField()

    class Meta:
        model = ChangeEvent
        fields = ["type", "reason", "merged_into", "occurred_at", "article"]

    @extend_schema_field(serializers.ChoiceField(choices=ChangeEvent.Reason.values, allow_null=True))
    def get_reason(self, event) -> str | None:
        return event.reason or None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_merged_into(self, event) -> str | None:
        return event.merged_into or None

    @extend_schema_field(
        {
            "type": "object",
            "required": ["id", "slug", "api_url"],
            "properties": {
                "id": {"type": "integer"},
                "slug": {"type": "string"},
                "api_url": {"type": "string", "format": "uri", "nullable": True},
            },
        }
    )
    def get_article(self, event) -> dict:
        # A tombstone links nowhere: the article is gone from the API.
        api_url = None
        if not event.is_tombstone:
            api_url = self.context["request"].build_absolute_uri(cached_reverse("api:articles-detail", event.slug))
        return {"id": event.article_id, "slug": event.slug, "api_url": api_url}
