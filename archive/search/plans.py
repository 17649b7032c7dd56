"""How one search counts and ranks its matches, decided before the work and recorded in its results.

Counting (archive.search.counting) takes one of these ways:

- ``filters``: no words, only filters: the filtered articles are counted up to the count limit
  (``filters, estimated`` beyond it);
- ``unsearchable``: words were typed but none gives a lexeme (a stop word alone is searched as
  written, so this is a symbol such as ½): nothing can match;
- ``sample`` / ``thin sample``: every word is common and the search sample (or its thin sample) puts
  the result at `sampled_above` or more: count and facets are estimates from the sample;
- ``every word``: the ids of the articles with every word are read (up to the count limit) and counted,
  with their facets, in one query; ``every word, estimated`` beyond the count limit;
- ``some words``: fewer than `fallback_below` have every word: those with any follow, counted
  (``some words, estimated`` beyond the count limit).

Ranking takes one of these:

- ``by date``: sorted by date, or nothing to score (no words): no score is computed;
- ``exhaustive``: every match is scored (the `reason` says why no bound applied);
- ``bounded``: only candidates are scored: each common word's candidate list (archive.search.stats),
  every match of the rarer units and the articles changed since the lists were built;
- ``bounded, widened``: bounded, but too few candidates passed the filters to fill the page, so every
  match was scored after all.
"""

from dataclasses import dataclass

from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from archive.search.limits import SearchLimits
from archive.search.ranking import CompiledQuery, CompiledUnit

COUNTING_METHODS = (
    "filters",
    "filters, estimated",
    "unsearchable",
    "sample",
    "thin sample",
    "every word",
    "every word, estimated",
    "some words",
    "some words, estimated",
)
RANKING_METHODS = ("by date", "exhaustive", "bounded", "bounded, widened")


@dataclass(frozen=True)
class CountingPlan:
    method: str
    # The facets were counted with the matches (or on the sample), not by a query of their own.
    facets_counted: bool = False

    def __post_init__(self):
        assert self.method in COUNTING_METHODS, self.method  # nosec B101  # a programming error

    @property
    def estimated(self) -> bool:
        return "sample" in self.method or "estimated" in self.method


@dataclass(frozen=True)
class RankingPlan:
    method: str
    reason: str = ""
    # Bounded: each list is read this deep (a one-unit query without filters), else a unit's spellings
    # share one list's worth; and at most this many candidates are read.
    top: int | None = None
    budget: int = 0

    def __post_init__(self):
        assert self.method in RANKING_METHODS, self.method  # nosec B101  # a programming error

    @property
    def bounded(self) -> bool:
        return self.method == "bounded"


@dataclass(frozen=True)
class SearchPlan:
    counting: CountingPlan
    ranking: RankingPlan


def plan_ranking(
    compiled: CompiledQuery,
    *,
    total: int,
    estimated: bool,
    sort: str,
    depth: int,
    exhaustive: bool,
    unfiltered: bool,
    limits: SearchLimits,
) -> RankingPlan:
    """Whether relevance ranks every match or only candidates, and how deep it reads the lists.

    `depth` is the last position the page shows; `unfiltered` says nothing but the words narrows the
    matches (no filter, exclusion or narrower queryset), so a one-unit query's lists' best are its best.
    """
    if compiled.is_empty or sort != "relevance":
        return RankingPlan("by date")
    if exhaustive:
        return RankingPlan("exhaustive", "asked for")
    threshold = limits.single_term_exhaustive_limit if compiled.is_single_term else limits.exhaustive_limit
    # An estimated phrase count may be small while checking every match is not.
    if not (total > threshold or (estimated and compiled.has_phrase)):
        return RankingPlan("exhaustive", "few matches")
    if depth > limits.bounded_depth:
        return RankingPlan("exhaustive", "a deep page")
    if compiled.stats_refreshed_at is None:
        return RankingPlan("exhaustive", "no statistics yet")
    # Every unit must be rare (all its matches are candidates) or have lists for its alternatives.
    if not all(
        unit.df < limits.common_df or unit.unlisted_candidates(limits.common_df) is not None for unit in compiled.units
    ):
        return RankingPlan("exhaustive", "a common unit without lists")
    top = limits.bounded_depth * 2 if unfiltered else None
    budget = candidate_budget(compiled, top, limits)
    # Ranking every match then reads no more, and misses nothing a list leaves out.
    if total <= distinct_candidates(compiled, top, limits):
        return RankingPlan("exhaustive", "the lists could hold every match", top=top, budget=budget)
    return RankingPlan("bounded", top=top, budget=budget)


