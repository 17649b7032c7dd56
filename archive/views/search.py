"""The results page and the suggestions behind the search box; both call the one search core."""

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.html import format_html
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from archive import search as core
from archive.forms import QueryField, SearchForm, SearchParams
from archive.links import cached_reverse
from archive.models import Article, Tag
from archive.search.http import public_page
from archive.views import charts, refine, stats
from archive.views.paging import PER_PAGE, page_links
from archive.views.photos import result_rows

SUGGEST_LIMIT = 8
SUGGEST_MAX_LENGTH = 100


def run_search(params: SearchParams, request=None):
    """The core's results for `params` (or, on a tag page, for its own request)."""
    return core.search(request or params.search_request(), channel="site", page=params.page, per_page=PER_PAGE)


def results_context(params: SearchParams, results, page_url) -> dict:
    """What every page of results shows: counts, facets, year chart, pager. `page_url(n)` links page n."""
    notes = []
    if results.total and params.page > results.num_pages:
        notes.append(
            format_html(
                'There is no page {} here; <a href="{}">go to the last page</a>.',
                params.page,
                page_url(results.num_pages),
            )
        )
    facets = results.facets or {}
    return {
        "results": results,
        "result_rows": result_rows(results.hits),
        "page_notes": notes,
        "start_index": (results.page - 1) * results.per_page + 1,
        "facets": refine.facet_groups(params, facets),
        "year_chart": charts.year_chart(params, facets.get("years")),
        "pager": page_links(results.page, results.num_pages, page_url),
    }


@require_safe
@public_page
def search(request):
    form = SearchForm(request.GET)
    params = form.params
    context = {"params": params, "notes": form.notes, "section": "search"}
    if params.is_blank:
        # Nothing asked yet: a search box and ways in, not the whole archive ranked by nothing.
        context["stats"] = stats.archive_stats()
        return render(request, "archive/search_start.html", context)

    results = run_search(params)
    context.update(results_context(params, results, lambda n: params.querystring(page=n)))
    context.update(
        hidden=refine.hidden_filters(params),
        active_filters=refine.active_filters(params),
        clear_filters_url=refine.clear_filters_url(params),
        sort_links=refine.sort_links(params),
        tag_mode_links=refine.tag_mode_links(params),
        suggestion_url=params.url(q=results.suggestion) if results.suggestion else "",
        feed_url=cached_reverse("archive:feed-search") + params.querystring(sort=""),
    )
    return render(request, "archive/search.html", context)


@require_safe
@cache_control(max_age=300, public=True)
def suggest(request):
    """Titles, tags and places starting with what has been typed, as JSON for the search box."""
    q = QueryField().clean(request.GET.get("q", ""))[:SUGGEST_MAX_LENGTH]
    suggestions = _public_only(core.suggest(q, limit=SUGGEST_LIMIT)) if q else []
    return JsonResponse({"q": q, "suggestions": suggestions})


def _public_only(suggestions: list[dict]) -> list[dict]:
    """Drop tags that only unpublished articles carry: their names must not leak before publication."""
    slugs = {}
    for suggestion in suggestions:
        if suggestion.get("kind") in ("tag", "place"):
            try:
                slugs[suggestion["url"]] = resolve(suggestion["url"]).kwargs.get("slug")
            except Resolver404:
                slugs[suggestion["url"]] = None  # not a tag page of this site: leave it out
    if not slugs:
        return suggestions
    public = set(
        Tag.objects.filter(slug__in=slugs.values(), articles__in=Article.objects.published())
        .values_list("slug", flat=True)
        .distinct()
    )
    return [s for s in suggestions if s["url"] not in slugs or slugs[s["url"]] in public]
