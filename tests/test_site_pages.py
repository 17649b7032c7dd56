"""The reader site's pages other than search: home, article, tag, place, source, indexes, browse by date."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import include, path

from archive.models import Tag
from archive.templatetags.archive_site import body_blocks
from tests.factories import make_article, make_source, make_tag

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]


def day(year, month=1, d=1):
    return datetime(year, month, d, 12, tzinfo=UTC)


def test_home_shows_search_box_latest_top_tags_places_and_size(client):
    source = make_source(name="Daily NK", slug="daily-nk")
    smuggling = make_tag("Smuggling")
    hyesan = make_tag("Hyesan", kind=Tag.Kind.PLACE)
    make_article("Older fence report", tags=[smuggling], source=source, published_at=day(2019))
    make_article("Newest crossing report", tags=[smuggling, hyesan], source=source, published_at=day(2024, 5))

    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="search"' in html and 'name="q"' in html
    assert html.index("Newest crossing report") < html.index("Older fence report")
    assert "2 articles from 1 source, 2019–2024" in " ".join(html.split())
    assert 'href="/tags/smuggling/"' in html
    assert "Most covered places" in html and 'href="/tags/hyesan/"' in html
    assert "<title>" in html and 'name="description"' in html


def test_home_query_count_does_not_grow_with_articles(client):
    tags = [make_tag() for _ in range(3)]
    make_article(tags=tags, published_at=day(2020))
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/")  # the first page after a change of tags reads the tags themselves (archive.search.article_tags)
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for n in range(15):
        make_article(
            tags=tags, credits=[("author", f"Writer {n}")], source=make_source(), published_at=day(2021, 1, n + 1)
        )
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(many) == len(few)


def test_article_page_shows_everything_a_reader_needs(client):
    source = make_source(name="Daily NK", slug="daily-nk")
    tag = make_tag("Border fence")
    article = make_article(
        "China builds a new fence",
        dek="Cameras and wire along the Yalu.",
        body="First paragraph of reporting.\n\n## What the source said\n\nSecond paragraph.",
        source=source,
        original_url="https://example.org/original",
        published_at=day(2024, 3, 9),
        tags=[tag],
        captions=["Wire on the river bank near Hyesan."],
        credits=[("author", "Kim Min-ji"), ("translator", "Lee Joon")],
    )
    article.photos.update(credit="Daily NK")

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>China builds a new fence</h1>" in html
    assert '<p class="dek">Cameras and wire along the Yalu.</p>' in html
    assert "<strong>Kim Min-ji</strong>" in html and "Translated by <strong>Lee Joon</strong>" in html
    assert "<h2>What the source said</h2>" in html
    assert "<p>First paragraph of reporting.</p>" in html and "<p>Second paragraph.</p>" in html
    assert "Wire on the river bank near Hyesan." in html and "Photo: Daily NK" in html
    assert 'href="/tags/border-fence/"' in html
    assert 'href="https://example.org/original"' in html
    assert "9 March 2024" in html
    assert '<meta name="description" content="Cameras and wire along the Yalu.">' in html


def test_article_text_is_escaped(client):
    article = make_article("A <script>alert(1)</script> title", body="Body <b>bold</b>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;bold&lt;/b&gt;" in html


def test_body_lines_starting_with_hashes_become_subheads():
    blocks = body_blocks("Intro line one\nline two\n## A subhead\nAfter it.\n\n## Second\n\nLast.")
    assert [(b.kind, b.text) for b in blocks] == [
        ("p", "Intro line one line two"),
        ("h2", "A subhead"),
        ("p", "After it."),
        ("h2", "Second"),
        ("p", "Last."),
    ]


def test_tag_page_lists_its_articles_with_a_search_box_within_it(client):
    tag = make_tag("Smuggling", aliases=["Contraband"], description="Goods carried across the river.")
    make_article("Tagged one", tags=[tag], published_at=day(2023))
    make_article("Untagged one", published_at=day(2023))

    html = client.get("/tags/smuggling/").content.decode()

    assert "<h1>Smuggling</h1>" in html and "Also written: Contraband" in html
    assert "Tagged one" in html and "Untagged one" not in html
    assert '<input type="hidden" name="tag" value="smuggling">' in html
    assert 'href="/tags/smuggling/feed/"' in html


def test_place_page_searches_within_the_place(client):
    place = make_tag("Hyesan", kind=Tag.Kind.PLACE)
    make_article("In Hyesan", tags=[place])
    html = client.get("/tags/hyesan/").content.decode()
    assert '<p class="kind">Place</p>' in html
    assert 'id="facet-place"' not in html  # the page's own place is not offered as a refinement
    assert '<input type="hidden" name="place" value="hyesan">' in html


def test_tag_page_paginates(client):
    tag = make_tag("Markets")
    for n in range(25):
        make_article(f"Market story {n:02d}", tags=[tag], published_at=day(2020, 1, n + 1))
    first = client.get("/tags/markets/").content.decode()
    second = client.get("/tags/markets/?page=2").content.decode()
    assert "Market story 24" in first and "Market story 00" not in first
    assert "Market story 00" in second and 'rel="prev"' in second
    assert client.get("/tags/markets/?page=zzz").status_code == 200


def test_source_page_and_indexes(client):
    source = make_source(name="Rimjin-gang", slug="rimjin-gang", homepage="https://example.org")
    topic = make_tag("Defection")
    person = make_tag("Kim Jong Un", kind=Tag.Kind.PERSON)
    place = make_tag("Musan", kind=Tag.Kind.PLACE)
    make_article("From Rimjin-gang", source=source, tags=[topic, person, place])

    source_html = client.get("/sources/rimjin-gang/").content.decode()
    assert "From Rimjin-gang" in source_html
    assert '<input type="hidden" name="source" value="rimjin-gang">' in source_html

    tags_html = client.get("/tags/").content.decode()
    assert "Defection" in tags_html and "People" in tags_html and "Musan" not in tags_html
    places_html = client.get("/places/").content.decode()
    assert "Musan" in places_html and "Defection" not in places_html
    assert "Rimjin-gang" in client.get("/sources/").content.decode()


def test_browse_by_year_and_month(client):
    make_article("March piece", published_at=day(2022, 3, 5))
    make_article("Later March piece", published_at=day(2022, 3, 20))
    make_article("July piece", published_at=day(2022, 7, 1))
    make_article("Other year", published_at=day(2018, 1, 1))

    index = client.get("/archive/").content.decode()
    assert 'href="/archive/2022/"' in index and 'href="/archive/2018/"' in index
    year = client.get("/archive/2022/").content.decode()
    assert "March" in year and "July" in year and "3 articles" in year
    month = client.get("/archive/2022/3/").content.decode()
    assert month.index("March piece") < month.index("Later March piece")
    assert "July piece" not in month
    assert client.get("/archive/2022/13/").status_code == 404
    assert client.get("/archive/1999/").status_code == 404


def test_unknown_pages_get_the_archive_404_page(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert client.get("/tags/no-such-tag/").status_code == 404
    assert client.get("/articles/no-such-article/").status_code == 404


def test_every_page_has_a_title_and_description(client):
    tag = make_tag("Trade")
    source = make_source()
    article = make_article("Trade resumes", tags=[tag], source=source, published_at=day(2021, 6, 1))
    for url in [
        "/",
        "/search/",
        "/tags/",
        "/places/",
        "/sources/",
        "/archive/",
        "/archive/2021/",
        "/archive/2021/6/",
        article.get_absolute_url(),
        tag.get_absolute_url(),
        source.get_absolute_url(),
        "/nowhere/",
    ]:
        html = client.get(url).content.decode()
        assert "<title>" in html and "</title>" in html, url
        assert '<meta name="description" content="' in html, url
        assert 'content=""' not in html, url


def _broken_view(request):
    raise RuntimeError("secret internals")


urlpatterns = [path("broken/", _broken_view), path("", include("archive.urls"))]


@pytest.mark.urls(__name__)
def test_a_server_error_shows_the_archive_500_page_without_a_traceback(client):
    client.raise_request_exception = False
    response = client.get("/broken/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "secret internals" not in html and "Traceback" not in html


def test_related_articles_share_tags_and_words(client):
    fence = make_tag("Border fence")
    article = make_article("Electrified fence along the Yalu", tags=[fence])
    make_article("Cameras on the fence along the Yalu river", tags=[fence])
    make_article("Fence repairs near Hyesan")
    make_article("Rice prices rise in Pyongyang markets")

    html = client.get(article.get_absolute_url()).content.decode()
    related = html.split('id="related-title"', 1)[1]
    assert related.index("Cameras on the fence along the Yalu river") < related.index("Fence repairs near Hyesan")
    assert "Rice prices" not in related and "Electrified fence along the Yalu" not in related


def test_related_articles_are_read_once_and_without_the_search_columns(client):
    """The related search has just read its articles; the page does not read them again, and no article
    it shows carries the stored vector."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fence = make_tag("Border fence")
    article = make_article("Electrified fence along the Yalu", tags=[fence])
    for n in range(6):  # enough for the first related search (articles sharing a tag) to fill the list
        make_article(f"Cameras number {n} on the fence along the Yalu river", tags=[fence])
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    assert response.content.decode().split('id="related-title"', 1)[1].count("Cameras number") == 5
    reads = [
        q["sql"] for q in queries if q["sql"].startswith('SELECT "archive_article"."id", "archive_article"."title"')
    ]
    assert len(reads) == 2  # the article itself, then its related articles once
    # The vector is scored where it lies; it is not read into the articles shown.
    shown = [response.context["article"], *response.context["related"]]
    assert all({"search_vector", "tag_text"} <= a.get_deferred_fields() for a in shown)