def list_depths(compiled: CompiledQuery, top: int | None, limits: SearchLimits) -> dict[str, int]:
    """How deep each lexeme's list is read: a unit's spellings share one list's worth between them."""
    depth: dict[str, int] = {}
    for unit in compiled.units:
        share = (
            top
            if top and len(compiled.units) == 1
            else max(limits.bounded_depth * 2, limits.impact_list_size // max(1, len(unit.lexemes)))
        )
        for lexeme in unit.lexemes:
            depth[lexeme] = max(depth.get(lexeme, 0), share)
    return depth


def direct_candidates(unit: CompiledUnit, limits: SearchLimits) -> list[tuple[str, int]]:
    """The unit's tsqueries whose every match is a candidate, with their document frequencies."""
    if unit.df < limits.common_df:
        return [(unit.tsquery, unit.df)]
    return unit.unlisted_candidates(limits.common_df)


def candidate_budget(compiled: CompiledQuery, top: int | None, limits: SearchLimits) -> int:
    """At most how many candidates candidates() reads."""
    direct = sum(df for unit in compiled.units for _, df in direct_candidates(unit, limits))
    return sum(list_depths(compiled, top, limits).values()) + direct


def distinct_candidates(compiled: CompiledQuery, top: int | None, limits: SearchLimits) -> int:
    """How many different articles the lists are likely to give: a unit's spellings' lists counted once, as
    its longest. They hold mostly the same articles (a tagged article has every spelling of the tag in its
    tag text): counted apart, a place with a dozen spellings looked as if its lists could hold its 4 800
    matches, and every match was ranked (docs/benchmarks.md, 2026-12-07, afternoon)."""
    depth = list_depths(compiled, top, limits)
    lists = sum(max((depth[lexeme] for lexeme in unit.lexemes), default=0) for unit in compiled.units)
    return lists + sum(df for unit in compiled.units for _, df in direct_candidates(unit, limits))


def candidates(matches, compiled: CompiledQuery, plan: RankingPlan, limits: SearchLimits):
    """The matches worth ranking: those in a common word's impact list, every match of the rarer
    units, and every article changed since the lists were built.

    With `plan.top` and a one-unit query, only that many of each list's best: a list is ordered by the
    very score a one-word query ranks by (so its top is exact), and for a word with several spellings
    the best of each spelling's list are those likeliest to score best; without filters nothing else
    passes. Otherwise a unit's spellings share one list's worth of candidates.
    """
    depth = list_depths(compiled, plan.top, limits)
    rare = " | ".join(f"( {q} )" for u in compiled.units for q, _ in direct_candidates(u, limits))
    # A union of small sets the planner can drive the search from (the lists, the recently changed
    # articles by their updated_at index, a rare unit's matches by the GIN index).
    listed = (
        "SELECT best.article_id FROM unnest(%s::text[], %s::int[]) AS l(lexeme, depth) CROSS JOIN LATERAL ("
        "SELECT si.article_id FROM archive_searchimpact si WHERE si.lexeme = l.lexeme "
        "ORDER BY si.impact DESC LIMIT l.depth) best"
    )
    params = [list(depth), list(depth.values())]
    found = f"{listed} UNION SELECT c.id FROM archive_article c WHERE c.updated_at > %s"
    params.append(compiled.stats_refreshed_at)
    if rare:
        found += " UNION SELECT r.id FROM archive_article r WHERE r.search_vector @@ %s::tsquery"
        params.append(rare)
    return matches.alias(
        _candidate=RawSQL(f'"archive_article"."id" IN ({found})', params, output_field=BooleanField())  # nosec B611  # SQL defined in code; values are parameters
    ).filter(_candidate=True)
