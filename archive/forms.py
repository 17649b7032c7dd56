"""The reader's search parameters: validated from the query string, never an error.

Every state of the results page is a plain URL (q, tag, tag_mode, source, place, year, from, to, sort,
page). A value that does not make sense is dropped with a note for the page, so a mistyped or stale
link still shows results.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass, field, fields
from datetime import date
from urllib.parse import quote_plus

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db.models import Exists, OuterRef
from django.utils.html import conditional_escape, format_html

from archive.links import cached_reverse
from archive.models import Article, ArticleTag, Source, Tag
from archive.search import SearchRequest

TAG_MODES = {"all": "all of these tags", "any": "any of these tags", "none": "none of these tags"}
SORTS = {"relevance": "Relevance", "newest": "Newest first", "oldest": "Oldest first"}
MAX_QUERY_LENGTH = 500
MAX_FILTER_VALUES = 10
YEAR_RANGE = (1900, 2100)


@functools.lru_cache(maxsize=4096)
def _quoted(text: str) -> str:
    return quote_plus(text)


@dataclass(frozen=True)
class SearchParams:
    """One state of the results page; `url()` turns it (with changes) back into a shareable link."""

    q: str = ""
    tags: tuple[str, ...] = ()
    tag_mode: str = "all"
    sources: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    year: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    sort: str = ""
    page: int = 1
    # Display names of the tags, places and sources above, by slug.
    names: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def default_sort(self) -> str:
        return _default_sort(self.q)

    @property
    def effective_sort(self) -> str:
        return self.sort or self.default_sort

    @property
    def has_filters(self) -> bool:
        return bool(self.tags or self.sources or self.places or self.year or self.date_from or self.date_to)

    @property
    def is_blank(self) -> bool:
        return not self.q and not self.has_filters

    def query_items(self) -> list[tuple[str, str]]:
        """The parameters in a fixed order, defaults left out, so equal states have equal URLs."""
        return _query_items(**self._state)

    def querystring(self, **changes) -> str:
        """`?…` for this state with `changes` applied; any change but a page change goes back to page 1."""
        changes.setdefault("page", 1)
        # Not replace(self, **changes).query_items(): a results page writes a hundred links, and making a
        # SearchParams for each cost more than writing the link.
        items = _query_items(**(self._state | changes))
        # As urlencode() writes it; the links share most of their values.
        return "?" + "&".join(f"{_quoted(key)}={_quoted(value)}" for key, value in items) if items else "?"

    def url(self, **changes) -> str:
        """The results page's URL for this state with `changes` (as querystring())."""
        return self._search_url + self.querystring(**changes)

    @functools.cached_property
    def _state(self) -> dict:
        """The fields that make the query string (all but `names`)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "names"}

    @functools.cached_property
    def _search_url(self) -> str:
        # Once for all the links of the page that made this state (each reverse reads the request's URLconf).
        return cached_reverse("archive:search")

    def toggled(self, name: str, slug: str) -> str:
        """The results URL with `slug` added to or removed from the repeatable parameter `name`."""
        values = getattr(self, name)
        values = tuple(v for v in values if v != slug) if slug in values else values + (slug,)
        return self.url(**{name: values})

    def describe(self) -> str:
        """The search in words, for titles: “fence”, tagged Smuggling, in Hyesan, 2024."""
        parts = [f"“{self.q}”"] if self.q else []
        if self.tags:
            joiner = " and " if self.tag_mode == "all" else " or "
            named = joiner.join(self._name("tags", slug) for slug in self.tags)
            parts.append(("not tagged " if self.tag_mode == "none" else "tagged ") + named)
        if self.places:
            parts.append("in " + " or ".join(self._name("places", slug) for slug in self.places))
        if self.sources:
            parts.append("from " + " or ".join(self._name("sources", slug) for slug in self.sources))
        if self.year:
            parts.append(str(self.year))
        if self.date_from and self.date_to:
            parts.append(f"{_day(self.date_from)} to {_day(self.date_to)}")
        elif self.date_from:
            parts.append(f"since {_day(self.date_from)}")
        elif self.date_to:
            parts.append(f"until {_day(self.date_to)}")
        return ", ".join(parts) or "all articles"

    def _name(self, kind: str, slug: str) -> str:
        return self.names.get(kind, {}).get(slug, slug)

    def search_request(self) -> SearchRequest:
        return SearchRequest(
            q=self.q,
            tags=list(self.tags),
            tag_mode=self.tag_mode,
            sources=list(self.sources),
            places=list(self.places),
            year=self.year,
            date_from=self.date_from,
            date_to=self.date_to,
            sort=self.effective_sort,
        )


def _default_sort(q: str) -> str:
    # Without words there is nothing to rank by: newest first is what a browsing reader expects.
    return "relevance" if q else "newest"


def _query_items(*, q, tags, tag_mode, sources, places, year, date_from, date_to, sort, page) -> list[tuple[str, str]]:
    """SearchParams.query_items() of a state given field by field."""
    items = [("q", q)] if q else []
    items += [("tag", slug) for slug in tags]
    if tags and tag_mode != "all":
        items.append(("tag_mode", tag_mode))
    items += [("source", slug) for slug in sources]
    items += [("place", slug) for slug in places]
    if year:
        items.append(("year", str(year)))
    if date_from:
        items.append(("from", date_from.isoformat()))
    if date_to:
        items.append(("to", date_to.isoformat()))
    if sort and sort != _default_sort(q):
        items.append(("sort", sort))
    if page > 1:
        items.append(("page", str(page)))
    return items


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


class QueryField(forms.CharField):
    """Free text: control characters become spaces, runs of space collapse; never rejected."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)
        self.validators = []  # CharField refuses NUL characters; a search box should just drop them

    def to_python(self, value):
        value = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in str(value or ""))
        return re.sub(r"\s+", " ", value).strip()


