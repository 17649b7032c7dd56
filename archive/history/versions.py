"""The versions of an article (or a tag): its history rows grouped by the change that made them.

A version is everything one context changed: an editor's save (the article, its tags, photos and
credits together), one import of a file, a merge, a revert, a script's transaction. Each version
says what changed; the state at a version is read back from the events up to it, and revert
(archive.history.revert) writes that state back.
"""

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from archive.history.context import Author, authors
from archive.models import (
    Article,
    ArticleEvent,
    ArticleTag,
    ArticleTagEvent,
    Credit,
    CreditEvent,
    Photo,
    PhotoEvent,
    Tag,
    TagAlias,
    TagAliasEvent,
    TagEvent,
)
from archive.models.history import BASELINE, DELETE, INSERT

SNIPPET = 60


@dataclass(frozen=True)
class Part:
    """Rows that belong to a tracked object and come back with it on revert (its tags, photos, credits)."""

    name: str  # as an editor says it: "tag", "photo", "credit", "alias"
    model: type
    event_model: type
    parent_field: str  # the foreign key to the tracked object

    def describe(self, event) -> str:
        if self.model is ArticleTag:
            return getattr(event, "tag_label", None) or tag_name(event.tag_id)
        if self.model is Photo:
            return _snippet(event.caption) or f"photo {event.pgh_obj_id}"
        if self.model is Credit:
            return f"{event.role} {event.name}"
        return str(getattr(event, "name", event.pgh_obj_id))


@dataclass(frozen=True)
class Tracked:
    """A tracked object type: its own events, the fields a revert restores, and its parts."""

    model: type
    event_model: type
    restored_fields: tuple[str, ...]
    parts: tuple[Part, ...]


# Workflow fields (status, embargo) and the public address stay as they are on revert: going back to
# an older text must not publish, unpublish or move an article.
ARTICLE = Tracked(
    Article,
    ArticleEvent,
    ("title", "dek", "body", "source_id", "original_url", "external_id", "published_at", "language", "needs_title"),
    (
        Part("tag", ArticleTag, ArticleTagEvent, "article"),
        Part("photo", Photo, PhotoEvent, "article"),
        Part("credit", Credit, CreditEvent, "article"),
    ),
)
TAG = Tracked(Tag, TagEvent, ("name", "kind", "description"), (Part("alias", TagAlias, TagAliasEvent, "tag"),))


@dataclass
class Version:
    """What one change did to an object."""

    id: UUID  # the pghistory context
    at: datetime  # its last event on this object
    author: Author
    changes: list[str] = field(default_factory=list)


@dataclass
class State:
    """An object as it was at a version: its fields, and its parts' rows (field name -> value)."""

    fields: dict | None  # None: the object did not exist
    parts: dict[str, list[dict]]


def versions(tracked: Tracked, object_id: int) -> list[Version]:
    """Every version of the object, newest first."""
    grouped: dict[UUID, list] = {}
    for part, event in _events(tracked, object_id):
        grouped.setdefault(event.pgh_context_id, []).append((part, event))
    who = authors({event.pgh_context for group in grouped.values() for _, event in group})
    result = []
    previous: dict = {}  # the object's last snapshot before each version, for "what changed"
    for context_id, group in sorted(grouped.items(), key=lambda item: max(e.pgh_created_at for _, e in item[1])):
        version = Version(
            id=context_id,
            at=max(event.pgh_created_at for _, event in group),
            author=who.get(context_id, Author("", "unknown")),
        )
        for part, event in group:
            if part is None:
                version.changes.append(_object_change(tracked, previous.get("object"), event))
                previous["object"] = event
            else:
                version.changes.append(_part_change(part, previous, event))
        result.append(version)
    return result[::-1]


def state_at(tracked: Tracked, object_id: int, version_id: UUID) -> State | None:
    """The object and its parts as they were just after the version (None: no such version)."""
    events = _events(tracked, object_id)
    mine = [event.pgh_created_at for _, event in events if event.pgh_context_id == version_id]
    if not mine:
        return None
    until = max(mine)
    latest: dict[tuple, object] = {}
    for part, event in events:
        if event.pgh_created_at <= until:
            latest[(part.name if part else None, event.pgh_obj_id)] = event
    obj = latest.get((None, object_id))
    fields = None
    if obj is not None and obj.pgh_label != DELETE:
        fields = {name: getattr(obj, name) for name in tracked.restored_fields}
    parts = {part.name: [] for part in tracked.parts}
    for (name, _), event in sorted(latest.items(), key=lambda item: item[1].pgh_obj_id):
        if name is not None and event.pgh_label != DELETE:
            part = next(p for p in tracked.parts if p.name == name)
            parts[name].append(_row(part, event))
    return State(fields, parts)


