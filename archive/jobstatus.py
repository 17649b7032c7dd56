"""Is the background work keeping up? One reading for /healthz/jobs, `manage.py jobs_status` and the dashboard.

A newsroom's operator should not have to remember anything, but must be told when something is
behind: no worker alive, jobs that failed for good, search statistics left stale while articles
changed, or a queue that is not going down.
"""

import datetime
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.timesince import timesince

from archive.models import AdminImport, Article, SearchStats


@dataclass(frozen=True)
class JobsStatus:
    checked_at: datetime.datetime
    last_heartbeat: datetime.datetime | None
    workers: int  # workers whose heartbeat is recent
    queued: int  # jobs due now, waiting for a worker
    running: int
    failed: int  # failed after every retry, until someone retries or deletes them
    stats_refreshed_at: datetime.datetime | None
    changed_since_refresh: bool  # articles written after the statistics were refreshed
    imports_running: int

    @property
    def heartbeat_age(self) -> float | None:
        return None if self.last_heartbeat is None else (self.checked_at - self.last_heartbeat).total_seconds()

    @property
    def stats_age(self) -> float | None:
        return None if self.stats_refreshed_at is None else (self.checked_at - self.stats_refreshed_at).total_seconds()

    @property
    def problems(self) -> list[str]:
        """What is behind, in words; empty when all is well."""
        problems = []
        if not self.workers:
            seen = (
                f"last seen {timesince(self.last_heartbeat, self.checked_at)} ago"
                if self.last_heartbeat
                else "none seen"
            )
            problems.append(
                f"No background worker is running ({seen}): {self.queued} job{'s' if self.queued != 1 else ''} "
                "waiting, and imports, statistics and embargoes wait with them."
            )
        if self.failed:
            problems.append(
                f"{self.failed} background job{'s' if self.failed != 1 else ''} failed after every retry: "
                "see Background jobs in the admin."
            )
        stale = self.stats_age is None or self.stats_age > settings.ARCHIVE_STATS_STALE_SECONDS
        if self.changed_since_refresh and stale:
            age = f"{timesince(self.stats_refreshed_at, self.checked_at)} old" if self.stats_refreshed_at else "missing"
            problems.append(f"Search statistics are {age} and articles changed since: searches are slower.")
        return problems

    @property
    def behind(self) -> bool:
        return bool(self.problems)

    def sentences(self) -> list[str]:
        """The whole state in words, problems first."""
        lines = list(self.problems)
        if self.workers:
            lines.append(
                f"{self.workers} background worker{'s' if self.workers != 1 else ''} running "
                f"(heard from {timesince(self.last_heartbeat, self.checked_at)} ago)."
            )
        lines.append(
            f"{self.queued} job{'s' if self.queued != 1 else ''} waiting, {self.running} running, {self.failed} failed."
        )
        if self.imports_running:
            lines.append(f"{self.imports_running} admin import{'s' if self.imports_running != 1 else ''} in progress.")
        if self.stats_refreshed_at:
            lines.append(f"Search statistics refreshed {timesince(self.stats_refreshed_at, self.checked_at)} ago.")
        return lines

    def as_dict(self) -> dict:
        data = asdict(self)
        for key in ("checked_at", "last_heartbeat", "stats_refreshed_at"):
            data[key] = data[key].isoformat() if data[key] else None
        return data | {
            "status": "behind" if self.behind else "ok",
            "heartbeat_age_seconds": _rounded(self.heartbeat_age),
            "stats_age_seconds": _rounded(self.stats_age),
            "problems": self.problems,
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def jobs_status() -> JobsStatus:
    """Read the queue, the workers' heartbeats and the statistics' age (a few small queries)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT max(last_heartbeat), count(*) FILTER (WHERE last_heartbeat > now() - make_interval(secs => %s)) "
            "FROM procrastinate_workers",
            [settings.ARCHIVE_JOBS_HEARTBEAT_STALE_SECONDS],
        )
        last_heartbeat, workers = cursor.fetchone()
        cursor.execute(
            "SELECT count(*) FILTER (WHERE status = 'todo' AND (scheduled_at IS NULL OR scheduled_at <= now())), "
            "count(*) FILTER (WHERE status = 'doing'), count(*) FILTER (WHERE status = 'failed') "
            "FROM procrastinate_jobs WHERE status IN ('todo', 'doing', 'failed')"
        )
        queued, running, failed = cursor.fetchone()
    stats = SearchStats.objects.order_by("-id").first()
    refreshed_at = stats.refreshed_at if stats else None
    changed = Article.objects.filter(updated_at__gt=refreshed_at).exists() if refreshed_at else Article.objects.exists()
    return JobsStatus(
        checked_at=timezone.now(),
        last_heartbeat=last_heartbeat,
        workers=workers,
        queued=queued,
        running=running,
        failed=failed,
        stats_refreshed_at=refreshed_at,
        changed_since_refresh=changed,
        imports_running=AdminImport.objects.filter(
            status__in=[AdminImport.Status.QUEUED, AdminImport.Status.RUNNING]
        ).count(),
    )
