"""What each imported article looked like when it was imported, so a re-import can tell its own
changes from an editor's (see archive.importers.store)."""

from django.db import models
from django.utils import timezone

from archive.models.content import Article


class ImportRecord(models.Model):
    """The last imported version of an article: a fingerprint of the record and one hash per field."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="import_record")
    fingerprint = models.CharField(max_length=32)
    field_hashes = models.JSONField(default=dict)
    origin = models.CharField(max_length=500, blank=True, help_text="The file (and line) it was imported from.")
    imported_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.article_id} from {self.origin or 'an import'}"
