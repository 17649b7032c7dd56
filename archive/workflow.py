"""Who may move an article where, and the editorial changes made to many articles at once.

Contributors write drafts and send them to review; editors (the `publish_article` permission) also
publish, archive and schedule. Every change here is saved article by article so that each one is in
the history with who made it, and bumps the article's version so an editor's open form goes stale.
"""

from django.db import transaction

from archive.models import Article, Tag

PUBLISH_PERMISSION = "archive.publish_article"
# What a contributor may set and edit; published and archived articles are the editors'.
CONTRIBUTOR_STATUSES = (Article.Status.DRAFT, Article.Status.REVIEW)


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def allowed_statuses(user) -> list[str]:
    """The statuses `user` may give an article."""
    if can_publish(user):
        return list(Article.Status.values)
    return list(CONTRIBUTOR_STATUSES)


def can_edit(user, article: Article | None) -> bool:
    """Whether `user` may change this article (None: articles in general)."""
    if not user.has_perm("archive.change_article"):
        return False
    return article is None or can_publish(user) or article.status in CONTRIBUTOR_STATUSES


def editable_by(user, articles):
    """The part of a queryset of articles that `user` may change."""
    if can_publish(user):
        return articles
    return articles.filter(status__in=CONTRIBUTOR_STATUSES)


def _locked(articles):
    # Row locks: a concurrent save of one of these articles waits, then sees the new version.
    return Article.objects.filter(pk__in=articles.values("pk")).select_for_update().order_by("pk")


@transaction.atomic
def set_status(articles, status: str) -> int:
    """Give every article in the queryset `status`; returns how many changed."""
    changed = 0
    for article in _locked(articles).exclude(status=status):
        article.status = status
        article.version += 1
        article.save(update_fields=["status", "version", "updated_at"])
        changed += 1
    return changed


@transaction.atomic
def add_tag(articles, tag: Tag) -> int:
    """Tag every article in the queryset with `tag`; returns how many gained it."""
    return _retag(_locked(articles).exclude(tags=tag), lambda article: article.tags.add(tag))


@transaction.atomic
def remove_tag(articles, tag: Tag) -> int:
    """Take `tag` off every article in the queryset; returns how many lost it."""
    return _retag(_locked(articles).filter(tags=tag), lambda article: article.tags.remove(tag))


def _retag(articles, change) -> int:
    """Apply `change` to each article and bump its version (the history triggers record the tag rows)."""
    changed = 0
    for article in articles:
        change(article)
        article.version += 1
        article.save(update_fields=["version", "updated_at"])
        changed += 1
    return changed
