"""The results page's query string: every state a shareable URL, bad values dropped with a note."""

from dataclasses import replace
from datetime import date

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.forms import SearchForm, SearchParams
from archive.models import Tag
from tests.factories import make_article, make_source, make_tag

pytestmark = pytest.mark.django_db


def params_for(query: str):
    form = SearchForm(QueryDict(query))
    return form.params, [str(note) for note in form.notes]


def test_every_parameter_is_read():
    tags = [make_tag("Smuggling"), make_tag("Trade"), make_tag("Hyesan", kind=Tag.Kind.PLACE)]
    make_article(tags=tags, source=make_source(name="Daily NK", slug="daily-nk"))

    params, notes = params_for(
        "q=fence&tag=smuggling&tag=trade&tag_mode=any&source=daily-nk&place=hyesan"
        "&year=2024&from=2024-01-01&to=2024-06-30&sort=oldest&page=3"
    )

    assert notes == []
    assert params == SearchParams(
        q="fence",
        tags=("smuggling", "trade"),
        tag_mode="any",
        sources=("daily-nk",),
        places=("hyesan",),
        year=2024,
        date_from=date(2024, 1, 1),
        date_to=date(2024, 6, 30),
        sort="oldest",
        page=3,
    )
    assert params.names["tags"] == {"smuggling": "Smuggling", "trade": "Trade"}


def test_the_url_round_trips():
    make_article(tags=[make_tag("Smuggling")])
    query = "q=fence&tag=smuggling&tag_mode=none&year=2021&from=2021-02-01&sort=oldest&page=2"
    params, _ = params_for(query)
    assert params.querystring(page=2) == "?" + query
    again, _ = params_for(params.querystring(page=2)[1:])
    assert again == params


def test_bad_values_are_ignored_with_a_note():
    params, notes = params_for("q=fence&year=abc&from=yesterday&to=2024-02-30&sort=best&page=-1&tag_mode=some")
    assert params == SearchParams(q="fence")
    assert len(notes) == 6
    assert any("year “abc”" in note for note in notes)
    assert any("from “yesterday”" in note for note in notes)
    assert any("sort “best”" in note for note in notes)


def test_unknown_and_malformed_slugs_are_noted():
    make_article(tags=[make_tag("Smuggling"), make_tag("Trade")])  # Trade is a topic, not a place
    params, notes = params_for("tag=smuggling&tag=nonexistent&tag=bad%20slug!&place=trade&source=nowhere")
    assert params.tags == ("smuggling",) and params.places == () and params.sources == ()
    assert len(notes) == 4
    assert any("no such place" in note for note in notes)


def test_notes_escape_what_the_reader_typed():
    _, notes = params_for("year=<script>")
    assert "<script>" not in notes[0] and "&lt;script&gt;" in notes[0]


def test_dates_outside_the_archive_range_are_noted():
    params, notes = params_for("from=0001-01-01&to=9999-12-31")
    assert (params.date_from, params.date_to) == (None, None)
    assert len(notes) == 2 and "between 1900 and 2100" in notes[0]


def test_reversed_dates_are_swapped():
    params, notes = params_for("from=2024-05-01&to=2024-01-01")
    assert (params.date_from, params.date_to) == (date(2024, 1, 1), date(2024, 5, 1))
    assert notes == ["The dates were the wrong way round, so they were swapped."]


def test_control_characters_and_long_queries_never_fail():
    params, notes = params_for("q=%00fence%01%0A++wall")
    assert params.q == "fence wall" and notes == []
    params, notes = params_for("q=" + "word " * 500)
    assert len(params.q) <= 500 and "shortened" in notes[0]


def test_toggling_a_filter_returns_to_the_first_page():
    params = SearchParams(q="fence", tags=("a", "b"), page=4)
    assert params.toggled("tags", "a") == "/search/?q=fence&tag=b"
    assert params.toggled("tags", "c") == "/search/?q=fence&tag=a&tag=b&tag=c"
    assert params.url(year=2020) == "/search/?q=fence&tag=a&tag=b&year=2020"


def test_a_link_with_changes_is_that_of_the_changed_state():
    """url(**changes) writes the link of the state the changes make (on its first page), as that state's own
    url() would: a results page writes its links without making each state."""
    params = SearchParams(q="fence", tags=("a",), tag_mode="none", year=2020, sort="oldest", page=3)
    for changes in (
        {},
        {"page": 2},
        {"q": ""},
        {"q": "", "sort": "newest"},
        {"tags": ()},
        {"tags": ("a", "b"), "tag_mode": "any"},
        {"year": None, "date_from": date(2021, 2, 1)},
        {"sort": "relevance"},
    ):
        changed = replace(params, **{"page": 1, **changes})
        assert params.url(**changes) == changed.url(page=changed.page)


def test_default_sort_is_relevance_with_words_and_newest_without():
    assert SearchParams(q="fence").effective_sort == "relevance"
    assert SearchParams(tags=("a",)).effective_sort == "newest"
    assert SearchParams(tags=("a",), sort="newest").querystring() == "?tag=a"


def test_describe_names_the_search_in_words():
    make_article(tags=[make_tag("Smuggling")])
    params, _ = params_for("q=fence&tag=smuggling&year=2024")
    assert params.describe() == "“fence”, tagged Smuggling, 2024"


PARAMETERS = ["q", "tag", "tag_mode", "source", "place", "year", "from", "to", "sort", "page", "other"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PARAMETERS), st.text(max_size=40)), max_size=12))
def test_any_query_string_gives_valid_params_that_round_trip(pairs):
    query = QueryDict(mutable=True)
    for name, value in pairs:
        query.appendlist(name, value)
    form = SearchForm(query)
    params = form.params
    params.search_request()  # the core accepts whatever the form lets through
    again = SearchForm(QueryDict(params.querystring(page=params.page)[1:])).params
    assert again == params
