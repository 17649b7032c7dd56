"""Articles related to an article: sharing its tags and its words, ranked by the search core.

The article's most telling title words, joined by OR, are searched among the published articles that
share at least one of its tags (all articles when too few share one). The core ranks them as it ranks
any search, so an article with more of the same words, in its title or tags, comes first. The choice is
cached per article version for an hour: the list changes slowly and the article page is read often.
"""

from django.core.cache import cache

from archive.models import Article
from archive.search import SearchRequest, search
from archive.templatetags.archive_site import summary

RELATED_COUNT = 5
MAX_WORDS = 8
CACHE_SECONDS = 3600


def _query_words(article: Article) -> list[str]:
    """Distinct words of the title (and of the dek when the title is short), longest first."""
    text = article.title if len(article.title.split()) >= 4 else f"{article.title} {summary(article, 160)}"
    words = {}
    for raw in text.split():
        word = "".join(ch for ch in raw if ch.isalnum() or ch in "-'").strip("-'")
        if len(word) > 2 and word != "OR":
            words.setdefault(word.lower(), word)
    return sorted(words.values(), key=len, reverse=True)[:MAX_WORDS]


def _related_ids(article: Article, limit: int) -> list[int]:
    words = _query_words(article)
    tag_slugs = [tag.slug for tag in article.tags.all()]
    if not words and not tag_slugs:
        return []
    q = " OR ".join(words)
    ids: list[int] = []
    requests = [SearchRequest(q=q, tags=tag_slugs, tag_mode="any")] if tag_slugs else []
    if words:
        requests.append(SearchRequest(q=q))
    for request in requests:
        # Their own channel: these are not a reader's searches and stay out of the query insights.
        results = search(request, channel="related", page=1, per_page=limit + 1, facets=False)
        ids += [hit.article.pk for hit in results.hits if hit.article.pk != article.pk and hit.article.pk not in ids]
        if len(ids) >= limit:
            break
    return ids[:limit]


def related_articles(article: Article, limit: int = RELATED_COUNT) -> list[Article]:
    """Up to `limit` published articles related to `article`, best first."""
    key = f"archive:related:{article.pk}:{article.updated_at.timestamp() if article.updated_at else 0}:{limit}"
    ids = cache.get(key)
    if ids is None:
        ids = _related_ids(article, limit)
        cache.set(key, ids, CACHE_SECONDS)
    if not ids:
        return []
    # Fetched again (not taken from the cache) so an article unpublished since is never shown.
    found = Article.objects.published().select_related("source").prefetch_related("tags").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
