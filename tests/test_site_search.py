"""The results page: results, facets, filters, sorting, paging, notes, suggestions and the search feed."""

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from html import unescape

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import set_script_prefix

from archive.models import Article, Promotion, Tag
from tests.factories import make_article, make_source, make_tag

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]


def day(year, month=1, d=1):
    return datetime(year, month, d, 12, tzinfo=UTC)


def titles(response) -> list[str]:
    """Result titles in page order."""
    assert response.status_code == 200
    html = response.content.decode()
    results = html.split('<ol class="article-list results"', 1)
    if len(results) == 1:
        return []
    block = results[1].split("</ol>", 1)[0]
    return [unescape(t) for t in re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', block)]


def links(response, text: str) -> list[str]:
    """hrefs of the links whose visible text contains `text`."""
    html = response.content.decode()
    found = []
    for href, inner in re.findall(r'<a [^>]*?href="([^"]+)"[^>]*>(.*?)</a>', html, re.S):
        if text in re.sub(r"<[^>]+>", "", inner):
            found.append(unescape(href))
    return found


@pytest.fixture
def archive():
    """A small archive: two sources, topics, places and years."""
    nk = make_source(name="Daily NK", slug="daily-nk")
    rfa = make_source(name="Radio Free Asia", slug="rfa")
    smuggling = make_tag("Smuggling")
    trade = make_tag("Trade")
    hyesan = make_tag("Hyesan", kind=Tag.Kind.PLACE)
    sinuiju = make_tag("Sinuiju", kind=Tag.Kind.PLACE)
    make_article(
        "Fence goes up near Hyesan",
        body="A new border fence with cameras.",
        source=nk,
        tags=[smuggling, hyesan],
        published_at=day(2019, 4),
    )
    make_article(
        "Smugglers pay more to cross",
        body="Bribes to guards at the fence rose.",
        source=nk,
        tags=[smuggling, trade, hyesan],
        published_at=day(2021, 6),
    )
    make_article(
        "Trade fair in Sinuiju",
        body="Traders gathered by the bridge; a fence was mentioned.",
        source=rfa,
        tags=[trade, sinuiju],
        published_at=day(2023, 9),
    )
    make_article("Unrelated story", body="Nothing about the border at all.", source=rfa, published_at=day(2023, 1))
    return {"smuggling": smuggling, "trade": trade, "hyesan": hyesan}


def test_results_show_count_title_source_date_tags_and_highlight(client, archive):
    response = client.get("/search/?q=fence")
    html = response.content.decode()
    expected = {"Fence goes up near Hyesan", "Smugglers pay more to cross", "Trade fair in Sinuiju"}
    assert set(titles(response)) == expected
    assert titles(response)[0] == "Fence goes up near Hyesan"  # the word in the title ranks first
    assert "3 articles" in html
    assert "<mark>fence</mark>" in html.lower()
    assert 'href="/sources/daily-nk/">Daily NK</a>' in html
    assert "April 2019" in html
    assert 'href="/tags/smuggling/">Smuggling</a>' in html
    assert "<title>“fence” · Search · Border archive</title>" in html


def tag_names(response, title: str) -> list[str]:
    """The tags on the meta line of the result titled `title`, in page order."""
    html = response.content.decode()
    item = html.split(f">{title}</a></h3>", 1)[1].split("</li>", 1)[0]
    return [unescape(t) for t in re.findall(r'<a href="/tags/[^"]+/">([^<]+)</a>', item)]


def test_results_tags_come_in_name_order_without_a_query_of_their_own(client, archive):
    """Each result's tags come from its tag ids and the tags read once per generation of the vocabulary
    (archive.search.article_tags), in the order a prefetch gave them."""
    client.get("/search/?q=fence")  # reads the tags
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/?q=smugglers")
    assert tag_names(response, "Smugglers pay more to cross") == ["Hyesan", "Smuggling", "Trade"]
    assert not [q["sql"] for q in queries.captured_queries if "archive_articletag" in q["sql"]]


def test_results_articles_are_read_once_with_their_source_and_without_the_search_columns(client, archive):
    """The page's articles come in one read (archive.search.display) with their source; nothing the page
    shows asks the database again, and no article carries the stored vector."""
    make_article("Fence news from nowhere in particular", source=None)
    client.get("/search/?q=fence")  # reads the tags
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/?q=fence")
    reads = [
        q["sql"] for q in queries if q["sql"].startswith('SELECT "archive_article"."id", "archive_article"."title"')
    ]
    assert len(reads) == 1
    assert not [q["sql"] for q in queries if 'FROM "archive_source"' in q["sql"]]
    shown = [hit.article for hit in response.context["results"].hits]
    assert "Daily NK" in {a.source.name for a in shown if a.source} and any(a.source is None for a in shown)
    assert all({"search_vector", "tag_text", "caption_text"} <= a.get_deferred_fields() for a in shown)
    assert all(a.published_at.tzinfo is not None for a in shown if a.published_at)


def test_results_tags_follow_a_rename_or_a_new_tag_at_once(client, archive):
    assert tag_names(client.get("/search/?q=fence"), "Trade fair in Sinuiju") == ["Sinuiju", "Trade"]
    archive["trade"].name = "Border trade"
    archive["trade"].save()
    Article.objects.get(title="Trade fair in Sinuiju").tags.add(archive["smuggling"], make_tag("Bridges"))
    assert tag_names(client.get("/search/?q=fence"), "Trade fair in Sinuiju") == [
        "Border trade",
        "Bridges",
        "Sinuiju",
        "Smuggling",
    ]


def test_snippet_from_a_caption_is_marked_as_one(client):
    make_article("River report", body="Nothing to see here.", captions=["Guards watch the frozen Tumen river."])
    html = client.get("/search/?q=frozen").content.decode()
    assert "Photo caption:" in html
    assert "<mark>frozen</mark>" in html.lower()


def test_query_text_is_escaped_everywhere(client, archive):
    html = client.get("/search/", {"q": '<script>alert("x")</script> fence'}).content.decode()
    assert "<script>alert" not in html


def test_facets_count_and_refine(client, archive):
    response = client.get("/search/?q=fence")
    html = response.content.decode()
    for heading in ("Topics", "Places", "Sources", "Years"):
        assert f">{heading}</h2>" in html
    smuggling_link = links(response, "Smuggling")
    assert "/search/?q=fence&tag=smuggling" in smuggling_link
    assert re.search(r"Smuggling</a> <span class=\"count\">2<", html)

    refined = client.get("/search/?q=fence&tag=smuggling")
    assert set(titles(refined)) == {"Fence goes up near Hyesan", "Smugglers pay more to cross"}
    # The active filter shows and one click removes it.
    assert "/search/?q=fence" in links(refined, "Tag: Smuggling")

    by_place = client.get("/search/?q=fence&place=hyesan")
    assert set(titles(by_place)) == {"Fence goes up near Hyesan", "Smugglers pay more to cross"}
    by_source = client.get("/search/?q=fence&source=rfa")
    assert titles(by_source) == ["Trade fair in Sinuiju"]
    by_year = client.get("/search/?q=fence&year=2021")
    assert titles(by_year) == ["Smugglers pay more to cross"]


def test_links_follow_the_prefix_the_site_is_served_under(client, archive):
    """Mounted at /archive/ behind a proxy, every link keeps the prefix, even once the same links have
    been built for a request without it."""
    client.get("/search/?q=fence")
    # What Django's WSGI handler does with SCRIPT_NAME (the test client leaves the prefix alone).
    set_script_prefix("/archive/")
    try:
        response = client.get("/search/?q=fence")
    finally:
        set_script_prefix("/")
    assert "/archive/search/?q=fence&tag=smuggling" in links(response, "Smuggling")
    assert "/archive/tags/hyesan/" in links(response, "Hyesan")
    assert "/archive/articles/fence-goes-up-near-hyesan/" in links(response, "Fence goes up near Hyesan")
    assert "/search/?q=fence&tag=smuggling" in links(client.get("/search/?q=fence"), "Smuggling")


def test_tag_modes_all_any_none(client, archive):
    base = "/search/?q=fence&tag=smuggling&tag=trade"
    assert titles(client.get(base)) == ["Smugglers pay more to cross"]
    assert len(titles(client.get(base + "&tag_mode=any"))) == 3
    assert titles(client.get("/search/?q=fence&tag=smuggling&tag_mode=none")) == ["Trade fair in Sinuiju"]
    html = client.get(base).content.decode()
    assert "any of them" in html and "none of them" in html


def test_date_range_and_sorting(client, archive):
    assert titles(client.get("/search/?q=fence&from=2020-01-01&to=2022-12-31")) == ["Smugglers pay more to cross"]
    newest = titles(client.get("/search/?q=fence&sort=newest"))
    assert newest == ["Trade fair in Sinuiju", "Smugglers pay more to cross", "Fence goes up near Hyesan"]
    assert titles(client.get("/search/?q=fence&sort=oldest")) == list(reversed(newest))


def test_filters_without_words_list_newest_first(client, archive):
    assert titles(client.get("/search/?tag=trade")) == ["Trade fair in Sinuiju", "Smugglers pay more to cross"]


def test_year_chart_bars_link_to_their_year(client, archive):
    html = client.get("/search/?q=fence").content.decode()
    assert "<svg" in html and "Matching articles per year" in html
    assert 'href="/search/?q=fence&amp;year=2021"' in html
    assert 'aria-label="2021: 1 article"' in html


def test_pages_of_results(client):
    for n in range(45):
        make_article(f"Checkpoint report {n:02d}", body="checkpoint", published_at=day(2000 + n % 20, 1, n % 28 + 1))
    first = client.get("/search/?q=checkpoint")
    third = client.get("/search/?q=checkpoint&page=3")
    assert len(titles(first)) == 20 and len(titles(third)) == 5
    assert not set(titles(first)) & set(titles(third))
    assert "?q=checkpoint&page=2" in links(first, "Next")
    html = third.content.decode()
    assert "page 3 of 3" in html
    beyond = client.get("/search/?q=checkpoint&page=9").content.decode()
    assert "There is no page 9" in beyond and "?q=checkpoint&amp;page=3" in beyond


def test_bad_parameters_are_noted_never_an_error(client, archive):
    response = client.get("/search/?q=fence&year=twenty&sort=best&tag=nope&from=2024-13-01&page=x")
    html = response.content.decode()
    assert response.status_code == 200
    assert len(titles(response)) == 3
    for note in ("Ignored year “twenty”", "Ignored sort “best”", "Ignored tag “nope”", "Ignored from", "Ignored page"):
        assert note in html


def test_editors_picks_come_first_and_are_marked(client, archive):
    pick = make_article("Background: the border in numbers", body="Statistics, with a fence or two.")
    Promotion.objects.create(article=pick, query="fence")
    response = client.get("/search/?q=fence")
    assert titles(response)[0] == "Background: the border in numbers"
    html = response.content.decode()
    assert html.count("Editors’ pick") == 1


def test_did_you_mean_is_one_click_away(client, archive):
    response = client.get("/search/?q=Hyesen")
    html = response.content.decode()
    assert "Did you mean" in html
    assert "/search/?q=hyesan" in [link.lower() for link in links(response, "yesan")]


def test_fallback_to_some_words_is_said_plainly(client, archive):
    html = client.get("/search/?q=fence+bridge+guards+cameras").content.decode()
    assert "No article has every word of “fence bridge guards cameras”" in html


def test_nothing_found_offers_ways_out(client, archive):
    html = client.get("/search/?q=zzzzqqq&tag=trade").content.decode()
    assert "No published article matches" in html
    assert "Search again without the filters" in html


def test_blank_search_shows_a_start_page(client, archive):
    html = client.get("/search/").content.decode()
    assert "Search the archive" in html and 'href="/search/?place=hyesan"' in html


def test_query_count_is_the_same_for_few_and_many_results(client, archive):
    url = "/search/?q=fence&tag=smuggling&tag_mode=any&source=daily-nk&source=rfa&place=hyesan"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    nk = archive["smuggling"]
    for n in range(12):
        make_article(
            f"More fence news {n}",
            source=make_source(slug=f"daily-nk-{n}") if n % 2 else None,
            tags=[nk, archive["hyesan"], make_tag()],
            captions=["a fence"],
            credits=[("author", f"A{n}")],
            published_at=day(2010 + n),
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_suggest_returns_titles_and_tags_as_json(client, archive):
    data = client.get("/search/suggest?q=Hye").json()
    assert {"label": "Hyesan", "kind": "place", "url": "/tags/hyesan/"} in data["suggestions"]
    data = client.get("/search/suggest?q=Smugglers").json()
    assert any(s["kind"] == "article" and s["label"] == "Smugglers pay more to cross" for s in data["suggestions"])
    assert client.get("/search/suggest?q=").json()["suggestions"] == []
    assert client.get("/search/suggest?q=%00%01").status_code == 200


def test_search_feed_carries_the_query_and_filters(client, archive):
    response = client.get("/search/feed/?q=fence&tag=smuggling&sort=oldest")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    atom = "{http://www.w3.org/2005/Atom}"
    names = [e.find(f"{atom}title").text for e in root.iter(f"{atom}entry")]
    assert names == ["Smugglers pay more to cross", "Fence goes up near Hyesan"]  # newest first, always
    assert "“fence”, tagged Smuggling" in root.find(f"{atom}title").text
    html = client.get("/search/?q=fence&tag=smuggling").content.decode()
    assert 'href="/search/feed/?q=fence&amp;tag=smuggling"' in html


def test_long_facets_keep_the_rest_behind_a_more_button(client):
    tags = [make_tag(f"Topic {n:02d}") for n in range(11)]
    for n in range(11):  # article n carries topics n..10: Topic 10 the most used, Topic 00 the least
        make_article("Checkpoint story", body="checkpoint", tags=tags[n:])
    html = client.get("/search/?q=checkpoint").content.decode()
    topics = html.split('id="facet-tag"', 1)[1].split("</section>", 1)[0]
    shown, more = topics.split("<details>", 1)
    assert "Topic 10" in shown and "Topic 03" in shown and "Topic 02" not in shown
    assert "3 more" in more and "Topic 00" in more


def test_few_articles_with_every_word_are_counted_in_the_notice(client, make_article):
    for n in range(2):
        make_article(f"Fence by the river {n}", body="A fence near the river.")
    make_article("Fence only", body="A fence.")
    html = client.get("/search/?q=fence+river").content.decode()
    assert "Only 2 articles have every word of “fence river”; articles with some of the words follow" in html
