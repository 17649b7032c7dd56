"""search(): one call for the site, the admin, the API and feeds, with a constant number of queries.

1. parse and expand the query (tags, aliases, synonyms, gazetteer), weigh each unit (2 queries);
2. editors' promotions for the query or tag page (1);
3. when every word is common, count the matches and their facets in the search sample (1, or 2 with
   the thin sample first): a large result's count and facets are estimates from there. Otherwise read
   the ids of the articles with every word (a phrase of common words through its pairs), capped, with
   a capped count of those with any word when few have every word, and the facets of what was read
   (1): then the rest follow and the result says it fell back;
4. rank the matches with BM25 (for a huge result, only candidates from the statistics' lists) and
   fetch the page with where each matched and a snippet (1);
5. the page's articles with their source and tags (2), facets when step 3 could not count them
   (1, on the sample for a large result), "did you mean" (1).
"""

import datetime
import json
import math
import re
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import BooleanField, Exists, F, Func, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from archive import facets as facet_module
from archive.search.expansion import expand
from archive.search.query import parse
from archive.search.ranking import DF_EXACT_LIMIT, CompiledQuery, compile_query
from archive.search.suggestions import did_you_mean

SORTS = ("relevance", "newest", "oldest")
TAG_MODES = ("all", "any", "none")

# When fewer articles than this (a page of results) have every word, articles with some of the words
# follow them, ranked: a reader is not left with a short page while related articles exist, and a
# question typed in full, whose every word few articles hold, still finds the articles that answer it.
FALLBACK_BELOW = getattr(settings, "ARCHIVE_SEARCH_FALLBACK_BELOW", 20)
# Counts stop here; beyond it the total is an estimate (and says so).
COUNT_LIMIT = getattr(settings, "ARCHIVE_SEARCH_COUNT_LIMIT", 10_000)
# A result the search sample (archive.facets.in_sample) puts at this many articles or more is not
# counted but estimated from the sample, facets included: counting it would read every match, and the
# whole index entry of each common word in it. Only a query whose every unit is this common can be.
SAMPLED_ABOVE = getattr(settings, "ARCHIVE_SEARCH_SAMPLED_ABOVE", 5_000)
# A query whose every unit is in this many of the thin sample's step (archive.facets.THIN_SAMPLE_EVERY)
# is estimated there first, when it has at least that many matches in it: the search sample would read
# tens of thousands (a place most articles name).
THIN_SAMPLE_MATCHES = 400
MAX_PER_PAGE = 100
# Above this many matches, relevance ranks candidates (archive.search.stats impact lists) rather than
# every match, for results up to BOUNDED_DEPTH deep; the bench measures what that keeps of the top 10.
EXHAUSTIVE_LIMIT = getattr(settings, "ARCHIVE_SEARCH_EXHAUSTIVE_LIMIT", 2_000)
# A one-word query ranks its list's candidates from this many matches up: its list is ordered by the very
# score it ranks by, so the page is exact whenever enough of them pass the filters (else see _short_page).
SINGLE_TERM_EXHAUSTIVE_LIMIT = getattr(settings, "ARCHIVE_SEARCH_SINGLE_TERM_EXHAUSTIVE_LIMIT", 500)
BOUNDED_DEPTH = 200

