"""What runs in the background, on the archive's own PostgreSQL (procrastinate's queue).

A worker (`manage.py procrastinate worker`) takes jobs from the queue; while none runs, jobs wait in
the database and nothing is lost. Each job is safe to run twice. A job that raises is retried with
backoff (RETRY), each failed attempt's error kept in JobFailure; after the last attempt the job stays
"failed" in the admin (Background jobs), where it can be retried.

- refresh_search_statistics: the incremental refresh, queued (at most one waiting) once a
  transaction that changed articles commits (archive.apps connects it), and every few minutes;
  a full refresh nightly;
- import_upload: an admin import, from the uploaded files kept in the storage;
- release_embargoes, every minute: articles whose publish_at passed go public everywhere;
- retention, nightly: old change events, query insights, stale uploads and finished jobs;
- retry_stalled_jobs, every five minutes: jobs left "doing" by a worker that was killed go back to the queue.
"""

import contextlib
import contextvars
import datetime
import functools
import logging
import traceback

from django.conf import settings
from django.db import close_old_connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from procrastinate import RetryStrategy, sql
from procrastinate.contrib.django import app
from procrastinate.exceptions import AlreadyEnqueued

from archive import renditions
from archive.importers import uploads
from archive.models import AdminImport, Article, ChangeEvent, JobFailure, Photo, SearchCount, Tag, TagAlias
from archive.search import refresh_search_stats

logger = logging.getLogger(__name__)

# Four retries after the first attempt, waiting 4 s, 16 s, 64 s and 256 s: a database restart or a
# full disk gets minutes to pass before the job is left failed. (procrastinate's max_attempts counts retries.)
RETRY = RetryStrategy(max_attempts=4, exponential_wait=4)
REFRESH_LOCK = "refresh-search-statistics"
# A refresh that finds the statistics held (an import is writing) is queued again this much later.
BUSY_RETRY_SECONDS = 30
# Scheduled jobs have a queue of their own: a worker may be pointed at one kind (`--queues`); by default
# a worker takes every queue.
SCHEDULED = "scheduled"
# An upload nobody confirmed is forgotten after this long.
PREVIEW_LIFETIME = datetime.timedelta(days=1)
# Finished jobs are kept this long for the admin's list; failed ones until someone retries or deletes them.
FINISHED_JOBS_HOURS = 7 * 24
FAILURES_KEPT = datetime.timedelta(days=90)
# Photos the safety net makes renditions for in one run (the rest wait for the next).
RENDITIONS_PER_RUN = 500


def job(name: str | None = None, **options):
    """A procrastinate task that records its failures and uses fresh database connections."""

    def register(function):
        @functools.wraps(function)
        def run(context, *args, **kwargs):
            close_old_connections()
            try:
                return function(*args, **kwargs)
            except Exception as error:
                JobFailure.objects.create(
                    job_id=context.job.id,
                    task_name=context.job.task_name,
                    attempt=context.job.attempts + 1,
                    error="".join(traceback.format_exception_only(error)).strip(),
                )
                raise
            finally:
                close_old_connections()

        return app.task(name=name or function.__name__, pass_context=True, retry=RETRY, **options)(run)

    return register


# ---------------------------------------------------------------------------------------- statistics


def _refresh(full: bool) -> dict:
    # A worker never waits on an import's open transaction (it may last an hour): the import refreshes
    # the statistics itself, or queues a refresh when it ends; this one is tried again a little later.
    summary = refresh_search_stats(full=True if full else None, wait=False)
    if summary["skipped"]:
        logger.info("Search statistics busy: refresh tried again later", extra={"full": full})
        _defer_refresh(full=full, delay=BUSY_RETRY_SECONDS)
        return {"skipped": True}
    logger.info("Search statistics refreshed", extra={"full": summary["full"], "changed": summary["changed"]})
    return {key: summary[key] for key in ("full", "articles", "changed", "words")}


@job(queueing_lock=REFRESH_LOCK)
def refresh_search_statistics(full: bool = False) -> dict:
    """Bring the search statistics up to date (incremental unless `full`)."""
    return _refresh(full)


