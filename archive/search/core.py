"""search(): one call for the site, the admin, the API and feeds, with a constant number of queries.

1. parse and expand the query (tags, aliases, synonyms, gazetteer: their names read once per archive
   generation), weigh each unit (1 query);
2. editors' promotions for the query or tag page (1);
3. count the matches and their facets (archive.search.counting; 1, or 2 with the thin sample first);
4. plan the ranking (archive.search.plans): every match, or for a huge result only candidates from the
   statistics' lists; rank and fetch the page with where each matched and a snippet (1,
   archive.search.page);
5. the page's articles with their source (1; their tags from archive.search.article_tags, read once per
   generation of the vocabulary), facets when step 3 could not count them
   (1, on the sample for a large result), "did you mean" when few matched and a word is rare (1).

The sizes these steps go by are archive.search.limits.SearchLimits, read from settings at each call;
the plans taken are in the results (SearchResults.plan).
"""

import dataclasses
import datetime
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import BooleanField, Exists, F, Func, OuterRef
from django.db.models.expressions import RawSQL

from archive import facets as facet_module
from archive.search import cache as search_cache
from archive.search import promotions
from archive.search.counting import (  # count_matches, text_index_preferred: used by the admin and facets
    Counted,
    count_matches,
    count_text_matches,
    count_without_words,
    matching,
    text_index_preferred,
)
from archive.search.expansion import expand
from archive.search.limits import SearchLimits, current_limits
from archive.search.page import Hit, PageRow, hits, page_rows
from archive.search.plans import CountingPlan, RankingPlan, SearchPlan, candidates, plan_ranking
from archive.search.query import parse
from archive.search.ranking import CompiledQuery, compile_query
from archive.search.suggestions import did_you_mean

__all__ = [
    "Hit",
    "SearchRequest",
    "SearchResults",
    "count_matches",
    "filtered",
    "matching",
    "prepare",
    "search",
    "search_queryset",
    "text_index_preferred",
]

