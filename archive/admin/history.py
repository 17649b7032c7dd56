"""An article's history beyond its own fields: its photos and credits, listed and restored with it."""

from datetime import timedelta

from archive.models import Article, Credit, Photo


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
