"""The article page's queries: its tags and its related articles' from their tag ids (archive.search.article_tags),
its credits in its own row (archive.views.credits), shown as the prefetches showed them."""

import re
from html import unescape

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Article, Tag
from tests.factories import make_article, make_tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    # Names whose order differs by case and accents between collations: the database's order decides.
    fence = make_tag("fence")
    tags = [fence, make_tag("Trade"), make_tag("Éclairs"), make_tag("Hyesan", kind=Tag.Kind.PLACE)]
    credits = [("translator", "Kim"), ("author", "Lee"), ("author", "Park"), ("editor", "Choi")]
    shown = make_article("Electrified fence along the Yalu", tags=tags, credits=credits, captions=["A gate"])
    for n in range(3):
        make_article(f"Cameras number {n} on the fence along the Yalu river", tags=[fence, make_tag(f"zone {n}")])
    return shown


def get(client, article, address=""):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url() + address)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries.captured_queries]


def own_tags(html: str) -> list[str]:
    footer = html.split('<ul class="tag-list">', 1)[1].split("</ul>", 1)[0]
    return [unescape(name) for name in re.findall(r'<a href="/tags/[^"]+/">([^<]+)</a>', footer)]


def related_tags(html: str) -> dict[str, list[str]]:
    """Each related article's title → the tags on its meta line."""
    section = html.split('id="related-title"', 1)[1]
    items = re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>\s*<p class="meta">(.*?)</p>', section, re.S)
    return {unescape(title): re.findall(r'<a href="/tags/[^"]+/">([^<]+)</a>', meta) for title, meta in items}


def names_in_order(article) -> list[str]:
    """What prefetch_related("tags") gave: Tag's ordering, by name in the database's collation."""
    return list(Article.objects.get(pk=article.pk).tags.values_list("name", flat=True))


def test_a_first_view_and_a_repeat_take_few_queries(client, article):
    get(client, article, "?warm")  # reads the tags of this generation
    cache.clear()
    html, first = get(client, article)
    # generation, the article with its credits, the related search (its words, their weights, the ranked
    # read), photos
    assert len(first) == 6
    html_again, again = get(client, article, "?again")  # related ids cached, page not
    assert len(again) == 4  # generation, the article, its related articles, photos
    assert html_again == html
    # No query of their own for the tags or the credits (a prefetch's reads one of these tables first).
    own = ('SELECT ("archive_articletag"', 'SELECT "archive_tag"', 'SELECT "archive_credit"')
    assert not [sql for sql in first + again if sql.startswith(own)]


def test_tags_and_credits_come_in_the_order_a_prefetch_gave(client, article):
    html, _ = get(client, article)
    assert own_tags(html) == names_in_order(article)
    shown = related_tags(html)
    assert len(shown) == 3
    for title, tags in shown.items():
        assert tags == names_in_order(Article.objects.get(title=title))
    byline = html.split('<div class="byline">', 1)[1].split("</div>", 1)[0]
    lines = [re.sub(r"<[^>]+>", "", line) for line in re.findall(r"<p>(.*?)</p>", byline)]
    assert lines == ["Translated by Kim", "By Lee and Park", "Edited by Choi"]


def test_a_renamed_or_added_tag_shows_at_once(client, article):
    html, _ = get(client, article)
    assert "Trade" in own_tags(html)
    trade = Tag.objects.get(name="Trade")
    trade.name = "Border trade"
    trade.save()
    Article.objects.get(pk=article.pk).tags.add(make_tag("Bridges"))
    Article.objects.get(title="Cameras number 0 on the fence along the Yalu river").tags.add(make_tag("Tumen"))
    html, _ = get(client, article)
    assert own_tags(html) == names_in_order(article)
    assert "Border trade" in own_tags(html) and "Bridges" in own_tags(html) and "Trade" not in own_tags(html)
    assert "Tumen" in related_tags(html)["Cameras number 0 on the fence along the Yalu river"]


def test_an_article_without_credits_or_tags_has_no_byline_or_tag_list(client):
    bare = make_article("A bare note from the border")
    html, _ = get(client, bare)
    assert 'class="byline"' not in html and 'class="tag-list"' not in html


def test_credits_follow_their_positions_not_their_ids(client):
    from archive.models import Credit

    assert Credit._meta.ordering == ["position", "id"]  # what archive.views.credits orders by
    piece = make_article("A piece written backwards")
    for position, name in ((2, "Third"), (1, "Second"), (0, "First")):
        Credit.objects.create(article=piece, role="author", name=name, position=position)
    html, _ = get(client, piece)
    assert "By <strong>First</strong>, <strong>Second</strong> and <strong>Third</strong>" in html