class SlugListField(forms.Field):
    """A repeatable parameter of slugs (tag=a&tag=b); validated item by item in the form."""

    widget = forms.MultipleHiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        if not value:
            return []
        return [str(v).strip() for v in (value if isinstance(value, (list, tuple)) else [value])]


# Only names readers may see: a tag or source that only unpublished articles carry is unknown here.
def _public_tags():
    published = Article.objects.published()
    return Tag.objects.filter(Exists(ArticleTag.objects.filter(tag=OuterRef("pk"), article__in=published)))


def _public_sources():
    return Source.objects.filter(Exists(Article.objects.published().filter(source=OuterRef("pk"))))


class SearchForm(forms.Form):
    """Validates request.GET for the results page and its feed; read `params` and `notes` after."""

    q = QueryField(label="Search the archive")
    tag = SlugListField()
    tag_mode = forms.ChoiceField(choices=list(TAG_MODES.items()), required=False)
    source = SlugListField()
    place = SlugListField()
    year = forms.IntegerField(required=False, min_value=YEAR_RANGE[0], max_value=YEAR_RANGE[1])
    sort = forms.ChoiceField(choices=list(SORTS.items()), required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        # `from` is a Python keyword, so these two cannot be declared as class attributes.
        self.fields["from"] = forms.DateField(required=False, input_formats=["%Y-%m-%d"], label="From")
        self.fields["to"] = forms.DateField(required=False, input_formats=["%Y-%m-%d"], label="To")
        self.notes: list = []
        self._params: SearchParams | None = None

    def _note(self, message, *args):
        # The message is this module's own text; only the values need escaping.
        self.notes.append(format_html(message, *args) if args else conditional_escape(message))

    def _clean_slugs(self, name: str, label: str, public) -> tuple[list[str], dict]:
        """Keep the known, well-formed slugs of parameter `name`; note the others. One query, on the
        queryset `public()` builds (only when there are slugs: most searches have none)."""
        values = list(dict.fromkeys(v for v in self.cleaned_data.get(name, []) if v))
        if len(values) > MAX_FILTER_VALUES:
            self._note("Only the first {} {} filters were used.", MAX_FILTER_VALUES, label)
            values = values[:MAX_FILTER_VALUES]
        well_formed = []
        for value in values:
            try:
                validate_slug(value)
            except ValidationError:
                self._note("Ignored {} “{}”: not a valid name.", label, value[:80])
            else:
                well_formed.append(value)
        if not well_formed:
            return [], {}
        found = dict(public().filter(slug__in=well_formed).values_list("slug", "name"))
        for value in well_formed:
            if value not in found:
                self._note("Ignored {} “{}”: the archive has no such {}.", label, value, label)
        return [v for v in well_formed if v in found], found

    def _invalid(self, name: str, message: str):
        raw = self.data.get(name, "")
        self._note("Ignored {} “{}”: {}", name, str(raw)[:80], message)

    def _date_in_range(self, name: str) -> date | None:
        value = self.cleaned_data.get(name)
        if value and not YEAR_RANGE[0] <= value.year <= YEAR_RANGE[1]:
            self._invalid(name, f"not a date between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}.")
            return None
        return value

    @property
    def params(self) -> SearchParams:
        """The valid part of the query string as SearchParams (bad values dropped, with notes)."""
        if self._params is None:
            self._params = self._build_params()
        return self._params

    def _build_params(self) -> SearchParams:
        self.is_valid()
        data = self.cleaned_data
        messages = {
            "tag_mode": "choose all, any or none.",
            "year": f"not a year between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}.",
            "from": "not a date like 2024-03-31.",
            "to": "not a date like 2024-03-31.",
            "sort": "choose relevance, newest or oldest.",
            "page": "not a page number.",
        }
        for name, message in messages.items():
            if name in self.errors:
                self._invalid(name, message)

        q = data.get("q", "")
        if len(q) > MAX_QUERY_LENGTH:
            self._note("Your search was shortened to its first {} characters.", MAX_QUERY_LENGTH)
            q = q[:MAX_QUERY_LENGTH].rstrip()

        tags, tag_names = self._clean_slugs("tag", "tag", _public_tags)
        places, place_names = self._clean_slugs("place", "place", lambda: _public_tags().filter(kind=Tag.Kind.PLACE))
        sources, source_names = self._clean_slugs("source", "source", _public_sources)

        date_from, date_to = self._date_in_range("from"), self._date_in_range("to")
        if date_from and date_to and date_from > date_to:
            self._note("The dates were the wrong way round, so they were swapped.")
            date_from, date_to = date_to, date_from

        return SearchParams(
            q=q,
            tags=tuple(tags),
            tag_mode=data.get("tag_mode") or "all",
            sources=tuple(sources),
            places=tuple(places),
            year=data.get("year"),
            date_from=date_from,
            date_to=date_to,
            sort=data.get("sort") or "",
            page=data.get("page") or 1,
            names={"tags": tag_names, "places": place_names, "sources": source_names},
        )
