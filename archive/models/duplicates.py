"""Articles that look like copies of one another, flagged for an editor to decide."""

from django.db import models

from archive.models.content import Article


class DuplicateFlag(models.Model):
    """`article` closely matches `other`: the same text, or a title that is nearly the same."""

    class Reason(models.TextChoices):
        SAME_TEXT = "same_text", "same title and text"
        SIMILAR_TITLE = "similar_title", "similar title"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="duplicate_flags")
    other = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    similarity = models.FloatField(default=1.0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-similarity"]
        constraints = [
            models.UniqueConstraint(fields=["article", "other"], name="duplicateflag_pair_unique"),
            models.CheckConstraint(condition=~models.Q(article=models.F("other")), name="duplicateflag_not_self"),
        ]

    def __str__(self):
        return f"{self.article_id} ≈ {self.other_id} ({self.get_reason_display()})"
