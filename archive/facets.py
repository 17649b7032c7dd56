"""Facet counts (tags, places, sources, years) over an already filtered set of articles, in one query.

For a very large set the counts come from a sample of it, scaled up, and say so: an exact tag count
over a quarter of a million matches costs more than the search itself.
"""

from contextlib import nullcontext

from django.db import connection, transaction
from django.db.models import Max, Min, Q

FACET_LIMIT = 30
# A sample is the matches in this many slices of the id range, spread evenly over it.
SAMPLE_SLICES = 20

# The columns of a match the counts read.
COLUMNS = ("tag_ids", "source_id", "published_at")

# Over matches `m` (with COLUMNS). Tags come from each match's tag ids, sources and years from the same
# row: one pass over the matches, counted by id before the few distinct tags and sources are looked up.
COUNTED_TAGS = """
t AS (
    SELECT tag.kind = 'place' AS is_place, tag.slug, tag.name, c.n
    FROM (SELECT id, count(*) AS n FROM (SELECT unnest(m.tag_ids) AS id FROM m) tagged GROUP BY id) c
    JOIN archive_tag tag ON tag.id = c.id
)"""
# Rows (facet, slug, name, count), with three parameters: how many tags, places and sources.
FACET_ROWS = """
(SELECT 'tags' AS facet, slug, name, n FROM t WHERE NOT is_place ORDER BY n DESC, name LIMIT %s)
UNION ALL
(SELECT 'places', slug, name, n FROM t WHERE is_place ORDER BY n DESC, name LIMIT %s)
UNION ALL
(SELECT 'sources', s.slug, s.name, c.n FROM (SELECT source_id, count(*) AS n FROM m GROUP BY source_id) c
     JOIN archive_source s ON s.id = c.source_id ORDER BY c.n DESC, s.name LIMIT %s)
UNION ALL
(SELECT 'years', y::text, y::text, n FROM (
     SELECT extract(year FROM m.published_at)::int AS y, count(*) AS n FROM m
     WHERE m.published_at IS NOT NULL GROUP BY 1) years ORDER BY y)
UNION ALL
SELECT 'counted', NULL, NULL, count(*) FROM m
"""
FACET_ROWS_PARAMS = [FACET_LIMIT, FACET_LIMIT, FACET_LIMIT]
# The same rows as one JSON array, for a query that counts them beside something else.
FACET_ROWS_JSON = f"(SELECT json_agg(json_build_array(f.facet, f.slug, f.name, f.n)) FROM ({FACET_ROWS}) f)"

_FACETS_SQL = "WITH m AS MATERIALIZED ({matches}), " + COUNTED_TAGS + FACET_ROWS


def empty_facets() -> dict:
    return {"tags": [], "places": [], "sources": [], "years": []}


def facet_counts(queryset, *, total: int | None = None, sample: int | None = None,
                 is_sample: bool = False) -> tuple[dict, bool]:
    """Counts per tag, place, source and year over `queryset`; the flag says whether they are estimates.

    With `sample`, about that many matching articles are counted and the counts are scaled to `total`;
    with `is_sample`, `queryset` already is a sample of `total` articles.
    """
    spread = sample is not None and total is not None and total > sample
    rows = _count(spread_sample(queryset, total, sample) if spread else queryset, index_preferred=spread)
    counted = _counted(rows)
    if spread and not counted:
        # The total was an estimate far above the truth and the slices missed every match.
        rows = _count(queryset, index_preferred=True, limit=sample)
        counted = _counted(rows)
    estimated = spread or is_sample
    return from_rows(rows, scale=total / counted if estimated and counted else 1.0), estimated


def from_rows(rows, scale: float = 1.0) -> dict:
    """The facets of FACET_ROWS' rows, their counts multiplied by `scale`."""
    facets = empty_facets()
    for facet, slug, name, count in rows:
        count = round(count * scale)
        if facet == "years":
            facets["years"].append({"year": int(slug), "count": count})
        elif facet != "counted":
            facets[facet].append({"slug": slug, "name": name, "count": count})
    return facets


def _counted(rows) -> int:
    return next(count for facet, _, _, count in rows if facet == "counted")


def spread_sample(queryset, total: int, sample: int):
    """About `sample` of `queryset`'s `total` articles: those in SAMPLE_SLICES slices of the id range,
    spread over it. The first matches the index yields would all be the oldest imports (an archive is
    usually imported in date order), which would put every year's count in the first few years."""
    bounds = queryset.model._base_manager.aggregate(low=Min("id"), high=Max("id"))
    low, high = bounds["low"] or 0, bounds["high"] or 0
    step = (high - low + 1) / SAMPLE_SLICES
    width = max(1, round(step * sample / total))
    slices = Q()
    for n in range(SAMPLE_SLICES):
        start = low + round(n * step)
        slices |= Q(id__gte=start, id__lt=start + width)
    return queryset.filter(slices)


def _count(queryset, *, index_preferred: bool, limit: int | None = None) -> list[tuple]:
    from archive.search.core import text_index_preferred

    matches, params = queryset.order_by().values(*COLUMNS)[:limit].query.sql_with_params()
    with transaction.atomic(savepoint=False), connection.cursor() as cursor, (
            text_index_preferred(cursor) if index_preferred else nullcontext()):
        cursor.execute(_FACETS_SQL.format(matches=matches), [*params, *FACET_ROWS_PARAMS])
        return cursor.fetchall()
