"""Editors' search curation: synonym groups applied at query time, and promoted results."""

import re
import unicodedata

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone


def normalize_query(text: str) -> str:
    """Lower case, accents and punctuation folded, hyphens as spaces: how curated queries are compared."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.findall(r"\w+", text))


class SynonymGroupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class SynonymGroup(models.Model):
    """Terms a reader may use for the same thing; a search for one also finds the others.

    Applied when a query is run (inside quoted phrases too), so a change takes effect on the next
    search without reindexing.
    """

    terms = ArrayField(
        models.CharField(max_length=200),
        help_text="Words or phrases, separated by commas, e.g. defector, escapee, runaway.",
    )
    one_way = models.BooleanField(
        default=False,
        help_text="Only the first term expands to the others (a search for a later term does not find the first).",
    )
    is_active = models.BooleanField(default=True)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SynonymGroupQuerySet.as_manager()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        arrow = " → " if self.one_way else " ↔ "
        return arrow.join([self.terms[0], ", ".join(self.terms[1:])]) if self.terms else "(empty)"

    def clean(self):
        terms = [term.strip() for term in self.terms or [] if term.strip()]
        if len({normalize_query(term) for term in terms} - {""}) < 2:
            raise ValidationError({"terms": "A synonym group needs at least two different terms."})
        self.terms = terms


class PromotionQuerySet(models.QuerySet):
    def current(self, now=None):
        """Promotions inside their optional start and end dates."""
        now = now or timezone.now()
        return self.filter(
            Q(starts_at__isnull=True) | Q(starts_at__lte=now), Q(ends_at__isnull=True) | Q(ends_at__gt=now)
        )


class Promotion(models.Model):
    """An article an editor pins to the top of a query's results or of a tag page."""

    class Match(models.TextChoices):
        EXACT = "exact", "The exact query"
        CONTAINS = "contains", "Any query containing these words"

    article = models.ForeignKey("archive.Article", on_delete=models.CASCADE, related_name="promotions")
    query = models.CharField(max_length=300, blank=True, help_text="The query this article is promoted for.")
    normalized_query = models.CharField(max_length=300, blank=True, editable=False, db_index=True)
    match = models.CharField(max_length=10, choices=Match.choices, default=Match.EXACT)
    tag = models.ForeignKey(
        "archive.Tag",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="promotions",
        help_text="Or: promote the article on this tag's page.",
    )
    position = models.PositiveIntegerField(default=0, help_text="Lower comes first.")
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PromotionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(~Q(query="") & Q(tag__isnull=True)) | (Q(query="") & Q(tag__isnull=False)),
                name="promotion_query_or_tag",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(starts_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="promotion_ends_after_start",
            ),
        ]

    def __str__(self):
        target = f"“{self.query}”" if self.query else f"tag {self.tag}"
        return f"{self.article} for {target}"

    def save(self, *args, **kwargs):
        self.query = self.query.strip()
        self.normalized_query = normalize_query(self.query)
        super().save(*args, **kwargs)

    def clean(self):
        if bool(self.query.strip()) == bool(self.tag_id):
            raise ValidationError("Promote either for a query or for a tag page, not both or neither.")
        if self.query and not normalize_query(self.query):
            raise ValidationError({"query": "The query has no words."})
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The end must come after the start."})