def test_related_articles_sharing_a_tag_come_first_from_one_ranked_read(client):
    """Too few articles share a tag and a word to fill the list: those sharing only the word follow
    them, ranked in the same read (not a second search)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fence = make_tag("Border fence")
    article = make_article("Electrified fence along the Yalu", tags=[fence])
    make_article("Cameras on the fence along the Yalu river", tags=[fence])
    for n in range(4):
        make_article(f"Fence number {n} along the Yalu river, the Yalu and the Yalu again")
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    related = response.content.decode().split('id="related-title"', 1)[1]
    assert related.count("Fence number") == 4
    # The untagged articles say "Yalu" more often, yet the one sharing the tag comes first.
    assert related.index("Cameras on the fence") < related.index("Fence number")
    reads = [
        q["sql"] for q in queries if q["sql"].startswith('SELECT "archive_article"."id", "archive_article"."title"')
    ]
    assert len(reads) == 2  # the article itself, then its related articles once


def test_article_page_query_count_does_not_grow_with_its_tags_photos_and_credits(client):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from archive.search.cache import PerGeneration

    small = make_article("Small piece on the fence", tags=[make_tag()], published_at=day(2020))
    big = make_article(
        "Big piece on the fence",
        tags=[make_tag() for _ in range(6)],
        captions=[f"Caption {n}" for n in range(5)],
        credits=[("author", "A"), ("author", "B"), ("translator", "C")],
        published_at=day(2021),
    )
    counts = []
    for article in (small, big):
        cache.clear()
        PerGeneration.forget_all()  # each page reads the promotions and names as a first page would
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_editors_picks_for_a_tag_page_come_first(client):
    from archive.models import Promotion

    tag = make_tag("Defection")
    old = make_article("An old explainer on defection routes", tags=[tag], published_at=day(2015))
    make_article("Defection news this week", tags=[tag], published_at=day(2024))
    Promotion.objects.create(article=old, tag=tag)

    html = client.get("/tags/defection/").content.decode()
    assert html.index("An old explainer") < html.index("Defection news this week")
    assert html.count("Editors’ pick") == 1


def test_templates_have_no_inline_scripts_or_styles():
    """The Content-Security-Policy allows only the site's own files: nothing inline may creep in."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "templates"
    templates = [root / name for name in ("base.html", "400.html", "404.html", "500.html")]
    templates += sorted((root / "archive").glob("*.html"))
    for template in templates:
        text = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), template
        assert not re.search(r"\sstyle=|<style|\son[a-z]+=", text), template


@pytest.mark.parametrize(
    "url",
    [
        "/archive/0/",
        "/archive/99999/",
        "/archive/0/1/",
        "/archive/2020/0/",
        "/archive/99999999999999999999/",
        "/archive/2020/99999999999999999999/",
        "/tags/%E2%80%94/",
        "/search/?year=0",
        "/search/?page=0",
        "/search/?from=0001-01-01&to=9999-12-31",
        "/search/?q=%22",
        "/search/?q=-",
        "/search/?q=OR",
        "/search/?q=%FF%FE",
        "/search/suggest?q=" + "a" * 5000,
        "/search/feed/?year=abc&tag=%00",
    ],
)
def test_odd_addresses_are_a_page_or_a_404_never_an_error(client, url):
    client.raise_request_exception = False
    assert client.get(url).status_code in (200, 404)


def test_a_query_string_with_too_many_fields_gets_a_clear_400_page(client):
    response = client.get("/search/?" + "&".join(f"tag=t{n}" for n in range(1500)))
    assert response.status_code == 400
    assert "could not read this request" in response.content.decode()
