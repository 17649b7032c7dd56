"""Arbitrary text in every parameter of the search page, suggestions and the API: never a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.models import Partner

pytestmark = pytest.mark.django_db

# Any Unicode, NUL and surrogate-free control characters included, short and long.
TEXT = st.text(max_size=300) | st.sampled_from(
    ["", " ", "\x00", "-", '"', "'", "%", "*", "9" * 40, "2025-02-30", "\u202e"]
)
FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def params(names: list[str], repeatable: tuple[str, ...] = ()):
    """Some of `names`, each with text (a list of texts where the parameter may repeat)."""
    value = {name: st.lists(TEXT, min_size=1, max_size=3) if name in repeatable else TEXT for name in names}
    return st.fixed_dictionaries({}, optional=value)


@pytest.fixture
def archive(make_article, make_tag, make_source):
    place = make_tag("Hyesan", kind="place")
    for n in range(3):
        make_article(f"Smugglers on the Yalu {n}", tags=[place], captions=["Guards at night"], source=make_source())


@pytest.fixture
def partner_headers():
    partner = Partner.objects.create(name="Fuzzing partner", rate_limit="100000/hour")
    return {"HTTP_AUTHORIZATION": f"Api-Key {partner.create_key()[1]}"}


def assert_no_server_error(response, query):
    assert response.status_code < 500, f"{response.status_code} for {query!r}"


SEARCH = ["q", "tag", "tag_mode", "source", "place", "year", "from", "to", "sort", "page"]


@FUZZ
@given(query=params(SEARCH, repeatable=("tag", "source", "place")))
def test_search_page(client, archive, query):
    assert_no_server_error(client.get("/search/", query), query)


@FUZZ
@given(query=params(["q"]))
def test_suggestions(client, archive, query):
    assert_no_server_error(client.get("/search/suggest", query), query)


@FUZZ
@given(year=st.integers(min_value=0, max_value=10**12), month=st.integers(min_value=0, max_value=10**6))
def test_browse_by_date(client, archive, year, month):
    assert_no_server_error(client.get(f"/archive/{year}/"), year)
    assert_no_server_error(client.get(f"/archive/{year}/{month}/"), (year, month))


ARTICLE_FILTERS = [
    "q", "tag", "tags_all", "exclude_tag", "source", "place", "language", "has_photos", "published_after",
    "published_before", "updated_since", "ordering", "fields", "page_size", "cursor",
]  # fmt: skip


@FUZZ
@given(query=params(ARTICLE_FILTERS, repeatable=("tag", "tags_all", "exclude_tag", "source", "place")))
def test_api_article_filters(client, archive, partner_headers, query):
    assert_no_server_error(client.get("/api/v1/articles/", query, **partner_headers), query)


@FUZZ
@given(
    endpoint=st.sampled_from(["/api/v1/tags/", "/api/v1/sources/", "/api/v1/photos/", "/api/v1/changes/"]),
    query=params(["q", "kind", "name", "article", "source", "since", "cursor", "page_size", "ordering"]),
)
def test_api_other_filters(client, archive, partner_headers, endpoint, query):
    assert_no_server_error(client.get(endpoint, query, **partner_headers), (endpoint, query))
