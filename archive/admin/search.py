"""The admin's search box runs the archive's own full-text search, ranked as readers see it."""

from archive.models import Article


def search_articles(queryset, term: str):
    """`queryset` narrowed to matches of `term` (synonyms applied), annotated with `rank`, best first."""
    return queryset.search(term)


def count_matches(query: str) -> int:
    """How many published articles the reader's search finds for `query` (synonyms applied)."""
    return search_articles(Article.objects.published(), query).count()
