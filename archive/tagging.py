"""Merging tags: several names for one thing become one tag, and nothing is lost on the way."""

from dataclasses import dataclass

import pghistory.models
from django.db import transaction

from archive.history.context import recorded_as
from archive.models import ArticleTag, Tag, TagAlias


@dataclass(frozen=True)
class MergeResult:
    target: Tag
    merged: list[str]
    articles_retagged: int
    aliases_added: list[str]


def merge_tags(target: Tag, tags) -> MergeResult:
    """Fold `tags` into `target`.

    Every article tagged with one of them is tagged with `target`; their names and aliases become
    aliases of `target`; anything else pointing at them points at `target`; then they are deleted.
    The database triggers refresh the search text of every article touched, in this transaction, and
    record each change in the history as "merge of tag X into Y".
    """
    names = ", ".join(sorted(tag.name for tag in tags if tag.pk != target.pk))
    with transaction.atomic(), recorded_as(f"merge of tag {names} into {target.name}"):
        return _merge(target, tags)


def _merge(target: Tag, tags) -> MergeResult:
    others = [tag for tag in Tag.objects.select_for_update().filter(pk__in=[t.pk for t in tags]) if tag.pk != target.pk]
    if not others:
        return MergeResult(target, [], 0, [])

    already = set(ArticleTag.objects.filter(tag=target).values_list("article_id", flat=True))
    moving = set(ArticleTag.objects.filter(tag__in=others).values_list("article_id", flat=True)) - already
    ArticleTag.objects.bulk_create([ArticleTag(article_id=article_id, tag=target) for article_id in sorted(moving)])

    known = {target.name.lower(), *(name.lower() for name in target.aliases.values_list("name", flat=True))}
    added = []
    for alias in TagAlias.objects.filter(tag__in=others).order_by("name"):
        if alias.name.lower() not in known:
            alias.tag = target
            alias.save()
            known.add(alias.name.lower())
            added.append(alias.name)
    for other in others:
        if other.name.lower() not in known:
            TagAlias.objects.create(tag=target, name=other.name)
            known.add(other.name.lower())
            added.append(other.name)

    # Whatever else points at the old tags (a promotion for a tag page, a synonym group) follows.
    for relation in Tag._meta.related_objects:
        model = relation.related_model
        if model in (ArticleTag, TagAlias) or relation.field.model is Tag or issubclass(model, pghistory.models.Event):
            continue
        if relation.many_to_many:
            if relation.through._meta.auto_created:
                for obj in model._default_manager.filter(**{f"{relation.field.name}__in": others}).distinct():
                    getattr(obj, relation.field.name).add(target)
        elif relation.field.concrete:
            model._default_manager.filter(**{f"{relation.field.name}__in": others}).update(
                **{relation.field.name: target}
            )

    names = [other.name for other in others]
    for other in others:
        other.delete()
    return MergeResult(target, names, len(moving), added)