@app.periodic(cron="*/10 * * * *", periodic_id="incremental")
@job(queue=SCHEDULED)
def scheduled_refresh(timestamp: int) -> dict:
    """The safety net: whatever changed without queueing a refresh is folded in within ten minutes."""
    return _refresh(full=False)


@app.periodic(cron="0 3 * * *", periodic_id="nightly")
@job(queue=SCHEDULED)
def nightly_full_refresh(timestamp: int) -> dict:
    """Document frequencies drift with many small imports; a full refresh resets them."""
    return _refresh(full=True)


# Set while an import runs that refreshes the statistics itself when it ends.
_held = contextvars.ContextVar("archive_refresh_held", default=False)


@contextlib.contextmanager
def refresh_held():
    """Article writes inside queue no refresh: the caller brings the statistics up to date afterwards."""
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)


@receiver(post_save, sender=Article, dispatch_uid="archive.jobs.article_saved")
@receiver(post_delete, sender=Article, dispatch_uid="archive.jobs.article_deleted")
@receiver(m2m_changed, sender=Article.tags.through, dispatch_uid="archive.jobs.article_tags_changed")
# A renamed or merged tag, or a new alias, changes the text of every article carrying it (database triggers).
@receiver(post_save, sender=Tag, dispatch_uid="archive.jobs.tag_saved")
@receiver(post_delete, sender=Tag, dispatch_uid="archive.jobs.tag_deleted")
@receiver(post_save, sender=TagAlias, dispatch_uid="archive.jobs.alias_saved")
@receiver(post_delete, sender=TagAlias, dispatch_uid="archive.jobs.alias_deleted")
def _article_changed(sender, **kwargs) -> None:
    # Admin saves, publishes and bulk actions (archive.workflow saves article by article) all land here.
    if not _held.get():
        refresh_soon()


def refresh_soon() -> None:
    """Queue the incremental refresh once the current transaction commits (once, however many writes)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        if any(callback is _defer_refresh for _, callback, _ in connection.run_on_commit):
            return
        transaction.on_commit(_defer_refresh)
    else:
        _defer_refresh()


def queue_full_refresh() -> None:
    """Ask the worker for the nightly full refresh now (once, however often asked before it runs)."""
    _defer_refresh(full=True)


def _defer_refresh(full: bool = False, delay: int = 0) -> None:
    # A full refresh waits apart: an incremental one already waiting must not swallow it.
    options = {"queueing_lock": f"{REFRESH_LOCK}-full"} if full else {}
    if delay:
        options["schedule_in"] = {"seconds": delay}
    try:
        # A savepoint: a refresh already waiting makes the insert fail, which must not end the caller's transaction.
        with transaction.atomic():
            refresh_search_statistics.configure(**options).defer(full=full)
    except AlreadyEnqueued:
        pass


# ------------------------------------------------------------------------------------------ photos


@job(name=renditions.RENDITIONS_TASK)
def make_photo_renditions(photo_ids: list[int]) -> dict:
    """A thumbnail and the responsive sizes of these photos (archive.renditions); safe to run again."""
    return {"photos": renditions.make_renditions(photo_ids)}


@app.periodic(cron="*/10 * * * *", periodic_id="renditions")
@job(queue=SCHEDULED, name="make_missing_renditions")
def make_missing_renditions(timestamp: int) -> dict:
    """The safety net: photos stored without queueing their renditions (a script, a failed job) get them."""
    missing = Photo.objects.filter(renditions_made_at__isnull=True).exclude(image="").values_list("pk", flat=True)
    return {"photos": renditions.make_renditions(list(missing[:RENDITIONS_PER_RUN]))}


# ------------------------------------------------------------------------------------------ imports


@job()
def import_upload(import_id: int) -> dict:
    """Import an upload from the admin's import page (archive.importers.uploads.run_import)."""
    upload = AdminImport.objects.select_related("user", "source").filter(pk=import_id).first()
    if upload is None or upload.status in (AdminImport.Status.DONE, AdminImport.Status.PREVIEW):
        return {"skipped": True}  # already imported, or never confirmed
    try:
        with refresh_held():
            upload = uploads.run_import(upload)
    except Exception as error:
        AdminImport.objects.filter(pk=import_id).update(
            status=AdminImport.Status.FAILED, errors=[f"The import stopped: {error}"]
        )
        raise
    if upload.created:
        refresh_soon()
    return {"created": upload.created, "existing": upload.existing, "failed": upload.failed}


