"""The admin's search box runs the archive's own full-text search, ranked as readers see it."""

from archive.search import SearchRequest, search

# Not one of the insights channels: an editor's trial searches are not readers' searches.
PREVIEW_CHANNEL = "preview"


def search_articles(queryset, term: str):
    """`queryset` narrowed to matches of `term` (synonyms applied), annotated with `rank`, best first."""
    return queryset.search(term)


def count_matches(query: str) -> int:
    """How many articles a reader's search for `query` finds now (synonyms applied)."""
    return search(SearchRequest(q=query), channel=PREVIEW_CHANNEL, per_page=1, facets=False).total
