"""The home page's and a month's lists of articles: each item's tags come from its tag ids
(archive.search.article_tags), in the order a prefetch gave them, with no query of their own and none per article."""

import re
from datetime import UTC, datetime
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Article, Tag
from tests.factories import make_article, make_tag

pytestmark = pytest.mark.django_db

PUBLISHED = datetime(2024, 5, 14, 9, 0, tzinfo=UTC)
MONTH_PAGE = "/archive/2024/5/"
TAG_QUERIES = ('SELECT ("archive_articletag"', 'SELECT "archive_tag"')


@pytest.fixture
def tags():
    # Names whose order differs by case and accents between collations: the database's order decides.
    return [make_tag("fence"), make_tag("Trade"), make_tag("Éclairs"), make_tag("Hyesan", kind=Tag.Kind.PLACE)]


def publish(tags, count: int, first: int = 0) -> None:
    for n in range(first, first + count):
        make_article(f"Fence report {n}", tags=tags[n % 2 :], published_at=PUBLISHED, listing_date=PUBLISHED.date())


def get(client, address: str) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries.captured_queries]


def tags_by_title(html: str) -> dict[str, list[str]]:
    items = re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>\s*<p class="meta">(.*?)</p>', html, re.S)
    return {
        unescape(title): [unescape(t) for t in re.findall(r'<a href="/tags/[^"]+/">([^<]+)</a>', meta)]
        for title, meta in items
    }


def names_in_order(title: str) -> list[str]:
    return list(Article.objects.get(title=title).tags.values_list("name", flat=True))


@pytest.mark.parametrize("address", ["/", MONTH_PAGE])
def test_list_items_show_their_tags_in_order_without_a_query_of_their_own(client, address, tags):
    publish(tags, 4)
    get(client, address)  # reads the tags of this generation
    html, queries = get(client, address + "?again")
    shown = tags_by_title(html)
    assert len(shown) == 4
    for title, tags in shown.items():
        assert tags == names_in_order(title)
    assert not [sql for sql in queries if sql.startswith(TAG_QUERIES)]


@pytest.mark.parametrize("address", ["/", MONTH_PAGE])
def test_a_longer_list_takes_no_more_queries(client, address, tags):
    publish(tags, 2)
    get(client, address)
    _, few = get(client, address + "?few")
    publish(tags, 6, first=2)
    get(client, address)
    html, many = get(client, address + "?many")
    assert len(tags_by_title(html)) == 8
    assert len(many) == len(few)


def test_a_renamed_tag_shows_at_once(client, tags):
    publish(tags, 2)
    get(client, MONTH_PAGE)
    Tag.objects.filter(name="Trade").update(name="Commerce")
    html, _ = get(client, MONTH_PAGE + "?renamed")
    assert "Commerce" in html and ">Trade<" not in html
