"""Helping a reader along: "did you mean" from the archive's own words, and suggestions as they type."""

import re
from collections import Counter

from django.db import connection
from django.db.models import Q
from django.db.models.functions import Lower

from archive.links import cached_reverse
from archive.search import cache as search_cache
from archive.search.expansion import fold
from archive.search.public import public_word_sql

MIN_SIMILARITY = 0.3

# How many of the nearest spellings are tried, nearest first, until one is public.
_NEAREST = 20

# Each word of the tags' names and aliases counts as used this many times for each name it is in.
TAG_WORD_WEIGHT = 100

_TAG_NAMES_SQL = (
    "SELECT lower(unaccent(name)) FROM archive_tag UNION ALL SELECT lower(unaccent(name)) FROM archive_tagalias"
)


def _read_tag_words() -> dict[str, int]:
    """The words of every tag's name and aliases (over two letters), weighed by the names they are in.
    Read once per generation of the vocabulary: split in SQL on every search, the planner, which guesses a
    thousand words a name, gave the split parallel workers that took 10 ms to start."""
    with connection.cursor() as cursor:
        cursor.execute(_TAG_NAMES_SQL)
        names = [name for (name,) in cursor.fetchall()]
    words = Counter(word for name in names for word in re.split(r"[\W_]+", name) if len(word) > 2)
    return {word: count * TAG_WORD_WEIGHT for word, count in words.items()}


_tag_words = search_cache.PerGeneration(_read_tag_words, vocabulary=True)

# For each word, the closest spelling among the archive's vocabulary and the words of tag names and
# aliases: trigram candidates (index), then the smallest edit distance, then the most used. The
# vocabulary is refreshed from public articles only, and a word counts (as the reader's own, or as a
# correction) only while a public article holds it: a word whose last public article was unpublished,
# deleted or merged since the refresh is unknown at once, and a tag only drafts carry names nothing.
_DID_YOU_MEAN_SQL = f"""
WITH q AS (SELECT w, i FROM unnest(%(words)s::text[]) WITH ORDINALITY AS q(w, i)),
tag_words AS (SELECT * FROM unnest(%(tag_words)s::text[], %(tag_ndoc)s::int[]) AS t(word, ndoc))
SELECT q.i, q.w,
       CASE WHEN {public_word_sql("q.w")} THEN
           (SELECT coalesce(sum(ndoc), 0) FROM archive_searchword sw WHERE sw.word = q.w)
           + (SELECT coalesce(sum(ndoc), 0) FROM tag_words tw WHERE tw.word = q.w)
       ELSE 0 END,
       best.word, best.ndoc
FROM q LEFT JOIN LATERAL (
    SELECT near.word, near.ndoc FROM (
        SELECT word, ndoc FROM (
            SELECT word, ndoc FROM archive_searchword WHERE word %% q.w
            UNION ALL
            SELECT word, ndoc FROM tag_words WHERE word %% q.w
        ) c
        WHERE word <> q.w AND similarity(word, q.w) >= %(similarity)s
        ORDER BY levenshtein(word, q.w), similarity(word, q.w) DESC, ndoc DESC
        LIMIT {_NEAREST}
    ) near
    -- Tested one at a time in that order, so only the nearest few cost a look in the index.
    WHERE {public_word_sql("near.word")}
    LIMIT 1
) best ON true
ORDER BY q.i
"""  # nosec B608  # SQL defined in code; values are parameters


def did_you_mean(words: list[str], *, check: list[str] | None = None, force: bool = False) -> str | None:
    """The query with each unknown (or, when `force`, rare) word replaced by a more common near spelling.

    Only the words in `check` (all by default) are looked up, in one query; with none, the query is not
    made.
    """
    folded = [fold(word) for word in words]
    checked = sorted({fold(w) for w in (words if check is None else check) if len(fold(w)) > 2})
    if not checked:
        return None
    with connection.cursor() as cursor:
        tag_words = _tag_words.get()
        cursor.execute(
            _DID_YOU_MEAN_SQL,
            {
                "words": checked,
                "similarity": MIN_SIMILARITY,
                "tag_words": list(tag_words),
                "tag_ndoc": list(tag_words.values()),
            },
        )
        rows = {w: (own, best, best_n) for _i, w, own, best, best_n in cursor.fetchall()}
    corrected, changed = [], False
    for word, key in zip(words, folded):
        own, best, best_n = rows.get(key, (0, None, 0))
        # Correct a word the archive lacks, or one a near spelling outnumbers tenfold (when nothing matched).
        if best and (own == 0 or (force and best_n >= 10 * max(own, 1))):
            corrected.append(best)
            changed = True
        else:
            corrected.append(word.lower())
    return " ".join(corrected) if changed else None


def suggest(prefix: str, limit: int = 8, queryset=None) -> list[dict]:
    """Tags and article titles starting with (a word starting with) `prefix`, for search-as-you-type."""
    from archive.models import Article, Tag

    prefix = " ".join(str(prefix or "").split())[:100]
    if len(fold(prefix)) < 2:
        return []
    limit = max(1, min(int(limit), 20))
    word_start = Q(name__istartswith=prefix) | Q(name__icontains=" " + prefix)
    alias_start = Q(aliases__name__istartswith=prefix)
    tags = list(
        Tag.objects.filter(word_start | alias_start)
        .distinct()
        .order_by("name")
        .values_list("name", "slug", "kind")[:limit]
    )
    results = [
        {
            "label": name,
            "kind": "place" if kind == Tag.Kind.PLACE else "tag",
            "url": cached_reverse("archive:tag", slug),
        }
        for name, slug, kind in tags
    ]
    room = limit - len(results)
    if room > 0 and len(prefix) >= 3:
        lowered = prefix.lower()
        # Lower(title) LIKE … is what the trigram index on lower(title) serves.
        articles = (
            (queryset if queryset is not None else Article.objects.published())
            .alias(lower_title=Lower("title"))
            .filter(Q(lower_title__startswith=lowered) | Q(lower_title__contains=" " + lowered))
        )
        for article in articles.only("title", "slug").order_by("-published_at", "-id")[:room]:
            results.append({"label": article.title, "kind": "article", "url": article.get_absolute_url()})
    return results
