"""History in the admin: reverting needs change permission; an article's photos and credits follow it."""

from datetime import timedelta

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from archive.models import Article, Credit, Photo


class HistoryAdmin(SimpleHistoryAdmin):
    """History and revert, where saving a revert needs the permission to change the object.

    django-simple-history asks only for view permission, even to save a revert.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            allowed = self.has_change_permission(request, obj) if obj is not None else self.has_add_permission(request)
            if not allowed:
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


def child_history(article_id, limit: int = 100) -> list:
    """The latest changes to an article's photos and credits, newest first."""
    if not str(article_id).isdigit():
        return []
    records = []
    for model, kind, label in ((Photo, "Photo", "caption"), (Credit, "Credit", "name")):
        for record in model.history.filter(article_id=article_id).select_related("history_user")[:limit]:
            record.kind, record.label = kind, getattr(record, label)[:80]
            records.append(record)
    return sorted(records, key=lambda r: r.history_date, reverse=True)[:limit]


def restore_version_children(article: Article, record) -> None:
    """After a revert to `record`: the article's photos and credits as they were in that version.

    Inlines are saved just after their article, so a version's photos and credits are the last ones
    before the article's next version (the revert's own entry aside).
    """
    following = (
        Article.history.filter(id=record.id, history_date__gt=record.history_date)
        .exclude(history_id=article.history.latest().history_id)
        .order_by("history_date")
        .first()
    )
    restore_children(article, following.history_date - timedelta(microseconds=1) if following else None)


def restore_children(article: Article, when) -> None:
    """Put the article's photos and credits back as they were at `when` (None: leave them)."""
    if when is None:
        return
    for model in (Photo, Credit):
        past = list(model.history.as_of(when).filter(article_id=article.pk))
        model.objects.filter(article=article).exclude(pk__in=[obj.pk for obj in past]).delete()
        for obj in past:
            obj.save()
