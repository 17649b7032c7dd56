"""The archive's content: outlets, articles, their photos, credits and tags."""

import re

import pgtrigger
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import MD5, Coalesce, Concat, Lower, Mod, Now
from django.db.models.lookups import Exact
from django.utils.text import slugify

from archive.links import cached_reverse
from archive.photos import ACCEPTED, PhotoImageField
from archive.textsearch import DEFER_SETTING, SEARCH_SAMPLE_EVERY, SEARCH_THIN_SAMPLE_EVERY, article_search_vector
from archive.validators import SLUG_PATTERN, WEB_URL_PATTERN, validate_web_url

IN_SEARCH_SAMPLE = Q(Exact(Mod("id", SEARCH_SAMPLE_EVERY), 0))
IN_THIN_SEARCH_SAMPLE = Q(Exact(Mod("id", SEARCH_THIN_SAMPLE_EVERY), 0))


def unique_slug(model, text: str, *, exclude_pk=None, max_length: int = 200) -> str:
    """A slug for `text` not yet used by another row of `model` (-2, -3 … appended when taken)."""
    base = (slugify(text, allow_unicode=False) or "untitled")[: max_length - 8].strip("-") or "untitled"
    # The prefix lookups use the slug's index (a regex alone would read every row: an import of many
    # articles slowed with each one); the exact pattern is then checked here.
    pattern = re.compile(rf"{re.escape(base)}(-[0-9]+)?")
    candidates = model.objects.filter(Q(slug=base) | Q(slug__startswith=f"{base}-")).exclude(pk=exclude_pk).order_by()
    taken = {slug for slug in candidates.values_list("slug", flat=True) if pattern.fullmatch(slug)}
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


class Source(models.Model):
    """An outlet whose reporting the archive keeps."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    homepage = models.URLField(blank=True, validators=[validate_web_url])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(slug__regex=SLUG_PATTERN), name="source_slug_valid"),
            models.CheckConstraint(
                condition=Q(homepage="") | Q(homepage__iregex=WEB_URL_PATTERN), name="source_homepage_web"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("archive:source", self.slug)


class Tag(models.Model):
    """A topic, place, organization or person that articles are tagged with."""

    class Kind(models.TextChoices):
        TOPIC = "topic"
        PLACE = "place"
        ORGANIZATION = "organization"
        PERSON = "person"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TOPIC)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="tag_name_ci_unique"),
            models.CheckConstraint(condition=Q(slug__regex=SLUG_PATTERN), name="tag_slug_valid"),
        ]
        indexes = [GinIndex(OpClass(Lower("name"), name="gin_trgm_ops"), name="tag_name_trgm_idx")]
        triggers = [
            pgtrigger.Trigger(
                name="tag_renamed_refresh_articles",
                level=pgtrigger.Statement,
                when=pgtrigger.After,
                operation=pgtrigger.Update,
                referencing=pgtrigger.Referencing(old="old_rows", new="new_rows"),
                func=f"""
                IF coalesce(current_setting('{DEFER_SETTING}', true), '') <> 'on' THEN
                    PERFORM archive_refresh_article_text(ARRAY(
                        SELECT at.article_id FROM archive_articletag at
                        JOIN new_rows n ON n.id = at.tag_id JOIN old_rows o ON o.id = n.id
                        WHERE o.name IS DISTINCT FROM n.name));
                END IF;
                RETURN NULL;
                """,
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Tag, self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return cached_reverse("archive:tag", self.slug)


def _refresh_triggers(table: str, article_ids_sql: str) -> list:
    """Statement-level triggers that refresh the articles a write to `table` touched.

    `article_ids_sql` selects article ids from a transition table named {rows}. PostgreSQL allows
    transition tables only on single-event triggers, hence one trigger per operation.
    """
    guard = f"coalesce(current_setting('{DEFER_SETTING}', true), '') <> 'on'"
    sources = {
        "insert": (pgtrigger.Insert, pgtrigger.Referencing(new="new_rows"), article_ids_sql.format(rows="new_rows")),
        "delete": (pgtrigger.Delete, pgtrigger.Referencing(old="old_rows"), article_ids_sql.format(rows="old_rows")),
        "update": (
            pgtrigger.Update,
            pgtrigger.Referencing(old="old_rows", new="new_rows"),
            article_ids_sql.format(rows="new_rows") + " UNION " + article_ids_sql.format(rows="old_rows"),
        ),
    }
    return [
        pgtrigger.Trigger(
            name=f"{table}_{operation_name}_refresh_articles",
            level=pgtrigger.Statement,
            when=pgtrigger.After,
            operation=operation,
            referencing=referencing,
            func=f"""
            IF {guard} THEN
                PERFORM archive_refresh_article_text(ARRAY({ids}));
            END IF;
            RETURN NULL;
            """,
        )
        for operation_name, (operation, referencing, ids) in sources.items()
    ]


class TagAlias(models.Model):
    """Another name readers may use for a tag: a romanisation, an abbreviation, a former name."""

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "tag aliases"
        constraints = [models.UniqueConstraint(Lower("name"), "tag", name="tagalias_name_ci_unique")]
        triggers = _refresh_triggers(
            "tagalias",
            "SELECT at.article_id FROM archive_articletag at JOIN {rows} r ON r.tag_id = at.tag_id",
        )

    def __str__(self):
        return self.name


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and past any embargo."""
        return self.filter(status=Article.Status.PUBLISHED).filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=Now())
        )

    def tagged(self, *slugs: str):
        """Articles carrying every one of these tags."""
        qs = self
        for slug in slugs:
            qs = qs.filter(tags__slug=slug)
        return qs.distinct() if len(slugs) > 1 else qs

    def search(self, q: str):
        """Articles matching `q` (web-search syntax, expanded with synonyms), annotated with `rank`, best first."""
        from archive.search.core import search_queryset

        return search_queryset(self, q)

    def without_search_columns(self, keep: tuple[str, ...] = ()):
        """Articles for display: without the columns only searching reads (SEARCH_COLUMNS, but those in
        `keep`), a few kB a row."""
        return self.defer(*(column for column in SEARCH_COLUMNS if column not in keep))


