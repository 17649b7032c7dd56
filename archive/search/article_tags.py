"""The tags shown with each article of a results page, without a query: the article's own tag ids (a column
the triggers keep, archive.textsearch) looked up among the tags, read once per generation of the vocabulary.

prefetch_related("tags") costs a query and, for twenty articles, more Python than reading the articles
themselves. Every write to archive_tag moves the vocabulary's generation (migration 0027), so the tags read
under it are exactly what a prefetch would read.
"""

from dataclasses import dataclass

from django.db.models import prefetch_related_objects

from archive.prefetched import as_prefetched
from archive.search import cache as search_cache


@dataclass(frozen=True)
class TagTable:
    by_id: dict
    # Each tag's place in Tag's own ordering (by name, in the database's collation): an article's tags come
    # in the order a prefetch gives them.
    place: dict[int, int]


def _read() -> TagTable:
    from archive.models import Tag

    tags = list(Tag.objects.order_by(*Tag._meta.ordering, "id"))
    return TagTable({tag.pk: tag for tag in tags}, {tag.pk: i for i, tag in enumerate(tags)})


_table = search_cache.PerGeneration(_read, vocabulary=True)


def attach_tags(articles) -> None:
    """Give each article (read with its `tag_ids`) its tags as prefetch_related("tags") would, so that
    `article.tags.all()` asks nothing of the database.

    Without a cache (cache_seconds() is 0) every tag would be read on each call: they are prefetched.
    """
    articles = list(articles)
    table = _table.get() if search_cache.cache_seconds() > 0 else None
    if table is None or any(tag_id not in table.by_id for article in articles for tag_id in article.tag_ids):
        # A tag newer than the generation read: the article was read after the tag was made.
        prefetch_related_objects(articles, "tags")
        return
    for article in articles:
        tags = [table.by_id[tag_id] for tag_id in sorted(article.tag_ids, key=table.place.__getitem__)]
        as_prefetched(article, "tags", tags)
