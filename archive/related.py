"""Articles related to an article: sharing its tags and its words, ranked by the search core.

The article's title words, joined by OR, are searched among the published articles that share at least
one of its tags (all of them when it has none). The core ranks them as it ranks any search, so an
article with more of the same words, in the title or tags, comes first, and the ranking stays fast at
any archive size.
"""

from archive.models import Article
from archive.templatetags.archive_site import summary

RELATED_COUNT = 5
MAX_WORDS = 12


def _query_words(article: Article) -> list[str]:
    """Distinct title words (the dek's when the title is short), longest first: the most telling ones."""
    text = article.title if len(article.title.split()) >= 4 else f"{article.title} {summary(article, 160)}"
    words = {}
    for raw in text.split():
        word = "".join(ch for ch in raw if ch.isalnum() or ch in "-'")
        word = word.strip("-'")
        if len(word) > 2:
            words.setdefault(word.lower(), word)
    return sorted(words.values(), key=len, reverse=True)[:MAX_WORDS]


def related_articles(article: Article, limit: int = RELATED_COUNT) -> list[Article]:
    from archive.search import SearchRequest, search

    words = _query_words(article)
    tag_slugs = [tag.slug for tag in article.tags.all()]
    if not words and not tag_slugs:
        return []
    request = SearchRequest(q=" OR ".join(words), tags=tag_slugs, tag_mode="any", sort="relevance")
    # Its own channel: these are not a reader's searches and stay out of the query insights.
    results = search(request, channel="related", page=1, per_page=limit + 1, facets=False)
    related = [hit.article for hit in results.hits if hit.article.pk != article.pk]
    if len(related) < limit and tag_slugs and words:
        # Few articles share a tag: fill up with the closest by words alone.
        more = search(SearchRequest(q=" OR ".join(words), sort="relevance"), channel="related", page=1,
                      per_page=limit + 1, facets=False)
        seen = {a.pk for a in related} | {article.pk}
        related += [hit.article for hit in more.hits if hit.article.pk not in seen]
    return related[:limit]
