"""Articles related to an article: sharing its tags and its words, ranked by the search core.

The article's most telling title words (the rarest in the archive's vocabulary: names and places
rather than "border" or "said"), joined by OR, are searched among the published articles that share at
least one of its tags (all articles when too few share one). The core's formula ranks them as it ranks
any search, so an article with more of the same words, in its title or tags, comes first; only the page
is wanted, so nothing is counted. Rare words also keep the search small on a large archive. The choice is cached per article version for an hour: the list changes
slowly and the article page is read often.
"""

from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, F, Q

from archive.models import Article
from archive.search.core import search_queryset
from archive.templatetags.archive_site import summary

RELATED_COUNT = 5
MAX_WORDS = 6
# A word in more than this share of the archive's articles tells little about an article (at least
# RARE_FLOOR articles are always allowed, so a small archive still relates articles by their words).
RARE_SHARE = 0.001
RARE_FLOOR = 50
CACHE_SECONDS = 3600
NEWEST_FIRST = (F("listing_date").desc(nulls_last=True), "-id")


def _displayed():
    """Published articles as the page lists them: with their source, and their tag ids, which give their
    tags without a query (archive.search.article_tags)."""
    return Article.objects.published().without_search_columns(keep=("tag_ids",)).select_related("source")


def _query_words(article: Article) -> list[str]:
    """Distinct words of the title (and of the dek when the title is short), longest first."""
    text = article.title if len(article.title.split()) >= 4 else f"{article.title} {summary(article, 160)}"
    words = {}
    for raw in text.split():
        word = "".join(ch for ch in raw if ch.isalnum() or ch in "-'").strip("-'")
        if len(word) > 2 and word != "OR":
            words.setdefault(word.lower(), word)
    return sorted(words.values(), key=len, reverse=True)


def _telling_words(article: Article) -> list[str]:
    """Up to MAX_WORDS of the article's words that few articles share, rarest first (one query).

    A word the vocabulary does not know yet (the statistics are refreshed after imports) counts as rare.
    """
    words = _query_words(article)
    if not words:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            """WITH n AS (SELECT coalesce((SELECT ndocs FROM archive_searchstats ORDER BY id DESC LIMIT 1), 0) AS ndocs)
               SELECT coalesce(array_agg(q.i ORDER BY coalesce(w.ndoc, 0), q.i)
                               FILTER (WHERE coalesce(w.ndoc, 0) <= greatest(%s, %s * n.ndocs)), '{}')
               FROM n, unnest(%s::text[]) WITH ORDINALITY AS q(word, i)
               LEFT JOIN archive_searchword w ON w.word = lower(unaccent(q.word))""",
            [RARE_FLOOR, RARE_SHARE, words],
        )
        order = cursor.fetchone()[0]
    return [words[i - 1] for i in order][:MAX_WORDS]


def _related(article: Article, limit: int) -> list[Article]:
    """The related articles, published, with their source: those sharing a tag and a telling word
    first, then those sharing a word, ranked by the core's score; sharing only tags, newest first.

    Only the page is wanted, so the core's formula ranks the few matches of the rare words directly
    (search_queryset): no count, no facets, no snippets, no "did you mean", as a reader's search has.
    """
    words = _telling_words(article)
    tag_ids = article.tag_ids
    candidates = _displayed().exclude(pk=article.pk)
    if not words:
        if not tag_ids:
            return []
        return list(candidates.filter(tag_ids__overlap=tag_ids).order_by(*NEWEST_FIRST)[:limit])
    ranked = search_queryset(candidates, " OR ".join(words))
    if tag_ids:
        # Tested on the rare words' few matches, in one query: filtering through the tag index instead read
        # the tens of thousands of articles that carry a common tag.
        shares_tag = ExpressionWrapper(Q(tag_ids__overlap=tag_ids), output_field=BooleanField())
        ranked = ranked.alias(shares_tag=shares_tag).order_by(F("shares_tag").desc(), *ranked.query.order_by)
    return list(ranked[:limit])


def related_articles(article: Article, limit: int = RELATED_COUNT) -> list[Article]:
    """Up to `limit` published articles related to `article`, best first, with their source and tag ids
    (the caller gives them their tags and reads their photos, with its own article's)."""
    key = f"archive:related:{article.pk}:{article.updated_at.timestamp() if article.updated_at else 0}:{limit}"
    ids = cache.get(key)
    if ids is None:
        # The search has just read them, published: not read a second time.
        found = _related(article, limit)
        cache.set(key, [related.pk for related in found], CACHE_SECONDS)
        return found
    if not ids:
        return []
    # Fetched again (not taken from the cache) so an article unpublished since is never shown.
    found = _displayed().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
