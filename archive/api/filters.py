"""Query parameters of the list endpoints, validated by django-filter (a bad value is a 400 naming it)."""

import datetime

import django_filters
from django import forms
from django.core.validators import validate_slug
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from archive.models import ArticleTag, Photo, Tag


class SlugListField(forms.Field):
    """A repeatable parameter of slugs: `?tag=a&tag=b`, or `?tag=a,b`."""

    widget = forms.SelectMultiple

    def to_python(self, value):
        values = value if isinstance(value, (list, tuple)) else ([value] if value else [])
        return [part.strip() for item in values for part in str(item).split(",") if part.strip()]

    def validate(self, value):
        super().validate(value)
        for slug in value:
            try:
                validate_slug(slug)
            except forms.ValidationError:
                # The value goes in params: django-filter %-formats messages, and values may hold a "%".
                raise forms.ValidationError(
                    "%(value)r is not a slug (letters, digits, hyphens).", params={"value": slug}
                ) from None


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class SlugListFilter(django_filters.Filter):
    field_class = SlugListField


class MomentField(forms.Field):
    """An ISO 8601 date (midnight UTC) or date-time (UTC when no offset is given)."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip()
        try:
            moment = parse_datetime(text)
            if moment is None and (day := parse_date(text)) is not None:
                moment = datetime.datetime.combine(day, datetime.time.min)
        except ValueError:
            moment = None
        if moment is None:
            raise forms.ValidationError(
                "%(value)r is not an ISO 8601 date or date-time, such as 2024-05-01 or 2024-05-01T12:00:00Z.",
                params={"value": text},
            )
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, datetime.UTC)
        return moment


@extend_schema_field(OpenApiTypes.STR)
class MomentFilter(django_filters.Filter):
    field_class = MomentField


def _tagged(slugs, **tag_filters):
    return Exists(ArticleTag.objects.filter(article=OuterRef("pk"), tag__slug__in=slugs, **tag_filters))


class ArticleFilter(django_filters.FilterSet):
    tag = SlugListFilter(method="filter_any_tag", help_text="Tag slug, repeatable: articles with any of them.")
    tags_all = SlugListFilter(method="filter_all_tags", help_text="Tag slug, repeatable: articles with all of them.")
    exclude_tag = SlugListFilter(method="filter_no_tag", help_text="Tag slug, repeatable: articles with none of them.")
    source = SlugListFilter(field_name="source__slug", lookup_expr="in", help_text="Source slug, repeatable (any of).")
    place = SlugListFilter(method="filter_place", help_text="Place tag slug, repeatable (any of).")
    language = django_filters.CharFilter(field_name="language", help_text="Language code, such as en or ko.")
    has_photos = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")], method="filter_has_photos", help_text="true or false."
    )
    published_after = MomentFilter(
        field_name="listing_date",
        lookup_expr="gte",
        help_text="ISO date or date-time (inclusive); an undated article counts by its first_published_at.",
    )
    published_before = MomentFilter(
        field_name="listing_date",
        lookup_expr="lt",
        help_text="ISO date or date-time (exclusive); an undated article counts by its first_published_at.",
    )
    updated_since = MomentFilter(
        field_name="updated_at", lookup_expr="gte", help_text="ISO date or date-time (inclusive)."
    )

    def filter_any_tag(self, queryset, name, value):
        return queryset.filter(_tagged(value)) if value else queryset

    def filter_all_tags(self, queryset, name, value):
        for slug in value:
            queryset = queryset.filter(_tagged([slug]))
        return queryset

    def filter_no_tag(self, queryset, name, value):
        return queryset.exclude(_tagged(value)) if value else queryset

    def filter_place(self, queryset, name, value):
        return queryset.filter(_tagged(value, tag__kind=Tag.Kind.PLACE)) if value else queryset

    def filter_has_photos(self, queryset, name, value):
        if not value:
            return queryset
        has = Exists(Photo.objects.filter(article=OuterRef("pk")))
        return queryset.filter(has) if value == "true" else queryset.exclude(has)


class TagFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Tag.Kind.choices, help_text="topic, place, organization or person.")
    name = django_filters.CharFilter(
        field_name="name", lookup_expr="istartswith", help_text="Names starting with this."
    )


class PhotoFilter(django_filters.FilterSet):
    article = django_filters.CharFilter(field_name="article__slug", help_text="Slug of the photo's article.")
    source = SlugListFilter(field_name="article__source__slug", lookup_expr="in", help_text="Source slug, repeatable.")