SORTS = ("relevance", "newest", "oldest")
TAG_MODES = ("all", "any", "none")


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

    @property
    def has_filters(self) -> bool:
        """Whether anything but the words narrows the matches."""
        return bool(
            self.tags
            or self.places
            or self.sources
            or self.year
            or self.date_from
            or self.date_to
            or self.language
            or self.has_photos is not None
        )

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
    # How the matches were counted and ranked (archive.search.plans).
    plan: SearchPlan | None = None

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
    # Years and dates are the listing date's, as the browse pages count them (an undated article's is
    # when the archive first published it).
    if req.year:
        qs = qs.filter(
            listing_date__gte=_start(datetime.date(req.year, 1, 1)),
            listing_date__lt=_start(datetime.date(req.year + 1, 1, 1)),
        )
    if req.date_from:
        qs = qs.filter(listing_date__gte=_start(req.date_from))
    if req.date_to:
        qs = qs.filter(listing_date__lt=_start(req.date_to + datetime.timedelta(days=1)))
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

    `exhaustive` ranks every match even for huge result sets (the benchmark's reference). Public
    searches (no `queryset`) are cached whole under the archive's generation (archive.search.cache),
    unless the page that asks is itself cached whole (archive.search.http).
    """
    from archive.insights import record_search

    limits = current_limits()
    page = max(1, int(page or 1))
    per_page = max(1, min(int(per_page or 20), limits.max_per_page))
    if queryset is not None or exhaustive or search_cache.cache_seconds() <= 0 or search_cache.page_is_cached():
        results = _search(req, page, per_page, facets, queryset, exhaustive, limits)
    else:
        with search_cache.held_generation():  # the page's key and its promotions (archive.search.promotions)
            results = _cached_search(req, page, per_page, facets, limits)
    record_search(req.q, channel, results.total)
    return results


def _cached_search(req: SearchRequest, page: int, per_page: int, facets: bool, limits: SearchLimits) -> SearchResults:
    key = search_cache.page_key(
        search_cache.current_generation(),
        request=dataclasses.asdict(req) | {"q": " ".join(req.q.split())},
        page=page,
        per_page=per_page,
        facets=facets,
        # What else shapes the page: the sizes plans go by and the weight of recency.
        limits=dataclasses.asdict(limits),
        recency=settings.ARCHIVE_RECENCY_WEIGHT,
    )
    return search_cache.cached(key, lambda: _search(req, page, per_page, facets, None, False, limits))


def _search(
    req: SearchRequest, page: int, per_page: int, facets: bool, queryset, exhaustive: bool, limits: SearchLimits
) -> SearchResults:
    from archive.models import Article

    base = filtered(queryset if queryset is not None else Article.objects.published(), req)
    parsed = parse(req.q)
    compiled = compile_query(expand(parsed)) if not parsed.is_empty else CompiledQuery()
    promoted_ids = _promoted(parsed, req, base) if page == 1 and req.sort == "relevance" else []
    unfiltered = queryset is None and not compiled.excluded and not req.has_filters

    if not compiled.is_empty:
        counted = count_text_matches(base, compiled, limits, facets=facets, unfiltered=unfiltered)
    elif parsed.units:  # words without a lexeme (½): nothing can match them
        counted = Counted(base.none(), 0, CountingPlan("unsearchable"))
    else:
        counted = count_without_words(base, compiled, limits)

    ranking = plan_ranking(
        compiled,
        total=counted.total,
        estimated=counted.estimate,
        sort=req.sort,
        depth=page * per_page,
        exhaustive=exhaustive,
        unfiltered=unfiltered,
        limits=limits,
    )
    rows, ranking = _ranked_page(counted, compiled, ranking, req.sort, page, per_page, promoted_ids, limits)

    facet_counts, facets_estimated = facet_module.empty_facets(), False
    if facets and counted.total:
        if counted.facets is not None:
            facet_counts, facets_estimated = counted.facets, counted.estimate
        else:
            facet_counts, facets_estimated = facet_module.facet_counts(
                counted.queryset, total=counted.total, sampled=counted.total >= limits.sampled_above
            )

    return SearchResults(
        hits=hits(rows, compiled, queryset),
        total=counted.total,
        total_is_estimate=counted.estimate,
        page=page,
        per_page=per_page,
        fallback=counted.fallback,
        every_word=counted.every_word if counted.fallback else 0,
        suggestion=_suggestion(parsed, compiled, counted, limits),
        facets=facet_counts,
        facets_are_estimates=facets_estimated,
        query=parsed.text,
        plan=SearchPlan(counted.plan, ranking),
    )


def _ranked_page(
    counted: Counted,
    compiled: CompiledQuery,
    plan: RankingPlan,
    sort: str,
    page: int,
    per_page: int,
    promoted_ids: list[int],
    limits: SearchLimits,
) -> tuple[list[PageRow], RankingPlan]:
    """The page's rows as the plan says, and the plan as it ran (a bounded one may have to widen)."""
    if not (counted.total or promoted_ids):
        return [], plan
    if not plan.bounded:
        return page_rows(counted.queryset, compiled, sort, page, per_page, promoted_ids), plan
    # A bounded set is read once into memory: each use of a stored vector otherwise decompresses it again.
    ranked = candidates(counted.queryset, compiled, plan, limits)
    rows = page_rows(ranked, compiled, sort, page, per_page, promoted_ids, in_memory=True)
    organic = sum(1 for row in rows if not row.promoted)
    if organic >= min(per_page, counted.total - len(promoted_ids) - (page - 1) * per_page):
        return rows, plan
    # Too few of the lists' candidates pass the filters (an old year, a small tag): those shown would not
    # be the best, and the page would be short. Rank every match instead.
    rows = page_rows(counted.queryset, compiled, sort, page, per_page, promoted_ids)
    return rows, dataclasses.replace(plan, method="bounded, widened")


def _suggestion(parsed, compiled: CompiledQuery, counted: Counted, limits: SearchLimits) -> str | None:
    """ "Did you mean", only when few matched: words the archive has (almost) never seen, checked against
    its vocabulary; when the search fell back or found nothing, a near spelling far more common too.
    Without such a word nothing is looked up."""
    if not (parsed.units and (counted.fallback or counted.total < limits.fallback_below)):
        return None
    rare = set(compiled.rare_words)
    words = parsed.words()
    return did_you_mean(words, check=[w for w in words if w in rare], force=counted.fallback or counted.total == 0)


def _promoted(parsed, req: SearchRequest, base) -> list[int]:
    """Editors' picks for this query (exact, or containing the words) or for a tag page, in their order."""
    from archive.models.curation import normalize_query

    normalized = normalize_query(parsed.text)
    tag = req.tags[0] if len(req.tags) == 1 and req.tag_mode != "none" else None
    return promotions.promoted_ids(normalized, tag, base)


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
        .order_by("-all_words", "-rank", F("listing_date").desc(nulls_last=True), "-id")
    )
