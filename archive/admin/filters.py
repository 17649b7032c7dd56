"""Change-list filters for articles: each runs one small query for its choices, whatever the page size.

The tag, place and year choices aggregate the whole archive, so they are cached for a few minutes.
"""

from django.contrib import admin
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from archive.models import Article, DuplicateFlag, Photo, Tag

TAG_CHOICES = 25
CHOICES_SECONDS = 300


class StatusFilter(admin.SimpleListFilter):
    """Status, with scheduled articles (published, embargo still ahead) apart from live ones."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("review", "In review"),
            ("live", "Published (live)"),
            ("scheduled", "Scheduled"),
            ("archived", "Archived"),
        ]

    def queryset(self, request, queryset):
        value, now = self.value(), timezone.now()
        if value in ("draft", "review", "archived"):
            return queryset.filter(status=value)
        if value == "live":
            return queryset.filter(pk__in=Article.objects.published().values("pk"))
        if value == "scheduled":
            return queryset.filter(status=Article.Status.PUBLISHED, publish_at__gt=now)
        return queryset


class _TagFilter(admin.SimpleListFilter):
    """The most used tags of some kinds; any tag slug in the URL works too."""

    kinds: tuple = ()
    exclude_kinds: tuple = ()

    def _tags(self):
        tags = Tag.objects.all()
        if self.kinds:
            tags = tags.filter(kind__in=self.kinds)
        if self.exclude_kinds:
            tags = tags.exclude(kind__in=self.exclude_kinds)
        return tags

    def lookups(self, request, model_admin):
        top = cache.get_or_set(
            f"archive:admin:filter:{self.parameter_name}",
            lambda: list(
                self._tags()
                .annotate(n=Count("articletag"))
                .order_by("-n", "name")
                .values_list("slug", "name")[:TAG_CHOICES]
            ),
            CHOICES_SECONDS,
        )
        value = self.value()
        if value and value not in {slug for slug, _ in top}:
            top += list(self._tags().filter(slug=value).values_list("slug", "name"))
        return top

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tags__slug=self.value())
        return queryset


class TagFilter(_TagFilter):
    title = "tag"
    parameter_name = "tag"
    exclude_kinds = (Tag.Kind.PLACE,)


class PlaceFilter(_TagFilter):
    title = "place"
    parameter_name = "place"
    kinds = (Tag.Kind.PLACE,)


class YearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        def years():
            dates = Article.objects.filter(published_at__isnull=False).dates("published_at", "year", order="DESC")
            return [(str(day.year), str(day.year)) for day in dates]

        return cache.get_or_set("archive:admin:filter:year", years, CHOICES_SECONDS)

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdecimal() and len(value) == 4:
            return queryset.filter(published_at__year=int(value))
        return queryset


class LanguageFilter(admin.SimpleListFilter):
    """The languages articles are written in, looked up once a while: finding them reads every article."""

    title = "language"
    parameter_name = "language"

    def lookups(self, request, model_admin):
        def languages():
            found = Article.objects.order_by("language").values_list("language", flat=True).distinct()
            return [(code, code) for code in found]

        return cache.get_or_set("archive:admin:filter:language", languages, CHOICES_SECONDS)

    def queryset(self, request, queryset):
        return queryset.filter(language=self.value()) if self.value() else queryset


class _YesNoFilter(admin.SimpleListFilter):
    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def condition(self):
        raise NotImplementedError

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(self.condition())
        if self.value() == "no":
            return queryset.exclude(self.condition())
        return queryset


class HasPhotosFilter(_YesNoFilter):
    title = "has photos"
    parameter_name = "has_photos"

    def condition(self):
        return Exists(Photo.objects.filter(article=OuterRef("pk")))


class DuplicateFilter(_YesNoFilter):
    title = "possible duplicate"
    parameter_name = "duplicate"

    def condition(self):
        return Exists(DuplicateFlag.objects.filter(article=OuterRef("pk")))


def forget_choices() -> None:
    """Drop the cached choices (after tags were merged or renamed)."""
    cache.delete_many([f"archive:admin:filter:{name}" for name in ("tag", "place", "year")])
