"""Facet counts (tags, places, sources, years) over an already filtered set of articles, in one query.

For a very large set the counts come from a sample of it, scaled up, and say so: an exact tag count
over a quarter of a million matches costs more than the search itself.
"""

from contextlib import nullcontext

from django.db import connection, transaction

FACET_LIMIT = 30

# Tags come from each match's tag ids, sources and years from the same row: one pass over the matches.
_FACETS_SQL = """
WITH m AS MATERIALIZED ({matches}),
t AS (
    SELECT tag.kind = 'place' AS is_place, tag.slug, tag.name, count(*) AS n
    FROM m CROSS JOIN LATERAL unnest(m.tag_ids) AS tagged(id) JOIN archive_tag tag ON tag.id = tagged.id
    GROUP BY tag.id
)
(SELECT 'tags', slug, name, n FROM t WHERE NOT is_place ORDER BY n DESC, name LIMIT %s)
UNION ALL
(SELECT 'places', slug, name, n FROM t WHERE is_place ORDER BY n DESC, name LIMIT %s)
UNION ALL
(SELECT 'sources', s.slug, s.name, count(*) FROM m JOIN archive_source s ON s.id = m.source_id
     GROUP BY s.id ORDER BY count(*) DESC, s.name LIMIT %s)
UNION ALL
(SELECT 'years', y::text, y::text, n FROM (
     SELECT extract(year FROM m.published_at)::int AS y, count(*) AS n FROM m
     WHERE m.published_at IS NOT NULL GROUP BY 1) years ORDER BY y)
"""


def empty_facets() -> dict:
    return {"tags": [], "places": [], "sources": [], "years": []}


def facet_counts(queryset, *, total: int | None = None, sample: int | None = None) -> tuple[dict, bool]:
    """Counts per tag, place, source and year over `queryset`; the flag says whether they are estimates.

    With `sample`, only that many matching articles are counted and the counts are scaled to `total`.
    """
    ids = queryset.order_by().values("tag_ids", "source_id", "published_at")
    scale = 1.0
    if sample is not None and total is not None and total > sample:
        ids = ids[:sample]
        scale = total / sample
    matches, params = ids.query.sql_with_params()
    from archive.search.core import text_index_preferred

    with transaction.atomic(savepoint=False), connection.cursor() as cursor, (
            text_index_preferred(cursor) if scale != 1.0 else nullcontext()):
        cursor.execute(_FACETS_SQL.format(matches=matches), [*params, FACET_LIMIT, FACET_LIMIT, FACET_LIMIT])
        rows = cursor.fetchall()
    facets = empty_facets()
    for facet, slug, name, count in rows:
        count = round(count * scale)
        if facet == "years":
            facets["years"].append({"year": int(slug), "count": count})
        else:
            facets[facet].append({"slug": slug, "name": name, "count": count})
    return facets, scale != 1.0

