"""The admin's front page: what is waiting, what changed, and what readers could not find."""

from django.db.models import Count, Q
from django.utils import timezone

from archive.admin.insights import top_queries
from archive.history.versions import recent_article_changes
from archive.jobstatus import jobs_status
from archive.models import Article
from archive.workflow import can_publish

ROWS = 10


def status_counts() -> list[tuple[str, int, str]]:
    """(label, count, change-list filter) for every status, scheduled articles apart; one query."""
    now = timezone.now()
    scheduled = Q(status=Article.Status.PUBLISHED, publish_at__gt=now)
    totals = Article.objects.aggregate(
        draft=Count("pk", filter=Q(status=Article.Status.DRAFT)),
        review=Count("pk", filter=Q(status=Article.Status.REVIEW)),
        live=Count("pk", filter=Q(status=Article.Status.PUBLISHED) & ~scheduled),
        scheduled=Count("pk", filter=scheduled),
        archived=Count("pk", filter=Q(status=Article.Status.ARCHIVED)),
    )
    labels = {
        "draft": "Drafts",
        "review": "In review",
        "live": "Published",
        "scheduled": "Scheduled",
        "archived": "Archived",
    }
    return [(labels[key], totals[key], key) for key in labels]


def dashboard(user) -> dict:
    """What the front page shows this user (only what their permissions let them open)."""
    context = {}
    if user.has_perm("archive.view_article"):
        context["status_counts"] = status_counts()
        context["waiting"] = list(
            Article.objects.filter(status=Article.Status.REVIEW).select_related("source").order_by("updated_at")[:ROWS]
        )
        context["recent"] = recent_article_changes(ROWS)
    if user.has_perm("archive.view_searchcount"):
        context["zero_results"] = top_queries(7, zero_only=True, limit=ROWS)
    if can_publish(user):
        context["jobs"] = jobs_status()
    return context
