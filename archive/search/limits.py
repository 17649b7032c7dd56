"""The sizes search plans by, in one record read from settings at each call.

`ARCHIVE_SEARCH_LIMITS` (a dict of field names) overrides any of them; tests lower them with the
`settings` fixture to reach the paths large archives take. Several are one quantity seen from different
sides, so they follow each other unless set apart:

- `common_df`: below it a word's document frequency is counted on the index at query time and every
  match of it is a ranking candidate; from it up the word gets a candidate list (archive.search.stats);
- `impact_list_size` (= common_df): how many articles such a list holds; a word just common enough to
  have one fits in it whole;
- `exhaustive_limit` (= impact_list_size): from this many matches up, relevance ranks the lists'
  candidates rather than every match, since ranking every match would read more than a list holds.
"""

import dataclasses
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class SearchLimits:
    common_df: int = 2_000
    impact_list_size: int = 0  # 0: common_df
    exhaustive_limit: int = 0  # 0: impact_list_size
    # A one-word query's list is ordered by the very score it ranks by: it is bounded from fewer matches.
    single_term_exhaustive_limit: int = 500
    # Bounded ranking serves pages up to this deep (page × per page); deeper ones rank every match.
    bounded_depth: int = 200
    # Fewer articles than this with every word: articles with some of them follow (a "fallback").
    fallback_below: int = 20
    # Counts stop here; beyond it the total is an estimate (and says so).
    count_limit: int = 10_000
    # A result the search sample puts at this many or more is estimated from the sample, facets included.
    sampled_above: int = 5_000
    # The thin sample is read first when it holds at least this many matches (archive.facets).
    thin_sample_matches: int = 400
    # Words in fewer articles than this are checked for a likelier spelling ("did you mean").
    rare_df: int = 3
    # Stored frequencies: below this one is counted exactly at query time anyway.
    min_stored_df: int = 100
    # Archives this small are always refreshed in full; otherwise a refresh is full when more than
    # this share changed.
    small_archive: int = 5_000
    full_refresh_share: float = 0.2
    max_per_page: int = 100

    def __post_init__(self):
        if not self.impact_list_size:
            object.__setattr__(self, "impact_list_size", self.common_df)
        if not self.exhaustive_limit:
            object.__setattr__(self, "exhaustive_limit", self.impact_list_size)


_FIELDS = {f.name for f in dataclasses.fields(SearchLimits)}


def current_limits() -> SearchLimits:
    """The limits as the settings say now (unknown names are a configuration error, said plainly)."""
    overrides = dict(getattr(settings, "ARCHIVE_SEARCH_LIMITS", None) or {})
    unknown = set(overrides) - _FIELDS
    if unknown:
        raise ValueError(f"ARCHIVE_SEARCH_LIMITS: unknown {', '.join(sorted(unknown))}")
    return SearchLimits(**overrides)