# What an editor calls the article: its own columns, not the derived and bookkeeping ones (the history
# tracks these).
ARTICLE_EDITORIAL_FIELDS = (
    "title",
    "slug",
    "dek",
    "body",
    "source",
    "original_url",
    "external_id",
    "published_at",
    "language",
    "status",
    "publish_at",
    "needs_title",
)
# The columns whose change is a change of the article (generated columns may not appear in a BEFORE trigger).
ARTICLE_CONTENT_FIELDS = (*ARTICLE_EDITORIAL_FIELDS, "tag_text", "caption_text")


# Kept by the database from tags, aliases and photos (archive.textsearch); never written by a save.
TRIGGER_MAINTAINED_FIELDS = ("tag_text", "caption_text", "tag_ids")
# What only searching and duplicate detection read; pages, feeds and the API leave them out
# (ArticleQuerySet.without_search_columns).
SEARCH_COLUMNS = (*TRIGGER_MAINTAINED_FIELDS, "content_hash", "search_vector")


class Article(models.Model):
    """A piece of reporting."""

    class Status(models.TextChoices):
        DRAFT = "draft"
        REVIEW = "review"
        PUBLISHED = "published"
        ARCHIVED = "archived"

    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=200, unique=True)
    dek = models.TextField(blank=True, help_text="The standfirst: a sentence or two under the headline.")
    body = models.TextField(
        blank=True, help_text="Paragraphs separated by blank lines; a line starting ## is a subhead."
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True, related_name="articles")
    original_url = models.URLField(max_length=1000, blank=True, validators=[validate_web_url])
    external_id = models.CharField(
        max_length=200, blank=True, help_text="The article's id in the system it came from; imports update by it."
    )
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    first_published_at = models.DateTimeField(
        null=True,
        editable=False,
        help_text="When the article first became public in the archive (kept by the database).",
    )
    # The date lists, feeds and orderings place an article by: its own date, or for an undated article
    # the moment the archive first published it. Undated articles are listed, never hidden.
    listing_date = models.GeneratedField(
        expression=Coalesce("published_at", "first_published_at"),
        output_field=models.DateTimeField(null=True),
        db_persist=True,
    )
    language = models.CharField(max_length=10, default="en")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    publish_at = models.DateTimeField(
        null=True, blank=True, help_text="Embargo: the article appears publicly at this moment, not before."
    )
    needs_title = models.BooleanField(default=False, help_text="The source had no headline; the title was derived.")
    tags = models.ManyToManyField(Tag, through="ArticleTag", related_name="articles", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    # Kept by database triggers from tags, aliases and photos; never written by hand.
    tag_text = models.TextField(blank=True, default="", editable=False)
    caption_text = models.TextField(blank=True, default="", editable=False)
    # The article's tag ids, kept by the same triggers: filters and facets read them from the GIN index
    # and the row instead of joining ArticleTag for every match.
    tag_ids = ArrayField(models.BigIntegerField(), default=list, blank=True, editable=False)
    content_hash = models.GeneratedField(
        expression=MD5(Concat(Lower("title"), models.Value("\n"), "body", output_field=models.TextField())),
        output_field=models.CharField(max_length=32),
        db_persist=True,
    )
    search_vector = models.GeneratedField(
        expression=article_search_vector(), output_field=SearchVectorField(), db_persist=True
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = [F("listing_date").desc(nulls_last=True), "-id"]
        permissions = [("publish_article", "Can publish, archive and schedule articles")]
        indexes = [
            GinIndex(fields=["search_vector"], name="article_search_vector_idx"),
            GinIndex(fields=["tag_ids"], name="article_tag_ids_idx"),
            # The search sample's (archive.textsearch.SEARCH_SAMPLE_EVERY): its text, and its ids for
            # a sample without words (a tag's page).
            GinIndex(fields=["search_vector"], name="article_search_sample_idx", condition=IN_SEARCH_SAMPLE),
            models.Index(fields=["id"], name="article_sample_idx", condition=IN_SEARCH_SAMPLE),
            GinIndex(fields=["search_vector"], name="article_search_thin_sample_idx", condition=IN_THIN_SEARCH_SAMPLE),
            models.Index(fields=["content_hash"], name="article_content_hash_idx"),
            models.Index(F("listing_date").desc(nulls_last=True), F("id").desc(), name="article_listing_date_idx"),
            # Imports find existing articles by their id at the source, whatever the source.
            models.Index(fields=["external_id"], name="article_external_id_idx"),
            GinIndex(OpClass(Lower("title"), name="gin_trgm_ops"), name="article_title_trgm_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], condition=~Q(external_id=""), name="article_external_id_unique"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="article_title_not_empty"),
            models.CheckConstraint(condition=Q(slug__regex=SLUG_PATTERN), name="article_slug_valid"),
            models.CheckConstraint(
                condition=Q(original_url="") | Q(original_url__iregex=WEB_URL_PATTERN), name="article_original_url_web"
            ),
        ]
        triggers = [
            # The first moment the article is public: now when it is published, or its embargo's end if
            # that is later (moved with the embargo until it passes); kept whatever writes the row.
            pgtrigger.Trigger(
                name="article_first_published_at",
                level=pgtrigger.Row,
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.Update,
                func="""
                IF NEW.status = 'published'
                   AND (NEW.first_published_at IS NULL OR NEW.first_published_at > clock_timestamp()) THEN
                    NEW.first_published_at := greatest(clock_timestamp(), NEW.publish_at);
                END IF;
                RETURN NEW;
                """,
            ),
            # updated_at must move on every change, QuerySet.update() and trigger refreshes included,
            # because partners mirror the archive by it.
            pgtrigger.Trigger(
                name="article_touch_updated_at",
                level=pgtrigger.Row,
                when=pgtrigger.Before,
                operation=pgtrigger.Update,
                condition=pgtrigger.AnyChange(*ARTICLE_CONTENT_FIELDS),
                func="NEW.updated_at = clock_timestamp(); RETURN NEW;",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Article, self.title, exclude_pk=self.pk)
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            # The triggers own the derived columns: a copy read before someone else retagged the
            # article must not write its stale tag text or tag ids back.
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and not f.generated and f.name not in TRIGGER_MAINTAINED_FIELDS
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return cached_reverse("archive:article-detail", self.slug)

    @property
    def is_public(self) -> bool:
        from django.utils import timezone

        return self.status == self.Status.PUBLISHED and (self.publish_at is None or self.publish_at <= timezone.now())

    def paragraphs(self) -> list[str]:
        return [block.strip() for block in self.body.split("\n\n") if block.strip()]


class ArticleTag(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "tag"], name="articletag_unique")]
        indexes = [models.Index(fields=["tag", "article"], name="articletag_tag_article_idx")]
        triggers = _refresh_triggers("articletag", "SELECT article_id FROM {rows}")

    def __str__(self):
        return f"{self.article_id} → {self.tag_id}"


class Photo(models.Model):
    """A photo of an article; most imports carry only its caption and credit."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="photos")
    caption = models.TextField(blank=True)
    credit = models.CharField(max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)
    image = PhotoImageField(
        upload_to="photos/%Y/%m/",
        blank=True,
        max_length=255,
        width_field="width",
        height_field="height",
        help_text=f"{ACCEPTED}; checked for type, size and pixel count on upload.",
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt_text = models.CharField(
        max_length=500,
        blank=True,
        help_text="What the photo shows, for readers who cannot see it; the caption when left empty.",
    )
    # Set once the smaller sizes exist (archive.renditions); until then pages show the original.
    renditions_made_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["position", "id"]
        triggers = _refresh_triggers("photo", "SELECT article_id FROM {rows}")

    def __str__(self):
        return self.caption[:80] or f"Photo {self.pk}"

    @property
    def alt(self) -> str:
        return self.alt_text or self.caption


class Credit(models.Model):
    """A person credited on an article."""

    class Role(models.TextChoices):
        AUTHOR = "author"
        TRANSLATOR = "translator"
        EDITOR = "editor"
        PHOTOGRAPHER = "photographer"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="credits")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.AUTHOR)
    name = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.get_role_display()}: {self.name}"
