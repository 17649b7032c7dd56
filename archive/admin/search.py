"""The admin's search box runs the archive's own full-text search, ranked as readers see it."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from archive.search import SearchRequest, search
from archive.search.core import count_matches

# Not one of the insights channels: an editor's trial searches are not readers' searches.
PREVIEW_CHANNEL = "preview"


def search_articles(queryset, term: str):
    """`queryset` narrowed to matches of `term` (synonyms applied), annotated with `rank`, best first."""
    return queryset.search(term)


# Above this many matches the change list shows a search newest first instead of ranking every match.
RANKED_AT_MOST = 20_000


class SearchPaginator(Paginator):
    """The change list's pages of a search: a common word's count is estimated from the search sample
    (to the hundred), as readers' searches are, instead of reading every match."""

    def __init__(self, *args, known_count: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_count = known_count

    @cached_property
    def count(self) -> int:
        return self.known_count if self.known_count is not None else count_matches(self.object_list)[0]


def reader_count(query: str) -> int:
    """How many articles a reader's search for `query` finds now (synonyms applied)."""
    return search(SearchRequest(q=query), channel=PREVIEW_CHANNEL, per_page=1, facets=False).total
