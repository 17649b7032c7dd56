"""Editors' picks for a query or a tag page, read once per generation of the vocabulary rather than per search.

The current promotions are few and change only when an editor writes one or a start or end time
passes; both change the vocabulary's generation (archive.search.cache), which articles being written or
imported leave as it is, so the list read under a generation is
exactly what a search under it would read. Each process keeps the last list it read; a search then
matches the query against it in Python and asks the database only when some promotion applies (are
those articles among the filtered ones?).
"""

from dataclasses import dataclass

from django.db.models.functions import Now

from archive.search import cache as search_cache

# Editors' picks shown at most on one page.
MAX_PICKS = 10


@dataclass(frozen=True)
class Pick:
    """One current promotion, as matching needs it."""

    article_id: int
    match: str
    normalized_query: str
    tag_slug: str | None


def _read() -> list[Pick]:
    from archive.models import Promotion

    # By the database's clock, as the generation is read: by the application's, a clock behind the
    # database's would read a promotion that has just started as not started yet, and keep it so.
    rows = (
        Promotion.objects.current(now=Now())
        .order_by("position", "id")
        .values_list("article_id", "match", "normalized_query", "tag__slug")
    )
    return [Pick(*row) for row in rows]


# The current promotions in their order (position, then id), read once per generation of the vocabulary.
_picks = search_cache.PerGeneration(_read, vocabulary=True)


def current_picks() -> list[Pick]:
    return _picks.get()


def promoted_ids(normalized: str, tag: str | None, base) -> list[int]:
    """The articles picked for the query `normalized` (archive.models.curation.normalize_query) or,
    without words, for the tag page of `tag`, that are among `base`, in the editors' order."""
    from archive.models import Promotion

    if normalized:
        asked = set(normalized.split())
        wanted = [
            pick.article_id
            for pick in current_picks()
            if (pick.match == Promotion.Match.EXACT and pick.normalized_query == normalized)
            # Every word of the promotion's query is in the reader's (as `<@` on their word arrays).
            or (pick.match == Promotion.Match.CONTAINS and set(pick.normalized_query.split()) <= asked)
        ]
    elif tag is not None:
        wanted = [pick.article_id for pick in current_picks() if pick.tag_slug == tag]
    else:
        return []
    wanted = list(dict.fromkeys(wanted))
    if not wanted:
        return []
    present = set(base.filter(id__in=wanted).values_list("id", flat=True))
    return [article_id for article_id in wanted if article_id in present][:MAX_PICKS]
