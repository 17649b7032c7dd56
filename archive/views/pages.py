"""Home, article, tag, place and source pages: only published, non-embargoed articles appear."""

from django.db.models import F, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from archive import related
from archive.forms import SearchParams
from archive.models import Article, Source, Tag
from archive.search import SearchRequest
from archive.search.article_tags import attach_tags
from archive.search.http import public_page
from archive.views import stats
from archive.views.credits import attach_credits, with_credits
from archive.views.photos import LISTED_PHOTOS, with_listed_photos
from archive.views.refine import FacetGroup
from archive.views.search import results_context, run_search


def _listing(queryset):
    """Published articles for a list, newest first, with what each list item shows but their tags (their tag
    ids are kept for attach_tags)."""
    return (
        queryset.without_search_columns(keep=("tag_ids",))
        .select_related("source")
        .prefetch_related(LISTED_PHOTOS)
        .order_by(F("listing_date").desc(nulls_last=True), "-id")
    )


@public_page
def home(request):
    latest = list(_listing(Article.objects.published())[:12])
    attach_tags(latest)
    return render(request, "archive/home.html", {"latest": latest, "stats": stats.archive_stats()})


@public_page
def article_detail(request, slug):
    # Its tag ids (a column) pick the related articles before its tags are read.
    article = get_object_or_404(
        with_credits(Article.objects.published().without_search_columns(keep=("tag_ids",)).select_related("source")),
        slug=slug,
    )
    attach_credits(article)
    similar = related.related_articles(article)
    # The tags of the article and of its related articles from their tag ids; their photos in one query.
    attach_tags([article, *similar])
    prefetch_related_objects([article, *similar], "photos")
    with_listed_photos(similar)
    context = {"article": article, "related": similar}
    return render(request, "archive/article_detail.html", context)


def _page_number(request) -> int:
    try:
        return max(1, min(int(request.GET.get("page", 1)), 100_000))
    except ValueError:
        return 1


def _listing_page(request, params: SearchParams, search_request, template: str, context: dict):
    """A tag, place or source page: its articles through the search core, with facets and a year chart."""
    results = run_search(params, search_request)
    if not results.total and not results.hits:
        raise Http404("No published articles here.")
    context.update(results_context(params, results, lambda n: f"?page={n}" if n > 1 else "?"))
    # The page's own tag, place or source is not a refinement of itself.
    groups = [
        FacetGroup(group.name, group.title, [link for link in group.links if not link.active])
        for group in context["facets"]
    ]
    context["facets"] = [group for group in groups if group.links]
    context["params"] = params
    return render(request, template, context)


@public_page
def tag_detail(request, slug):
    """A tag's page; a place is a tag of kind place. A tag without published articles does not exist here."""
    tag = get_object_or_404(Tag.objects.prefetch_related("aliases"), slug=slug)
    is_place = tag.kind == Tag.Kind.PLACE
    page = _page_number(request)
    if is_place:
        params = SearchParams(places=(slug,), page=page, names={"places": {slug: tag.name}})
    else:
        params = SearchParams(tags=(slug,), page=page, names={"tags": {slug: tag.name}})
    context = {
        "tag": tag,
        "is_place": is_place,
        "section": "places" if is_place else "tags",
        # The page's own search box searches within this tag (or place).
        "search_hidden": [("place" if is_place else "tag", slug)],
    }
    # Asked for as one tag, the core puts the editors' picks for this tag page first.
    return _listing_page(request, params, SearchRequest(tags=[slug]), "archive/tag_detail.html", context)


@public_page
def source_detail(request, slug):
    source = get_object_or_404(Source, slug=slug)
    params = SearchParams(sources=(slug,), page=_page_number(request), names={"sources": {slug: source.name}})
    context = {"source": source, "section": "sources", "search_hidden": [("source", slug)]}
    return _listing_page(request, params, None, "archive/source_detail.html", context)


@public_page
def tag_index(request):
    """Every topic, organization and person with published articles, by kind."""
    groups = []
    tags = stats.tags_with_counts(exclude_kind=Tag.Kind.PLACE)
    kinds = ((Tag.Kind.TOPIC, "Topics"), (Tag.Kind.ORGANIZATION, "Organizations"), (Tag.Kind.PERSON, "People"))
    for kind, label in kinds:
        members = [tag for tag in tags if tag.kind == kind]
        if members:
            groups.append((label, members))
    return render(request, "archive/tag_index.html", {"groups": groups, "section": "tags"})


@public_page
def place_index(request):
    places = stats.tags_with_counts(kind=Tag.Kind.PLACE)
    return render(request, "archive/place_index.html", {"places": places, "section": "places"})


@public_page
def source_index(request):
    return render(request, "archive/source_index.html", {"sources": stats.sources_with_counts(), "section": "sources"})
