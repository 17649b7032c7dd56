"""The archive's one search core: the site, the admin, the API and feeds all search through here.

from archive.search import SearchRequest, search, suggest
results = search(SearchRequest(q="fence Hyesan", tags=["smuggling"]), channel="site")
"""

from archive.search.core import Hit, SearchRequest, SearchResults, filtered, matching, prepare, search
from archive.search.stats import hold_statistics, refresh_search_stats
from archive.search.suggestions import did_you_mean, suggest

__all__ = [
    "Hit",
    "SearchRequest",
    "SearchResults",
    "did_you_mean",
    "filtered",
    "hold_statistics",
    "matching",
    "prepare",
    "refresh_search_stats",
    "search",
    "suggest",
]
