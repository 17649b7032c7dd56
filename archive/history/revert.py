"""Revert: an object and its parts written back as they were at a version, as a new version of its own."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from archive.history.context import recorded_as
from archive.history.versions import ARTICLE, State, Tracked, Version, state_at, tag_name, versions
from archive.models import Article, ArticleTag, Tag
from archive.textsearch import refresh_article_text


class CannotRevert(Exception):
    """The version cannot be restored (it is unknown, or the object did not exist then)."""


@dataclass
class RevertResult:
    version: Version
    # Parts left out because what they point at is gone (a tag merged away since).
    skipped: list[str] = field(default_factory=list)


def revert(tracked: Tracked, obj, version_id) -> RevertResult:
    """Write `obj` and its parts back as they were at the version; the revert is recorded as a version."""
    version = next((v for v in versions(tracked, obj.pk) if v.id == version_id), None)
    state = state_at(tracked, obj.pk, version_id) if version is not None else None
    if state is None:
        raise CannotRevert("This version is not in the history of this item.")
    if state.fields is None:
        raise CannotRevert("The item did not exist in this version.")
    when = timezone.localtime(version.at).strftime("%Y-%m-%d %H:%M:%S")
    with transaction.atomic(), recorded_as(f"revert to the version of {when} ({version.author})"):
        obj = type(obj).objects.select_for_update().get(pk=obj.pk)
        result = RevertResult(version)
        _restore_object(tracked, obj, state)
        for part in tracked.parts:
            result.skipped += _restore_part(part, obj.pk, state.parts[part.name])
        if tracked.model is Article:
            refresh_article_text([obj.pk])
    return result


def revert_article(article: Article, version_id) -> RevertResult:
    return revert(ARTICLE, article, version_id)


def _restore_object(tracked: Tracked, obj, state: State) -> None:
    for name, value in state.fields.items():
        setattr(obj, name, value)
    update = list(state.fields)
    if isinstance(obj, Article):
        # A revert is an edit: an editor's open form of the article goes stale.
        obj.version += 1
        update += ["version", "updated_at"]
    obj.save(update_fields=update)


def _restore_part(part, parent_id: int, rows: list[dict]) -> list[str]:
    """Make the parent's rows of `part` exactly `rows`; returns what could not be restored."""
    skipped = []
    if part.model is ArticleTag:
        existing = set(Tag.objects.filter(pk__in=[row["tag_id"] for row in rows]).values_list("pk", flat=True))
        skipped = [f"tag {tag_name(row['tag_id'])}" for row in rows if row["tag_id"] not in existing]
        rows = [row for row in rows if row["tag_id"] in existing]
    keep = [row["id"] for row in rows]
    part.model.objects.filter(**{f"{part.parent_field}_id": parent_id}).exclude(pk__in=keep).delete()
    current = {obj.pk: obj for obj in part.model.objects.filter(pk__in=keep)}
    for row in rows:
        obj = current.get(row["id"])
        if obj is None:
            part.model(**row).save(force_insert=True)
        elif any(getattr(obj, name) != value for name, value in row.items()):
            for name, value in row.items():
                setattr(obj, name, value)
            obj.save()
    return skipped
