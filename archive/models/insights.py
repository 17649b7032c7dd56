"""What people search for: counts per day, normalised query and channel, never who searched."""

from django.db import models


class SearchCount(models.Model):
    """How often one normalised query was searched on one day through one channel, and what it found."""

    class Channel(models.TextChoices):
        SITE = "site"
        API = "api"
        ADMIN = "admin"

    day = models.DateField()
    channel = models.CharField(max_length=10, choices=Channel.choices)
    query = models.CharField(max_length=200)
    searches = models.PositiveIntegerField(default=0)
    zero_results = models.PositiveIntegerField(default=0, help_text="Searches that found nothing.")
    last_result_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "-searches"]
        verbose_name_plural = "query insights"
        constraints = [
            models.UniqueConstraint(fields=["day", "channel", "query"], name="searchcount_day_channel_query_unique")
        ]
        indexes = [models.Index(fields=["day", "channel"], name="searchcount_day_channel_idx")]

    def __str__(self):
        return f"{self.query} ({self.channel}, {self.day})"
