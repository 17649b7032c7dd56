"""The history of articles, their tags, photos and credits, and of tags: rows written by database triggers.

django-pghistory installs an AFTER trigger per operation on each tracked table, so every write is
kept whatever made it: the admin, the importer's COPY and bulk_create, QuerySet.update(), a tag
merge, a script or psql. The triggers are statement-level: one INSERT … SELECT from the statement's
transition table, so a COPY of a thousand articles writes their events in one statement.

Each event row is a snapshot of the tracked columns after the change (before it, for a delete),
with `pgh_context` pointing at who or what made it (archive.history names the contexts). Derived
columns (search text, tag ids, hashes, timestamps, the lock version) are not tracked, so the
triggers that refresh them leave no events.
"""

import pghistory
import pgtrigger
from django.db import models

from archive.models.content import ARTICLE_EDITORIAL_FIELDS, Article, ArticleTag, Credit, Photo, Tag, TagAlias

# What the history keeps of an article: what an editor calls the article (archive.models.content).
ARTICLE_TRACKED_FIELDS = ["id", *ARTICLE_EDITORIAL_FIELDS]

# A photo as an editor sees it; when its renditions were made is the photo job's bookkeeping.
PHOTO_TRACKED_FIELDS = ["id", "article", "caption", "credit", "position", "image", "width", "height", "alt_text"]

INSERT, UPDATE, DELETE = "insert", "update", "delete"
# Rows written by migration 0022 for what existed before the triggers (or came from simple-history).
BASELINE = "baseline"


def _trackers():
    return (pghistory.InsertEvent(INSERT), pghistory.UpdateEvent(UPDATE), pghistory.DeleteEvent(DELETE))


def _event_base(model, fields=None, *, by_object: bool):
    # Every index is paid for by each imported row: event tables index only what the history pages read
    # (an article's or tag's own events by object, its parts' events by parent; see the Meta classes).
    # The other foreign keys (context, source, tag) are left unindexed (settings.PGHISTORY_FOREIGN_KEY_FIELD).
    return pghistory.create_event_model(
        model,
        *_trackers(),
        fields=fields,
        level=pgtrigger.Statement,
        model_name=f"{model.__name__}EventBase",
        obj_field=pghistory.ObjForeignKey(db_index=by_object),
        context_field=pghistory.ContextForeignKey(db_index=False),
    )


class ArticleEvent(_event_base(Article, ARTICLE_TRACKED_FIELDS, by_object=True)):
    """An article as it was after (or, deleted, before) a change."""

    class Meta:
        # The admin's front page lists the latest changes.
        indexes = [models.Index(fields=["pgh_created_at"], name="articleevent_created_idx")]


class ArticleTagEvent(_event_base(ArticleTag, by_object=False)):
    """A tag put on (insert) or taken off (delete) an article."""

    class Meta:
        indexes = [models.Index(fields=["article"], name="articletagevent_article_idx")]


class PhotoEvent(_event_base(Photo, PHOTO_TRACKED_FIELDS, by_object=False)):
    """A photo of an article as it was after (or, deleted, before) a change."""

    class Meta:
        indexes = [models.Index(fields=["article"], name="photoevent_article_idx")]


class CreditEvent(_event_base(Credit, by_object=False)):
    """A credit on an article as it was after (or, deleted, before) a change."""

    class Meta:
        indexes = [models.Index(fields=["article"], name="creditevent_article_idx")]


class TagEvent(_event_base(Tag, by_object=True)):
    """A tag as it was after (or, deleted, before) a change."""


class TagAliasEvent(_event_base(TagAlias, by_object=False)):
    """A tag's alias as it was after (or, deleted, before) a change."""

    class Meta:
        indexes = [models.Index(fields=["tag"], name="tagaliasevent_tag_idx")]
