"""Links that refine a results page: facets, active filters, sort and tag-mode choices.

Each link is a plain URL of the next state (see SearchParams), so every refinement works without
JavaScript and can be shared.
"""

from dataclasses import dataclass

from archive.forms import SORTS, SearchParams


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    count: int | None = None
    active: bool = False


@dataclass(frozen=True)
class FacetGroup:
    name: str  # tag, place, source, year
    title: str
    links: list[Link]

    @property
    def _cut(self) -> int:
        # Folding away one or two values would cost more reading than it saves.
        return FACET_SHOWN if len(self.links) > FACET_SHOWN + 2 else len(self.links)

    @property
    def shown(self) -> list[Link]:
        return self.links[: self._cut]

    @property
    def more(self) -> list[Link]:
        """The rest, behind a "more" disclosure (a <details> element: no script needed)."""
        return self.links[self._cut :]


# How many values a facet shows at first; the rest (up to what the core counts) are one click away.
FACET_SHOWN = 8


def facet_groups(params: SearchParams, facets: dict) -> list[FacetGroup]:
    """The facets of a result set as links that add (or, when active, remove) that filter."""
    facets = facets or {}
    groups = []
    for key, name, field, title in (
        ("tags", "tag", "tags", "Topics"),
        ("places", "place", "places", "Places"),
        ("sources", "source", "sources", "Sources"),
    ):
        selected = getattr(params, field)
        links = [
            Link(item["name"], params.toggled(field, item["slug"]), item["count"], item["slug"] in selected)
            for item in facets.get(key) or []
        ]
        if links:
            groups.append(FacetGroup(name, title, links))
    years = sorted(facets.get("years") or [], key=lambda item: item["year"], reverse=True)
    if years:
        links = [
            Link(
                str(item["year"]),
                params.url(year=None if params.year == item["year"] else item["year"]),
                item["count"],
                params.year == item["year"],
            )
            for item in years
        ]
        groups.append(FacetGroup("year", "Years", links))
    return groups


def active_filters(params: SearchParams) -> list[Link]:
    """One removal link per filter in force, labelled for a screen reader as well as the eye."""
    links = []
    mode_label = {"all": "Tag", "any": "Any tag", "none": "Not tagged"}[params.tag_mode]
    for slug in params.tags:
        links.append(Link(f"{mode_label}: {params.names['tags'].get(slug, slug)}", params.toggled("tags", slug)))
    for slug in params.places:
        links.append(Link(f"Place: {params.names['places'].get(slug, slug)}", params.toggled("places", slug)))
    for slug in params.sources:
        links.append(Link(f"Source: {params.names['sources'].get(slug, slug)}", params.toggled("sources", slug)))
    if params.year:
        links.append(Link(f"Year: {params.year}", params.url(year=None)))
    if params.date_from:
        links.append(Link(f"From: {params.date_from.isoformat()}", params.url(date_from=None)))
    if params.date_to:
        links.append(Link(f"To: {params.date_to.isoformat()}", params.url(date_to=None)))
    return links


def clear_filters_url(params: SearchParams) -> str:
    return SearchParams(q=params.q, sort=params.sort).url()


def sort_links(params: SearchParams) -> list[Link]:
    # Relevance means nothing without words to rank by.
    choices = SORTS if params.q else {k: v for k, v in SORTS.items() if k != "relevance"}
    return [Link(label, params.url(sort=key), active=params.effective_sort == key) for key, label in choices.items()]


def tag_mode_links(params: SearchParams) -> list[Link]:
    """With one tag: with it or without it; with several: all, any or none of them."""
    if not params.tags:
        return []
    if len(params.tags) == 1:
        choices = {"all": "with this tag", "none": "without it"}
        current = "none" if params.tag_mode == "none" else "all"
    else:
        choices = {"all": "all of these tags", "any": "any of them", "none": "none of them"}
        current = params.tag_mode
    return [Link(label, params.url(tag_mode=mode), active=mode == current) for mode, label in choices.items()]


def hidden_filters(params: SearchParams) -> list[tuple[str, str]]:
    """The filters and sort as hidden form fields, so a new query from the results page keeps them."""
    return [(name, value) for name, value in params.query_items() if name not in ("q", "page")]
