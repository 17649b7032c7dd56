"""Page links for listings: first, last and a window around the current page, with gaps between."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator

PER_PAGE = 20


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None marks a gap ("…")
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    links: list[PageLink]
    previous_url: str
    next_url: str


def page_links(current: int, num_pages: int, url_for: Callable[[int], str], window: int = 2) -> Pagination | None:
    """The pager for page `current` of `num_pages`, or None when everything fits on one page."""
    if num_pages <= 1:
        return None
    shown = {1, num_pages} | set(range(max(1, current - window), min(num_pages, current + window) + 1))
    links: list[PageLink] = []
    previous = 0
    for number in sorted(shown):
        if number - previous > 1:
            links.append(PageLink(None))
        links.append(PageLink(number, url_for(number), number == current))
        previous = number
    return Pagination(
        links=links,
        previous_url=url_for(current - 1) if current > 1 else "",
        next_url=url_for(current + 1) if current < num_pages else "",
    )


def paginate(request, queryset, per_page: int = PER_PAGE) -> tuple[Page, Pagination | None]:
    """A page of `queryset` for ?page= (a bad or too large number shows the nearest page, never an error)."""
    page = Paginator(queryset, per_page, orphans=3).get_page(request.GET.get("page"))
    pager = page_links(page.number, page.paginator.num_pages, lambda n: f"?page={n}" if n > 1 else "?")
    return page, pager