@dataclass(frozen=True)
class RecentChange:
    """A change to an article, for the admin's front page."""

    article_id: int
    title: str
    what: str  # "created", "changed", "deleted"
    author: Author
    at: datetime


def recent_article_changes(limit: int) -> list[RecentChange]:
    """The latest changes to articles' own fields, newest first."""
    events = list(ArticleEvent.objects.select_related("pgh_context").order_by("-pgh_created_at", "-pgh_id")[:limit])
    who = authors({event.pgh_context for event in events})
    labels = {INSERT: "created", DELETE: "deleted"}
    return [
        RecentChange(
            e.pgh_obj_id, e.title, labels.get(e.pgh_label, "changed"), who.get(e.pgh_context_id), e.pgh_created_at
        )
        for e in events
    ]


def tag_name(tag_id: int) -> str:
    return tag_names({tag_id})[tag_id]


def tag_names(tag_ids: set[int]) -> dict[int, str]:
    """Tags' names, or their last recorded names for tags deleted since (merged away)."""
    names = dict(Tag.objects.filter(pk__in=tag_ids).values_list("pk", "name"))
    gone = tag_ids - set(names)
    last = (
        TagEvent.objects.filter(pgh_obj_id__in=gone)
        .order_by("pgh_obj_id", "-pgh_created_at", "-pgh_id")
        .distinct("pgh_obj_id")
        .values_list("pgh_obj_id", "name")
    )
    names |= {tag_id: f"{name} (deleted)" for tag_id, name in last}
    return {tag_id: names.get(tag_id, f"tag {tag_id} (deleted)") for tag_id in tag_ids}


def _events(tracked: Tracked, object_id: int) -> list[tuple[Part | None, object]]:
    """(part or None for the object itself, event) in the order they happened."""
    events = [(None, e) for e in tracked.event_model.objects.filter(pgh_obj_id=object_id).select_related("pgh_context")]
    for part in tracked.parts:
        rows = list(
            part.event_model.objects.filter(**{f"{part.parent_field}_id": object_id}).select_related("pgh_context")
        )
        if part.model is ArticleTag:
            names = tag_names({row.tag_id for row in rows})
            for row in rows:
                row.tag_label = names[row.tag_id]
        events += [(part, e) for e in rows]
    return sorted(events, key=lambda pair: (pair[1].pgh_created_at, pair[1].pgh_id))


def _row(part: Part, event) -> dict:
    names = {f.attname for f in part.event_model._meta.concrete_fields}
    return {
        f.attname: getattr(event, f.attname)
        for f in part.model._meta.concrete_fields
        if f.attname in names and not f.generated
    }


def _object_change(tracked: Tracked, before, event) -> str:
    if event.pgh_label == DELETE:
        return "deleted"
    if before is None or event.pgh_label == INSERT:
        return "created" if event.pgh_label == INSERT else "recorded as it was"
    names = [f.attname for f in tracked.event_model._meta.concrete_fields if not f.name.startswith("pgh_")]
    changed = [
        tracked.model._meta.get_field(name).verbose_name
        for name in names
        if getattr(before, name) != getattr(event, name)
    ]
    return "changed " + ", ".join(changed) if changed else "saved without changes"


def _part_change(part: Part, previous: dict, event) -> str:
    key = (part.name, event.pgh_obj_id)
    before = previous.get(key)
    previous[key] = event
    what = part.describe(event)
    if event.pgh_label == BASELINE:
        return f"{part.name}: {what}"
    if event.pgh_label == DELETE:
        return f"{part.name} removed: {what}"
    if before is None or before.pgh_label == DELETE:
        return f"{part.name} added: {what}"
    return f"{part.name} changed: {what}"


def _snippet(text: str) -> str:
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"
