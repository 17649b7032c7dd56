"""Counting a search's matches (exactly, or estimated from the search sample) and their facets.

The way taken is recorded as a CountingPlan (archive.search.plans).
"""

import json
import math
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from archive import facets as facet_module
from archive.search.limits import SearchLimits, current_limits
from archive.search.plans import CountingPlan
from archive.search.ranking import CompiledQuery


@dataclass
class Counted:
    """What search() needs to know of the matches before it ranks them."""

    queryset: object
    total: int
    plan: CountingPlan
    # With a fallback ("some words"), how many have every word.
    every_word: int = 0
    # The facets, when they were counted with the matches themselves (or on the sample).
    facets: dict | None = None

    @property
    def estimate(self) -> bool:
        return self.plan.estimated

    @property
    def fallback(self) -> bool:
        return self.plan.method.startswith("some words")


def matching(queryset, tsquery: str):
    """The queryset restricted to articles whose vector matches `tsquery` (served by the GIN index)."""
    return queryset.alias(
        _match=RawSQL('"archive_article"."search_vector" @@ %s::tsquery', [tsquery], output_field=BooleanField())
    ).filter(_match=True)


def count_without_words(base, compiled: CompiledQuery, limits: SearchLimits) -> Counted:
    """The filtered articles (less any excluded words), counted up to the count limit, then estimated."""
    matches = matching(base, f"!( {compiled.excluded} )") if compiled.excluded else base
    total = matches.order_by().values("id")[: limits.count_limit + 1].count()
    if total > limits.count_limit:
        return Counted(matches, estimate_count(matches, compiled, False, total), CountingPlan("filters, estimated"))
    return Counted(matches, total, CountingPlan("filters"))


