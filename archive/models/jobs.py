"""What the background jobs (archive/jobs.py) leave for people to see: admin imports and job failures."""

from django.conf import settings
from django.db import models


class AdminImport(models.Model):
    """An upload from the admin's import page, imported by a job; the page shows its progress and summary."""

    class Status(models.TextChoices):
        PREVIEW = "preview", "waiting for confirmation"
        QUEUED = "queued", "waiting for the worker"
        RUNNING = "running", "importing"
        DONE = "done", "finished"
        FAILED = "failed", "failed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEW)
    # Names of the uploaded files in the default storage, in upload order.
    files = models.JSONField(default=list)
    size = models.BigIntegerField(default=0, help_text="Bytes uploaded, all files together.")
    source = models.ForeignKey("archive.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Indexes of the previewed articles the editor ticked; empty for "every article in the files".
    chosen = models.JSONField(default=list, blank=True)
    import_all = models.BooleanField(default=False)
    total = models.PositiveIntegerField(default=0, help_text="Articles (and unreadable lines) in the files.")
    done = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    existing = models.PositiveIntegerField(default=0, help_text="Already in the archive, so not imported again.")
    unticked = models.PositiveIntegerField(default=0, help_text="Left out by the editor in the preview.")
    failed = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="One line per file or line that failed.")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="adminimport_status_idx")]

    def __str__(self):
        return f"import {self.pk} ({self.get_status_display()})"

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class JobFailure(models.Model):
    """One failed attempt of a background job, with its error: the job queue keeps only the status."""

    job_id = models.BigIntegerField(db_index=True)
    task_name = models.CharField(max_length=200)
    attempt = models.PositiveIntegerField()
    error = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.task_name} #{self.job_id}, attempt {self.attempt}"
