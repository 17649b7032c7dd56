"""Only published, non-embargoed articles appear anywhere on the public site; the rest is 404."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone as django_timezone

from archive.models import Article, Tag
from tests.factories import make_article, make_source, make_tag

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]

HIDDEN_STATES = {
    "draft": {"status": Article.Status.DRAFT},
    "review": {"status": Article.Status.REVIEW},
    "archived": {"status": Article.Status.ARCHIVED},
    "embargoed": {"status": Article.Status.PUBLISHED, "publish_at": "future"},
}


def hidden_article(state: str, **fields) -> Article:
    overrides = dict(HIDDEN_STATES[state])
    if overrides.get("publish_at") == "future":
        overrides["publish_at"] = django_timezone.now() + timedelta(hours=2)
    return make_article(**(overrides | fields))


@pytest.fixture(params=sorted(HIDDEN_STATES))
def hidden(request):
    """A non-public article with its own tag, place and source, plus one public article to compare."""
    state = request.param
    secret_tag = make_tag("Zanzibarite")
    secret_place = make_tag("Quuxtown", kind=Tag.Kind.PLACE)
    secret_source = make_source(name="Secret Outlet", slug="secret-outlet")
    shared = make_tag("Border")
    may_2020 = datetime(2020, 5, 1, tzinfo=UTC)
    make_article("Public piece on zanzibarite border trade", tags=[shared], published_at=may_2020)
    article = hidden_article(
        state,
        title="Zanzibarite secret report",
        body="Zanzibarite hidden text about the border.",
        tags=[secret_tag, secret_place, shared],
        source=secret_source,
        captions=["Zanzibarite caption"],
        published_at=datetime(1999, 3, 1, tzinfo=UTC),
    )
    return article


def test_article_page_is_404(client, hidden):
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_absent_from_search_results_facets_and_suggestions(client, hidden):
    html = client.get("/search/?q=zanzibarite").content.decode()
    assert "Zanzibarite secret report" not in html
    assert "Public piece on zanzibarite border trade" in html
    assert "Quuxtown" not in html and "Secret Outlet" not in html and ">1999<" not in html
    suggestions = client.get("/search/suggest?q=Zanzibarite secret").json()["suggestions"]
    assert all(s["label"] != "Zanzibarite secret report" for s in suggestions)
    for prefix in ("Zanzi", "Quux"):
        labels = [s["label"] for s in client.get(f"/search/suggest?q={prefix}").json()["suggestions"]]
        assert "Zanzibarite" not in labels and "Quuxtown" not in labels, prefix
    assert client.get("/search/?q=zanzibarite&year=1999").content.decode().count("Zanzibarite secret") == 0


def test_its_tag_place_and_source_are_unknown_to_search(client, hidden):
    html = client.get("/search/?q=border&tag=zanzibarite&place=quuxtown&source=secret-outlet").content.decode()
    assert "Ignored tag “zanzibarite”" in html and "Zanzibarite" not in html
    assert "Quuxtown" not in html and "Secret Outlet" not in html


def test_its_tag_place_and_source_pages_do_not_exist(client, hidden):
    assert client.get("/tags/zanzibarite/").status_code == 404
    assert client.get("/tags/quuxtown/").status_code == 404
    assert client.get("/sources/secret-outlet/").status_code == 404
    assert client.get("/tags/zanzibarite/feed/").status_code == 404
    assert "Zanzibarite secret" not in client.get("/tags/border/").content.decode()


def test_absent_from_home_indexes_and_browse(client, hidden):
    for url in ("/", "/tags/", "/places/", "/sources/", "/archive/"):
        html = client.get(url).content.decode()
        assert "Zanzibarite secret" not in html and "Quuxtown" not in html and "Secret Outlet" not in html, url
    assert "1999" not in client.get("/archive/").content.decode()
    assert client.get("/archive/1999/").status_code == 404
    assert client.get("/archive/1999/3/").status_code == 404


def test_absent_from_feeds_and_sitemap(client, hidden):
    for url in ("/feeds/latest/", "/search/feed/?q=zanzibarite", "/tags/border/feed/"):
        assert b"Zanzibarite secret" not in client.get(url).content, url
    for section in ("articles", "tags", "sources"):
        body = client.get(f"/sitemap-{section}.xml").content.decode()
        assert hidden.get_absolute_url() not in body and "/tags/quuxtown/" not in body and "secret-outlet" not in body


def test_absent_from_related_articles(client, hidden):
    public = Article.objects.get(title="Public piece on zanzibarite border trade")
    assert "Zanzibarite secret" not in client.get(public.get_absolute_url()).content.decode()


def test_an_embargoed_article_appears_when_its_time_comes(client):
    article = hidden_article("embargoed", title="Scheduled story")
    assert client.get(article.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=article.pk).update(publish_at=django_timezone.now() - timedelta(seconds=1))
    assert client.get(article.get_absolute_url()).status_code == 200
    assert "Scheduled story" in client.get("/search/?q=scheduled").content.decode()