def count_text_matches(
    base, compiled: CompiledQuery, limits: SearchLimits, *, facets: bool, unfiltered: bool
) -> Counted:
    """The matches of a text query, counted, or estimated when there are too many.

    When every unit is common, the search sample is read first (a few milliseconds): a result it puts
    at `sampled_above` or more gets its estimate, and its facets, from there. Otherwise up to the count
    limit + 1 articles with every word are read once (and, when fewer than `fallback_below`, a capped
    count of those with any word, in the same query); when they all fit, the page reads those articles
    by id, and with `facets` they are counted from the rows read, so each match is read once.
    """
    all_matches = _through_pairs(matching(base, compiled.all_query), compiled)
    smallest_df = min(unit.df for unit in compiled.units)
    if smallest_df >= limits.sampled_above:
        # Filters narrow a common word well below its frequency: the thin sample would hold too few.
        thin_first = unfiltered and smallest_df >= limits.thin_sample_matches * facet_module.THIN_SAMPLE_EVERY
        estimated = _sample_estimate(all_matches, facets, limits, thin_first=thin_first)
        if estimated is not None:
            return estimated
    cap = limits.count_limit + 1
    columns = ("id", *facet_module.COLUMNS) if facets else ("id",)
    all_sql, all_params = all_matches.order_by().values(*columns)[:cap].query.sql_with_params()
    if len(compiled.units) == 1:
        any_sql, any_params = "SELECT NULL::int", []
    else:
        any_sql, any_params = matching(base, compiled.any_query).order_by().values("id")[:cap].query.sql_with_params()
        any_sql = f"SELECT count(*) FROM ({any_sql}) b"  # nosec B608  # SQL built by the ORM; values are parameters
    if facets:
        counted = f"CASE WHEN cardinality(a.ids) <= %s THEN {facet_module.FACET_ROWS_JSON} END"
        counted_params = [limits.count_limit, *facet_module.FACET_ROWS_PARAMS]
        ctes = (
            f"m AS MATERIALIZED ({all_sql}), {facet_module.COUNTED_TAGS}, a AS (SELECT array(SELECT id FROM m) AS ids)"
        )
    else:
        counted, counted_params = "NULL", []
        ctes = f"a AS MATERIALIZED (SELECT array(SELECT id FROM ({all_sql}) s) AS ids)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH {ctes}
                SELECT a.ids, CASE WHEN cardinality(a.ids) < %s THEN ({any_sql}) END, {counted} FROM a""",  # nosec B608  # identifiers and clauses come from code; values are parameters
            [*all_params, limits.fallback_below, *any_params, *counted_params],
        )
        ids, any_count, facet_rows = cursor.fetchone()
    all_count = len(ids)
    if any_count is not None and any_count > all_count:
        matches = matching(base, compiled.any_query)
        if any_count > limits.count_limit:
            total = estimate_count(matches, compiled, True, any_count)
            return Counted(matches, total, CountingPlan("some words, estimated"), every_word=all_count)
        return Counted(matches, any_count, CountingPlan("some words"), every_word=all_count)
    if all_count > limits.count_limit:
        total = estimate_count(all_matches, compiled, False, all_count)
        return Counted(all_matches, total, CountingPlan("every word, estimated"))
    facet_counts = facet_module.from_rows(facet_rows) if facet_rows is not None else None
    return Counted(
        _by_ids(base, ids),
        all_count,
        CountingPlan("every word", facets_counted=facet_counts is not None),
        facets=facet_counts,
    )


def _through_pairs(matches, compiled: CompiledQuery):
    """`matches` found through SearchPairs when a phrase in the query has a pair of common words: the
    articles with that pair, and those changed since the pairs were built. Otherwise the text index
    would name every article with both words, and each would be read to test the phrase."""
    unit = next((u for u in compiled.units if u.pairs), None)
    if unit is None or not compiled.pairs_built or compiled.stats_refreshed_at is None:
        return matches
    paired = (
        "SELECT sp.article_id FROM archive_searchpairs sp "
        "WHERE sp.hashes && ARRAY(SELECT hashtext(k) FROM unnest(%s::text[]) AS k) "
        "UNION ALL SELECT c.id FROM archive_article c WHERE c.updated_at > %s"
    )
    params = [unit.pairs, compiled.stats_refreshed_at]
    if unit.unpaired:
        paired += " UNION ALL SELECT r.id FROM archive_article r WHERE r.search_vector @@ %s::tsquery"
        params.append(" | ".join(f"( {q} )" for q in unit.unpaired))
    return matches.alias(
        _paired=RawSQL(f'"archive_article"."id" IN ({paired})', params, output_field=BooleanField())  # nosec B611  # SQL defined in code; values are parameters
    ).filter(_paired=True)


def _sample_estimate(matches, facets: bool, limits: SearchLimits, thin_first: bool = False) -> Counted | None:
    """The count (and with `facets`, the facets) of `matches` estimated from the search sample (from the
    thin one first with `thin_first`), or None when the sample puts them under `sampled_above` and they
    are to be counted."""
    steps = (facet_module.THIN_SAMPLE_EVERY, facet_module.SAMPLE_EVERY) if thin_first else (facet_module.SAMPLE_EVERY,)
    for every in steps:
        rows = facet_module.count_rows(
            facet_module.in_sample(matches, every), index_preferred=True, facets=facets, thinned=True, every=every
        )
        found = facet_module.matched(rows)
        if every != steps[-1] and found < limits.thin_sample_matches:
            continue
        total = found * every
        if total < limits.sampled_above:
            return None
        scale = total / max(1, facet_module.counted(rows))
        method = "thin sample" if every == facet_module.THIN_SAMPLE_EVERY else "sample"
        return Counted(
            matches,
            about(total),
            CountingPlan(method, facets_counted=facets),
            facets=facet_module.from_rows(rows, scale=scale) if facets else None,
        )
    return None


def about(n: float) -> int:
    """An estimated count as a page says it: to the hundred from a thousand up."""
    return int(round(n, -2)) if n >= 1000 else int(round(n))


def estimate_count(matches, compiled: CompiledQuery, fallback: bool, floor: int) -> int:
    """An estimate of a count that passed the count limit: the planner's (which weighs the filters too),
    or without a usable plan, one from document frequencies assuming the words independent."""
    planned = _planned_rows(matches)
    if planned > floor or compiled.is_empty:
        return max(floor, int(round(planned, -2)))
    n = compiled.n_docs
    shares = [min(1.0, u.df / n) for u in compiled.units]
    share = 1 - math.prod(1 - s for s in shares) if fallback else math.prod(shares)
    return max(floor, int(round(share * n, -2)))


def count_matches(queryset) -> tuple[int, bool]:
    """How many articles `queryset` (narrowed by matching(), as search_queryset's is) holds, and whether
    that is an estimate: from the search sample when it puts them at `sampled_above` or more, otherwise
    counted through the text index. Counting a common word's matches exactly takes seconds at a million."""
    if queryset.query.is_empty():  # nothing searchable was typed
        return 0, False
    estimated = _sample_estimate(queryset, facets=False, limits=current_limits(), thin_first=True)
    if estimated is not None:
        return estimated.total, True
    return facet_module.counted(facet_module.count_rows(queryset, index_preferred=True, facets=False)), False


def _by_ids(base, ids: list[int]):
    """The articles with these ids (already filtered and matched): later steps read them by primary key
    instead of matching every vector again, which for a phrase means re-reading each candidate's vector."""
    return base.model._base_manager.alias(
        _listed=RawSQL('"archive_article"."id" = ANY(%s::bigint[])', [ids], output_field=BooleanField())
    ).filter(_listed=True)


def _planned_rows(queryset) -> int:
    sql, params = queryset.order_by().values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    return int((plan if isinstance(plan, list) else json.loads(plan))[0]["Plan"]["Plan Rows"])


_PLANNER_SETTINGS = {"enable_seqscan": "off", "enable_indexscan": "off"}


@contextmanager
def text_index_preferred():
    """A cursor in a transaction in which the planner finds a common word's matches through the text index.

    The planner counts a vector test as cheap, so to list a few thousand of a common word's matches it
    reads the table and tests each vector, decompressing it; the GIN index names them without that.
    The settings are the transaction's own: when it is this block's, its commit drops them; inside a
    caller's transaction, which may go on, they are put back after.
    """
    own = not connection.in_atomic_block
    names = list(_PLANNER_SETTINGS)
    set_sql = ", ".join(f"set_config('{name}', %s, true)" for name in names)
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        if own:
            cursor.execute(f"SELECT {set_sql}", list(_PLANNER_SETTINGS.values()))
            yield cursor
            return
        read_sql = ", ".join(f"current_setting('{name}')" for name in names)
        cursor.execute(f"SELECT {read_sql}, {set_sql}", list(_PLANNER_SETTINGS.values()))
        previous = cursor.fetchone()[: len(names)]
        try:
            yield cursor
        finally:
            cursor.execute(f"SELECT {set_sql}", list(previous))