def queue_import(upload: AdminImport) -> None:
    """Hand a confirmed upload to the worker (the job is written in the same transaction as the status)."""
    with transaction.atomic():
        AdminImport.objects.filter(pk=upload.pk).update(status=AdminImport.Status.QUEUED)
        import_upload.defer(import_id=upload.pk)


# ----------------------------------------------------------------------------------------- embargoes


@app.periodic(cron="* * * * *", periodic_id="embargoes")
@job(queue=SCHEDULED)
def release_embargoes(timestamp: int) -> dict:
    """Articles whose embargo passed enter the change feed (and so the feeds' and sitemap's caches move on)."""
    released = ChangeEvent.release_due()
    if released:
        refresh_soon()
    return {"released": released}


# ----------------------------------------------------------------------------------------- retention


@app.periodic(cron="30 3 * * *", periodic_id="nightly")
@job(queue=SCHEDULED)
def retention(timestamp: int) -> dict:
    """Delete what is kept only for a while: change events, query insights, unconfirmed uploads, old jobs."""
    return prune_change_events() | prune_query_insights() | forget_stale_uploads() | prune_finished_jobs()


def prune_change_events(days: int | None = None) -> dict:
    """Change-feed events older than ARCHIVE_CHANGES_RETENTION_DAYS (pending embargo events are kept)."""
    days = settings.ARCHIVE_CHANGES_RETENTION_DAYS if days is None else days
    cutoff = timezone.now() - datetime.timedelta(days=days)
    deleted, _ = ChangeEvent.objects.filter(txid__isnull=False, occurred_at__lt=cutoff).delete()
    return {"change_events": deleted}


def prune_query_insights(days: int | None = None) -> dict:
    """Days of query insights (already counted per day) older than ARCHIVE_INSIGHTS_RETENTION_DAYS."""
    days = settings.ARCHIVE_INSIGHTS_RETENTION_DAYS if days is None else days
    cutoff = timezone.localdate() - datetime.timedelta(days=days)
    deleted, _ = SearchCount.objects.filter(day__lt=cutoff).delete()
    return {"query_insights": deleted}


def forget_stale_uploads() -> dict:
    """Uploads previewed but never confirmed within a day: their files and rows."""
    stale = AdminImport.objects.filter(
        status=AdminImport.Status.PREVIEW, created_at__lt=timezone.now() - PREVIEW_LIFETIME
    )
    for upload in stale:
        uploads.delete_stored(upload.files)
    deleted, _ = stale.delete()
    return {"stale_uploads": deleted}


def prune_finished_jobs() -> dict:
    """Succeeded and cancelled jobs after a week, and the recorded errors of long-gone failures."""
    app.connector.execute_query(
        query=sql.queries["delete_old_jobs"],
        nb_hours=FINISHED_JOBS_HOURS,
        queue=None,
        statuses=["succeeded", "cancelled", "aborted"],
    )
    deleted, _ = JobFailure.objects.filter(at__lt=timezone.now() - FAILURES_KEPT).delete()
    return {"job_failures": deleted}


# -------------------------------------------------------------------------------------------- workers


@app.periodic(cron="*/5 * * * *", periodic_id="stalled")
@app.task(name="retry_stalled_jobs", pass_context=True, queue=SCHEDULED, queueing_lock="retry-stalled-jobs")
async def retry_stalled_jobs(context, timestamp: int) -> int:
    """A worker killed mid-job (SIGKILL, a lost machine) leaves its job "doing"; once its heartbeat is
    stale the job is queued again (every job here is safe to run twice)."""
    stalled = list(await context.app.job_manager.get_stalled_jobs())
    for stalled_job in stalled:
        await context.app.job_manager.retry_job(stalled_job)
    return len(stalled)
