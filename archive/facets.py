"""Facet counts (tags, places, sources, years) over an already filtered set of articles, in one query.

For a very large set the counts come from the search sample (one article in 32), scaled up, and say
so: an exact tag count over a quarter of a million matches costs more than the search itself.
"""

from django.db import connection
from django.db.models import Q
from django.db.models.functions import Mod
from django.db.models.lookups import Exact

from archive.textsearch import SEARCH_SAMPLE_EVERY, SEARCH_THIN_SAMPLE_EVERY

FACET_LIMIT = 30
SAMPLE_EVERY = SEARCH_SAMPLE_EVERY
THIN_SAMPLE_EVERY = SEARCH_THIN_SAMPLE_EVERY
# Without a match in the sample, a large result's facets are counted on this many of its first matches.
FACET_FALLBACK = 2_000
# A sample's facets are counted on about this many of its matches at most (every second, third… by id):
# the sample of a word in most articles holds tens of thousands.
SAMPLE_FACETS_AT_MOST = 2_000

# The columns of a match the counts read.
COLUMNS = ("tag_ids", "source_id", "listing_date")

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
     SELECT extract(year FROM m.listing_date)::int AS y, count(*) AS n FROM m
     WHERE m.listing_date IS NOT NULL GROUP BY 1) years ORDER BY y)
UNION ALL
SELECT 'counted', NULL, NULL, count(*) FROM m
"""
FACET_ROWS_PARAMS = [FACET_LIMIT, FACET_LIMIT, FACET_LIMIT]
# The same rows as one JSON array, for a query that counts them beside something else.
FACET_ROWS_JSON = f"(SELECT json_agg(json_build_array(f.facet, f.slug, f.name, f.n)) FROM ({FACET_ROWS}) f)"

_FACETS_SQL = "WITH m AS MATERIALIZED ({matches}), " + COUNTED_TAGS + FACET_ROWS
# The same over every k-th of the sample's matches `m_all` (k keeps them under a parameter), with a
# 'matched' row that counts them all; the matches' ids are multiples of the sample's step (a parameter too).
_THINNED_FACETS_SQL = (
    "WITH m_all AS MATERIALIZED ({matches}), "
    "m AS MATERIALIZED (SELECT * FROM m_all WHERE (m_all.id / %s) %% "
    "(SELECT greatest(1, ceil(count(*) / %s::float8))::int FROM m_all) = 0), "
    + COUNTED_TAGS
    + FACET_ROWS
    + "UNION ALL SELECT 'matched', NULL, NULL, count(*) FROM m_all"
)


def empty_facets() -> dict:
    return {"tags": [], "places": [], "sources": [], "years": []}


def facet_counts(queryset, *, total: int | None = None, sampled: bool = False) -> tuple[dict, bool]:
    """Counts per tag, place, source and year over `queryset`; the flag says whether they are estimates.

    With `sampled`, they are counted on the articles of the search sample (in_sample) and scaled to
    `total`; should the sample hold none of them, on the first FACET_FALLBACK the index yields.
    """
    if not sampled or not total:
        return from_rows(count_rows(queryset)), False
    rows = count_rows(in_sample(queryset), index_preferred=True, thinned=True)
    if not counted(rows):
        rows = count_rows(queryset, index_preferred=True, limit=FACET_FALLBACK)
    found = counted(rows)
    return from_rows(rows, scale=total / found if found else 1.0), True


def from_rows(rows, scale: float = 1.0) -> dict:
    """The facets of FACET_ROWS' rows, their counts multiplied by `scale`."""
    facets = empty_facets()
    for facet, slug, name, count in rows:
        count = round(count * scale)
        if facet == "years":
            facets["years"].append({"year": int(slug), "count": count})
        elif facet in facets:
            facets[facet].append({"slug": slug, "name": name, "count": count})
    return facets


def counted(rows) -> int:
    """How many articles the rows of FACET_ROWS were counted over."""
    return next(count for facet, _, _, count in rows if facet == "counted")


def matched(rows) -> int:
    """How many articles the rows were read from (more than were counted when thinned)."""
    return next((count for facet, _, _, count in rows if facet == "matched"), None) or counted(rows)


def in_sample(queryset, every: int | None = None):
    """`queryset`'s articles in the search sample: one in SAMPLE_EVERY (or `every`, THIN_SAMPLE_EVERY
    for the thin one) by id, spread evenly over the archive, with indexes of their own (Article.Meta).
    The first matches an index yields would not do: an archive is usually imported in date order, and
    they would all be its oldest."""
    # Written as the indexes' conditions are (archive.models.content.IN_SEARCH_SAMPLE), or they would not serve.
    return queryset.filter(Q(Exact(Mod("id", every or SAMPLE_EVERY), 0)))


def count_rows(
    queryset,
    *,
    index_preferred: bool = False,
    limit: int | None = None,
    facets: bool = True,
    thinned: bool = False,
    every: int | None = None,
) -> list[tuple]:
    """FACET_ROWS over `queryset` (only the 'counted' row without `facets`), in one query; `thinned`
    (for a search sample of one in `every`) counts facets over SAMPLE_FACETS_AT_MOST of them and adds
    'matched'."""
    from archive.search.core import text_index_preferred

    if facets and thinned:
        matches, params = queryset.order_by().values("id", *COLUMNS)[:limit].query.sql_with_params()
        sql = _THINNED_FACETS_SQL.format(matches=matches)
        params = [*params, every or SAMPLE_EVERY, SAMPLE_FACETS_AT_MOST, *FACET_ROWS_PARAMS]
    elif facets:
        matches, params = queryset.order_by().values(*COLUMNS)[:limit].query.sql_with_params()
        sql, params = _FACETS_SQL.format(matches=matches), [*params, *FACET_ROWS_PARAMS]
    else:
        matches, params = queryset.order_by().values("id")[:limit].query.sql_with_params()
        sql = f"SELECT 'counted', NULL, NULL, count(*) FROM ({matches}) m"  # nosec B608  # identifiers and clauses come from code; values are parameters
    with text_index_preferred() if index_preferred else connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