# Private-use characters mark highlights inside the database; the text is escaped, then they become <mark>.
# Angle brackets travel as two more of them, or the headline parser would drop what looks like markup.
_START, _STOP, _LT, _GT = "\ue000", "\ue001", "\ue002", "\ue003"
_HEADLINE_OPTIONS = (
    f"StartSel={_START}, StopSel={_STOP}, MaxWords=35, MinWords=12, ShortWord=2, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


@dataclass
class SearchRequest:
    """What a reader asked for. Invalid choices raise ValueError with a message fit to show."""

    q: str = ""
    tags: list[str] = field(default_factory=list)
    tag_mode: str = "all"
    sources: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    year: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    language: str | None = None
    has_photos: bool | None = None
    sort: str = "relevance"

    def __post_init__(self):
        self.q = str(self.q or "")
        self.tags = _slugs(self.tags)
        self.sources = _slugs(self.sources)
        self.places = _slugs(self.places)
        if self.tag_mode not in TAG_MODES:
            raise ValueError(f"tag_mode must be one of {', '.join(TAG_MODES)}, not {self.tag_mode!r}")
        if self.sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {self.sort!r}")
        if self.year is not None:
            try:
                self.year = int(self.year)
            except (TypeError, ValueError):
                raise ValueError(f"year must be a whole number, not {self.year!r}") from None
            if not 1 <= self.year <= 9999:
                raise ValueError(f"year {self.year} is out of range")
        self.date_from = _date(self.date_from, "date_from")
        self.date_to = _date(self.date_to, "date_to")


def _slugs(values) -> list[str]:
    if isinstance(values, str):
        values = [values]
    return [str(v).strip() for v in values or () if str(v).strip()][:20]


def _date(value, name):
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{name} must be a date like 2019-03-01, not {value!r}") from None


@dataclass
class Hit:
    article: object
    rank: float = 0.0
    matched: list[str] = field(default_factory=list)
    snippet: SafeString = mark_safe("")  # nosec B308  # an empty string
    snippet_field: str = "body"
    promoted: bool = False


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    total_is_estimate: bool
    page: int
    per_page: int
    fallback: bool = False
    # With `fallback`, how many articles have every word (they come first).
    every_word: int = 0
    suggestion: str | None = None
    facets: dict = field(default_factory=facet_module.empty_facets)
    facets_are_estimates: bool = False
    query: str = ""

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def filtered(queryset, req: SearchRequest):
    """The queryset narrowed by the request's filters (not by its words).

    Tag and place filters test the article's own tag ids, so the planner can intersect their GIN index
    with the text index instead of joining ArticleTag for every match.
    """
    from archive.models import Photo

    qs = queryset
    if req.tags:
        if req.tag_mode == "all":
            qs = qs.alias(_tagged=_tag_test("@>", req.tags)).filter(_tagged=True)
        else:
            any_tag = _tag_test("&&", req.tags)
            qs = qs.alias(_tagged=any_tag).filter(_tagged=req.tag_mode == "any")
    if req.places:
        qs = qs.alias(_placed=_tag_test("@>", req.places, kind="place")).filter(_placed=True)
    if req.sources:
        qs = qs.filter(source__slug__in=req.sources)
    if req.year:
        qs = qs.filter(
            published_at__gte=_start(datetime.date(req.year, 1, 1)),
            published_at__lt=_start(datetime.date(req.year + 1, 1, 1)),
        )
    if req.date_from:
        qs = qs.filter(published_at__gte=_start(req.date_from))
    if req.date_to:
        qs = qs.filter(published_at__lt=_start(req.date_to + datetime.timedelta(days=1)))
    if req.language:
        qs = qs.filter(language=req.language)
    if req.has_photos is not None:
        has = Exists(Photo.objects.filter(article=OuterRef("pk")))
        qs = qs.filter(has if req.has_photos else ~has)
    return qs


def _tag_test(operator: str, slugs: list[str], kind: str | None = None) -> Func:
    """The article's tag ids against those of `slugs` (`@>` all of them, `&&` any).

    A slug that names no tag stays in the array as NULL, so with `@>` it matches nothing.
    """
    kind_sql, params = ("", []) if kind is None else (" AND t.kind = %s", [kind])
    ids = RawSQL(  # nosec B611  # SQL defined in code; values are parameters
        f"ARRAY(SELECT (SELECT t.id FROM archive_tag t WHERE t.slug = s.slug{kind_sql}) FROM unnest(%s::text[]) AS s(slug))",
        [*params, sorted(set(slugs))],
    )
    return Func(
        F("tag_ids"), ids, arg_joiner=f" {operator} ", template="(%(expressions)s)", output_field=BooleanField()
    )


def _start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


def matching(queryset, tsquery: str):
    """The queryset restricted to articles whose vector matches `tsquery` (served by the GIN index)."""
    return queryset.alias(
        _match=RawSQL('"archive_article"."search_vector" @@ %s::tsquery', [tsquery], output_field=BooleanField())
    ).filter(_match=True)


def prepare(q: str) -> CompiledQuery:
    """Parse, expand and weigh a query."""
    parsed = parse(q)
    if parsed.is_empty:
        return CompiledQuery()
    return compile_query(expand(parsed))


def search(
    req: SearchRequest,
    channel: str = "site",
    page: int = 1,
    per_page: int = 20,
    facets: bool = True,
    queryset=None,
    exhaustive: bool = False,
) -> SearchResults:
    """Ranked, paginated, highlighted results for `req` among `queryset` (published articles by default).

    `exhaustive` ranks every match even for huge result sets (the benchmark's reference).
    """
    from archive.insights import record_search
    from archive.models import Article

    page = max(1, int(page or 1))
    per_page = max(1, min(int(per_page or 20), MAX_PER_PAGE))
    base = filtered(queryset if queryset is not None else Article.objects.published(), req)
    parsed = parse(req.q)
    compiled = compile_query(expand(parsed)) if not parsed.is_empty else CompiledQuery()
    text_query = not compiled.is_empty

    promoted_ids = _promoted(parsed, req, base) if page == 1 and req.sort == "relevance" else []

    # Nothing but the words narrow the matches (no filter, exclusion or narrower queryset).
    unfiltered = (
        queryset is None
        and not compiled.excluded
        and not (
            req.tags
            or req.places
            or req.sources
            or req.year
            or req.date_from
            or req.date_to
            or req.language
            or req.has_photos is not None
        )
    )
    estimate, every_word, counted_facets, sampled = False, 0, None, False
    if text_query:
        matched = _matches(
            base, compiled, tag_filtered=bool(req.tags or req.places), facets=facets, unfiltered=unfiltered
        )
        matches, total, estimate, fallback, every_word = (
            matched.queryset,
            matched.total,
            matched.estimate,
            matched.fallback,
            matched.every_word,
        )
        counted_facets, sampled = matched.facets, matched.sampled
    elif parsed.units:
        # Only stop words ("the of"): nothing can match them in an English index.
        fallback, total, matches = False, 0, base.none()
    else:
        fallback = False
        matches = matching(base, f"!( {compiled.excluded} )") if compiled.excluded else base
        total = _capped_count(matches)
        estimate = total > COUNT_LIMIT
        if estimate:
            total = _estimate(matches, compiled, fallback, total)

    bounded = (
        text_query
        and not exhaustive
        and req.sort == "relevance"
        # An estimated phrase count may be small while checking every match is not.
        and (
            total > (SINGLE_TERM_EXHAUSTIVE_LIMIT if compiled.is_single_term else EXHAUSTIVE_LIMIT)
            or (estimate and compiled.has_phrase)
        )
        and page * per_page <= BOUNDED_DEPTH
        and compiled.stats_refreshed_at is not None
    )
    top = BOUNDED_DEPTH * 2 if unfiltered else None
    if bounded:
        # Every unit must be rare (all its matches are candidates: counted exactly below DF_EXACT_LIMIT),
        # or have impact lists for its alternatives (see CompiledUnit.unlisted_candidates). And the lists
        # must be able to hold fewer articles than match: otherwise ranking every match reads no more, and
        # misses nothing a list leaves out (a spelling left to its siblings' lists, say).
        bounded = all(
            unit.df < DF_EXACT_LIMIT or unit.unlisted_candidates() is not None for unit in compiled.units
        ) and total > _candidate_budget(compiled, top)
    ranked = _candidates(matches, compiled, top=top) if bounded else matches
    # A bounded set is read once into memory: each use of a stored vector otherwise decompresses it again.
    in_memory = bounded
    rows = (
        _page_rows(ranked, compiled, req.sort, page, per_page, promoted_ids, in_memory=in_memory)
        if total or promoted_ids
        else []
    )
    if bounded and _short_page(rows, total, page, per_page, len(promoted_ids)):
        # Too few of the lists' candidates pass the filters (an old year, a small tag): those shown would
        # not be the best, and the page would be short. Rank every match instead.
        rows = _page_rows(matches, compiled, req.sort, page, per_page, promoted_ids)
    hits = _hits(rows, compiled)

    facet_counts, facets_estimated = facet_module.empty_facets(), False
    if facets and total:
        if counted_facets is not None:
            facet_counts, facets_estimated = counted_facets, sampled
        else:
            facet_counts, facets_estimated = facet_module.facet_counts(
                matches, total=total, sampled=total >= SAMPLED_ABOVE
            )

    suggestion = None
    if text_query or parsed.units:
        # Words the archive has (almost) never seen, checked against its vocabulary; when the search fell
        # back or found nothing, a near spelling that is far more common is offered too.
        rare = set(compiled.rare_words)
        suggestion = did_you_mean(
            parsed.words(), check=[w for w in parsed.words() if w in rare], force=fallback or total == 0
        )

    record_search(req.q, channel, total)
    return SearchResults(
        hits=hits,
        total=total,
        total_is_estimate=estimate,
        page=page,
        per_page=per_page,
        fallback=fallback,
        every_word=every_word if fallback else 0,
        suggestion=suggestion,
        facets=facet_counts,
        facets_are_estimates=facets_estimated,
        query=parsed.text,
    )


def _short_page(rows, total: int, page: int, per_page: int, promoted: int) -> bool:
    ranked = sum(1 for row in rows if not row[2])
    return ranked < min(per_page, total - promoted - (page - 1) * per_page)


def _list_depths(compiled: CompiledQuery, top: int | None) -> dict[str, int]:
    """How deep each lexeme's list is read: a unit's spellings share one list's worth between them."""
    from archive.search.stats import IMPACT_LIST_SIZE

    depth: dict[str, int] = {}
    for unit in compiled.units:
        share = (
            top
            if top and len(compiled.units) == 1
            else max(BOUNDED_DEPTH * 2, IMPACT_LIST_SIZE // max(1, len(unit.lexemes)))
        )
        for lexeme in unit.lexemes:
            depth[lexeme] = max(depth.get(lexeme, 0), share)
    return depth


def _direct_candidates(unit) -> list[tuple[str, int]]:
    """The unit's tsqueries whose every match is a candidate, with their document frequencies."""
    return [(unit.tsquery, unit.df)] if unit.df < DF_EXACT_LIMIT else unit.unlisted_candidates()


def _candidate_budget(compiled: CompiledQuery, top: int | None) -> int:
    """At most how many candidates _candidates() reads."""
    direct = sum(df for unit in compiled.units for _, df in _direct_candidates(unit))
    return sum(_list_depths(compiled, top).values()) + direct


def _candidates(matches, compiled: CompiledQuery, top: int | None = None):
    """The matches worth ranking: those in a common word's impact list, every match of the rarer
    units, and every article changed since the lists were built.

    With `top` and a one-unit query, only that many of each list's best: a list is ordered by the very
    score a one-word query ranks by (so its top is exact), and for a word with several spellings the
    best of each spelling's list are those likeliest to score best; without filters nothing else passes.
    Otherwise a unit's spellings share one list's worth of candidates.
    """
    depth = _list_depths(compiled, top)
    rare = " | ".join(f"( {q} )" for u in compiled.units for q, _ in _direct_candidates(u))
    # A union of small sets the planner can drive the search from (the lists, the recently changed
    # articles by their updated_at index, a rare unit's matches by the GIN index).
    listed = (
        "SELECT best.article_id FROM unnest(%s::text[], %s::int[]) AS l(lexeme, depth) CROSS JOIN LATERAL ("
        "SELECT si.article_id FROM archive_searchimpact si WHERE si.lexeme = l.lexeme "
        "ORDER BY si.impact DESC LIMIT l.depth) best"
    )
    params = [list(depth), list(depth.values())]
    candidates = f"{listed} UNION SELECT c.id FROM archive_article c WHERE c.updated_at > %s"
    params.append(compiled.stats_refreshed_at)
    if rare:
        candidates += " UNION SELECT r.id FROM archive_article r WHERE r.search_vector @@ %s::tsquery"
        params.append(rare)
    return matches.alias(
        _candidate=RawSQL(f'"archive_article"."id" IN ({candidates})', params, output_field=BooleanField())  # nosec B611  # SQL defined in code; values are parameters
    ).filter(_candidate=True)


def count_matches(queryset) -> tuple[int, bool]:
    """How many articles `queryset` (narrowed by matching(), as search_queryset's is) holds, and whether
    that is an estimate: from the search sample when it puts them at SAMPLED_ABOVE or more, otherwise
    counted through the text index. Counting a common word's matches exactly takes seconds at a million."""
    if queryset.query.is_empty():  # nothing searchable was typed
        return 0, False
    estimated = _sample_estimate(queryset, facets=False, thin_first=True)
    if estimated is not None:
        return estimated.total, True
    return facet_module.counted(facet_module.count_rows(queryset, index_preferred=True, facets=False)), False


def _capped_count(queryset) -> int:
    return queryset.order_by().values("id")[: COUNT_LIMIT + 1].count()


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


_PLANNER_SETTINGS = ("enable_seqscan", "enable_indexscan", "enable_nestloop")


@contextmanager
def text_index_preferred(cursor, joins: bool = False):
    """Inside this block (and a transaction), find a common word's matches through the text index.

    The planner counts a vector test as cheap, so to list a few thousand of a common word's matches it
    reads the table and tests each vector, decompressing it; the GIN index names them without that.
    With `joins`, a tag filter is joined by hash too: otherwise each of the tag's articles is read and
    its vector tested (an array of tag ids on the article with a GIN index would let the planner
    combine both indexes instead). The settings are put back after, as a caller's transaction may go on.
    """
    wanted = {"enable_seqscan": "off", "enable_indexscan": "off", "enable_nestloop": "off" if joins else "on"}
    cursor.execute(
        "SELECT "
        + ", ".join(f"current_setting('{name}')" for name in _PLANNER_SETTINGS)
        + ", "
        + ", ".join(f"set_config('{name}', %s, true)" for name in _PLANNER_SETTINGS),
        [wanted[name] for name in _PLANNER_SETTINGS],
    )
    previous = cursor.fetchone()[: len(_PLANNER_SETTINGS)]
    try:
        yield
    finally:
        cursor.execute(
            "SELECT " + ", ".join(f"set_config('{name}', %s, true)" for name in _PLANNER_SETTINGS), list(previous)
        )


@dataclass
class _Matched:
    """What search() needs to know of a text query's matches before it ranks them."""

    queryset: object
    total: int
    estimate: bool = False
    fallback: bool = False
    # With `fallback`, how many have every word.
    every_word: int = 0
    # The facets, when they were counted with the matches themselves (or on the sample, with `sampled`).
    facets: dict | None = None
    sampled: bool = False


def _matches(
    base, compiled: CompiledQuery, tag_filtered: bool = False, facets: bool = False, unfiltered: bool = False
) -> _Matched:
    """The matches of a text query, counted, or estimated when there are too many.

    When every unit is common, the search sample is read first (a few milliseconds): a result it puts
    at SAMPLED_ABOVE or more gets its estimate, and its facets, from there. Otherwise up to
    COUNT_LIMIT + 1 articles with every word are read once (and, when fewer than FALLBACK_BELOW, a
    capped count of those with any word, in the same query); when they all fit, the page reads those
    articles by id, and with `facets` they are counted from the rows read, so each match is read once.
    """
    all_matches = _through_pairs(matching(base, compiled.all_query), compiled)
    smallest_df = min(unit.df for unit in compiled.units)
    if smallest_df >= SAMPLED_ABOVE:
        # Filters narrow a common word well below its frequency: the thin sample would hold too few.
        thin_first = unfiltered and smallest_df >= THIN_SAMPLE_MATCHES * facet_module.THIN_SAMPLE_EVERY
        estimated = _sample_estimate(all_matches, facets, thin_first=thin_first)
        if estimated is not None:
            return estimated
    columns = ("id", *facet_module.COLUMNS) if facets else ("id",)
    all_sql, all_params = all_matches.order_by().values(*columns)[: COUNT_LIMIT + 1].query.sql_with_params()
    if len(compiled.units) == 1:
        any_sql, any_params = "SELECT NULL::int", []
    else:
        any_sql, any_params = (
            matching(base, compiled.any_query).order_by().values("id")[: COUNT_LIMIT + 1].query.sql_with_params()
        )
        any_sql = f"SELECT count(*) FROM ({any_sql}) b"
    if facets:
        counted = f"CASE WHEN cardinality(a.ids) <= %s THEN {facet_module.FACET_ROWS_JSON} END"
        counted_params = [COUNT_LIMIT, *facet_module.FACET_ROWS_PARAMS]
        ctes = (
            f"m AS MATERIALIZED ({all_sql}), {facet_module.COUNTED_TAGS}, a AS (SELECT array(SELECT id FROM m) AS ids)"
        )
    else:
        counted, counted_params = "NULL", []
        ctes = f"a AS MATERIALIZED (SELECT array(SELECT id FROM ({all_sql}) s) AS ids)"
    hinted = tag_filtered and min(unit.df for unit in compiled.units) >= DF_EXACT_LIMIT
    with (
        transaction.atomic(savepoint=False),
        connection.cursor() as cursor,
        text_index_preferred(cursor, joins=True) if hinted else nullcontext(),
    ):
        cursor.execute(
            f"""WITH {ctes}
                SELECT a.ids, CASE WHEN cardinality(a.ids) < %s THEN ({any_sql}) END, {counted} FROM a""",  # nosec B608  # identifiers and clauses come from code; values are parameters
            [*all_params, FALLBACK_BELOW, *any_params, *counted_params],
        )
        ids, any_count, facet_rows = cursor.fetchone()
    all_count = len(ids)
    if any_count is not None and any_count > all_count:
        matches = matching(base, compiled.any_query)
        if any_count > COUNT_LIMIT:
            return _Matched(
                matches,
                _estimate(matches, compiled, True, any_count),
                estimate=True,
                fallback=True,
                every_word=all_count,
            )
        return _Matched(matches, any_count, fallback=True, every_word=all_count)
    if all_count > COUNT_LIMIT:
        return _Matched(all_matches, _estimate(all_matches, compiled, False, all_count), estimate=True)
    return _Matched(
        _by_ids(base, ids), all_count, facets=facet_module.from_rows(facet_rows) if facet_rows is not None else None
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


def _sample_estimate(matches, facets: bool, thin_first: bool = False) -> _Matched | None:
    """The count (and with `facets`, the facets) of `matches` estimated from the search sample (from the
    thin one first with `thin_first`), or None when the sample puts them under SAMPLED_ABOVE and they
    are to be counted."""
    steps = (facet_module.THIN_SAMPLE_EVERY, facet_module.SAMPLE_EVERY) if thin_first else (facet_module.SAMPLE_EVERY,)
    for every in steps:
        rows = facet_module.count_rows(
            facet_module.in_sample(matches, every), index_preferred=True, facets=facets, thinned=True, every=every
        )
        found = facet_module.matched(rows)
        if every != steps[-1] and found < THIN_SAMPLE_MATCHES:
            continue
        total = found * every
        if total < SAMPLED_ABOVE:
            return None
        scale = total / max(1, facet_module.counted(rows))
        return _Matched(
            matches,
            _about(total),
            estimate=True,
            sampled=True,
            facets=facet_module.from_rows(rows, scale=scale) if facets else None,
        )
    return None


def _about(n: float) -> int:
    """An estimated count as a page says it: to the hundred from a thousand up."""
    return int(round(n, -2)) if n >= 1000 else int(round(n))


def _estimate(matches, compiled: CompiledQuery, fallback: bool, floor: int) -> int:
    """An estimate of a count that passed COUNT_LIMIT: the planner's (which weighs the filters too),
    or without a usable plan, one from document frequencies assuming the words independent."""
    planned = _planned_rows(matches)
    if planned > floor or compiled.is_empty:
        return max(floor, int(round(planned, -2)))
    n = compiled.n_docs
    shares = [min(1.0, u.df / n) for u in compiled.units]
    share = 1 - math.prod(1 - s for s in shares) if fallback else math.prod(shares)
    return max(floor, int(round(share * n, -2)))


def _promoted(parsed, req: SearchRequest, base) -> list[int]:
    """Editors' picks for this query (exact, or containing the words) or for a tag page, in their order."""
    from archive.models import Promotion
    from archive.models.curation import normalize_query

    normalized = normalize_query(parsed.text)
    condition = Q()
    if normalized:
        words = normalized.split()
        contains = RawSQL("string_to_array(normalized_query, ' ') <@ %s::text[]", [words], output_field=BooleanField())
        condition = Q(match=Promotion.Match.EXACT, normalized_query=normalized) | (
            Q(match=Promotion.Match.CONTAINS) & Q(_contains=True)
        )
    elif len(req.tags) == 1 and req.tag_mode != "none":
        condition = Q(tag__slug=req.tags[0])
    else:
        return []
    promotions = Promotion.objects.current().filter(article__in=base.values("id"))
    if normalized:
        promotions = promotions.alias(_contains=contains)
    ids = promotions.filter(condition).order_by("position", "id").values_list("article_id", flat=True)
    return list(dict.fromkeys(ids))[:10]


_ORDER = {
    "relevance": "tier DESC, score DESC, published_at DESC NULLS LAST, id DESC",
    "newest": "tier DESC, published_at DESC NULLS LAST, id DESC",
    "oldest": "tier DESC, published_at ASC NULLS LAST, id ASC",
}


def _page_rows(
    matches,
    compiled: CompiledQuery,
    sort: str,
    page: int,
    per_page: int,
    promoted_ids: list[int],
    in_memory: bool = False,
):
    """(id, score, tier, promoted, matched flags…, snippet field, headline) for the page, in order.

    With `in_memory`, the matches' vectors are decompressed once into a materialised set before they
    are scored (each of the score's several uses of a stored vector would decompress it again).
    """
    if promoted_ids:
        matches = matches.exclude(id__in=promoted_ids)
    # Without words nothing is scored: the vectors (a few kB each) are not read.
    columns = ("id", "published_at") if compiled.is_empty else ("id", "search_vector", "published_at")
    base_sql, base_params = matches.order_by().values(*columns).query.sql_with_params()
    params: list = [*base_params]
    if compiled.is_empty:
        ranked = "SELECT m.id, 0::float8 AS score, true AS tier, m.published_at FROM m"
        order = _ORDER["newest" if sort == "relevance" else sort]
        highlight = None
    else:
        score_sql, score_params = compiled.score_sql(vector="m.search_vector", published="m.published_at")
        if sort == "relevance":
            ranked = f"SELECT m.id, {score_sql} AS score, m.search_vector @@ %s::tsquery AS tier, m.published_at FROM m"
            params += [*score_params, compiled.all_query]
        else:
            ranked = "SELECT m.id, 0::float8 AS score, m.search_vector @@ %s::tsquery AS tier, m.published_at FROM m"
            params += [compiled.all_query]
        order = _ORDER[sort]
        highlight = compiled.highlight_query
    params += [per_page, (page - 1) * per_page, promoted_ids]
    if highlight:
        cfg = "CASE WHEN a.language = 'ko' THEN 'archive_simple'::regconfig ELSE 'archive_english'::regconfig END"
        in_caption = "(ts_filter(a.search_vector, '{c}') @@ hq.q AND NOT ts_filter(a.search_vector, '{d}') @@ hq.q)"
        details = f"""
            ts_filter(a.search_vector, '{{a}}') @@ hq.q, to_tsvector({cfg}, a.dek) @@ hq.q,
            to_tsvector({cfg}, a.tag_text) @@ hq.q, ts_filter(a.search_vector, '{{c}}') @@ hq.q,
            ts_filter(a.search_vector, '{{d}}') @@ hq.q,
            CASE WHEN {in_caption} THEN 'caption' ELSE 'body' END,
            ts_headline({cfg},
                translate(CASE WHEN {in_caption} THEN a.caption_text ELSE coalesce(nullif(a.body, ''), a.dek) END,
                          '<>' || chr(57344) || chr(57345), chr(57346) || chr(57347)),
                hq.q, %s)"""
        hq = "CROSS JOIN (SELECT %s::tsquery AS q) hq"
        # In text order the headline options (SELECT list) come before the highlight query (FROM).
        params += [_HEADLINE_OPTIONS, highlight]
    else:
        details = "false, false, false, false, false, 'body', left(coalesce(nullif(a.body, ''), a.dek), 400)"
        hq = ""
    if in_memory:
        m = (
            f"m0 AS ({base_sql}), m AS MATERIALIZED ("
            "SELECT id, search_vector || ''::tsvector AS search_vector, published_at FROM m0)"
        )
    else:
        m = f"m AS ({base_sql})"
    sql = f"""
        WITH {m},
        page AS (SELECT id, score, tier, false AS promoted, row_number() OVER () AS pos FROM (
                    SELECT * FROM ({ranked}) r ORDER BY {order} LIMIT %s OFFSET %s) p),
        picks AS (SELECT id, NULL::float8 AS score, true AS tier, true AS promoted, pos - 1000 AS pos
                  FROM unnest(%s::bigint[]) WITH ORDINALITY AS x(id, pos)),
        rows AS (SELECT * FROM picks UNION ALL SELECT * FROM page)
        SELECT rows.id, rows.score, rows.promoted, {details}
        FROM rows JOIN archive_article a ON a.id = rows.id {hq}
        ORDER BY rows.pos
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _hits(rows, compiled: CompiledQuery) -> list[Hit]:
    from archive.models import Article

    if not rows:
        return []
    articles = Article.objects.select_related("source").prefetch_related("tags").in_bulk([r[0] for r in rows])
    hits = []
    for row in rows:
        article_id, score, promoted, m_title, m_dek, m_tag, m_caption, m_body, snippet_field, headline = row
        article = articles.get(article_id)
        if article is None:
            continue
        matched = [
            name
            for name, flag in zip(
                ("title", "dek", "tag", "caption", "body"), (m_title, m_dek, m_tag, m_caption, m_body)
            )
            if flag
        ]
        hits.append(
            Hit(
                article=article,
                rank=float(score or 0),
                matched=matched,
                snippet=_snippet(headline or "", highlighted=not compiled.is_empty),
                snippet_field=snippet_field,
                promoted=bool(promoted),
            )
        )
    return hits


_SPACES = re.compile(r"\s+")
_MARKER = re.compile(f"([{_START}{_STOP}])")


def _snippet(text: str, *, highlighted: bool) -> SafeString:
    """The article's text escaped; only the highlight markers become <mark>."""
    text = _SPACES.sub(" ", text).strip()
    if not highlighted:
        text = Truncator(text).words(35)
    escaped = str(escape(text)).replace(_LT, "&lt;").replace(_GT, "&gt;")
    if highlighted:
        escaped = _balance(escaped)
    return mark_safe(escaped)  # nosec B308 B703  # the text was escaped above; only <mark> is added


def _balance(escaped: str) -> str:
    """The highlight markers as <mark> and </mark>, never nested, never left open."""
    out, open_mark = [], False
    for piece in _MARKER.split(escaped):
        if piece == _START:
            if not open_mark:
                out.append("<mark>")
            open_mark = True
        elif piece == _STOP:
            if open_mark:
                out.append("</mark>")
            open_mark = False
        else:
            out.append(piece)
    if open_mark:
        out.append("</mark>")
    return "".join(out)


def search_queryset(queryset, q: str):
    """`queryset` narrowed to articles with any of the words, annotated with `rank`, best first.

    Articles with every word come before those with some (annotated `all_words`), as in search().
    """
    compiled = prepare(q)
    if compiled.is_empty:
        return queryset.none()
    score_sql, score_params = compiled.score_sql()
    return (
        matching(queryset, compiled.any_query)
        .annotate(
            rank=RawSQL(score_sql, score_params),  # nosec B611  # SQL defined in code; values are parameters
            all_words=RawSQL(
                '"archive_article"."search_vector" @@ %s::tsquery', [compiled.all_query], output_field=BooleanField()
            ),
        )
        .order_by("-all_words", "-rank", "-published_at", "-id")
    )
