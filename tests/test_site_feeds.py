"""Atom feeds, sitemap.xml and robots.txt."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone as django_timezone

from archive.models import Article
from tests.factories import make_article, make_source, make_tag

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def day(n):
    return datetime(2024, 1, n, tzinfo=UTC)


def entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def test_latest_feed_lists_published_articles_newest_first(client):
    make_article("Old", published_at=day(1), credits=[("author", "Kim")], tags=[make_tag("Trade")])
    make_article("New", published_at=day(2))
    make_article("Draft", published_at=day(3), status=Article.Status.DRAFT)
    response = client.get("/feeds/latest/")
    assert entries(response) == ["New", "Old"]
    root = ET.fromstring(response.content)
    old = [e for e in root.iter(f"{ATOM}entry") if e.find(f"{ATOM}title").text == "Old"][0]
    assert old.find(f"{ATOM}author/{ATOM}name").text == "Kim"
    assert old.find(f"{ATOM}category").get("term") == "Trade"


def test_tag_feed_lists_only_that_tag(client):
    tag = make_tag("Smuggling")
    make_article("Tagged", published_at=day(1), tags=[tag])
    make_article("Other", published_at=day(2))
    assert entries(client.get("/tags/smuggling/feed/")) == ["Tagged"]
    assert client.get("/tags/nothing/feed/").status_code == 404


def test_tag_feed_of_a_tag_with_only_drafts_does_not_exist(client):
    tag = make_tag("Secret plans")
    make_article("Draft", tags=[tag], status=Article.Status.DRAFT)
    assert client.get("/tags/secret-plans/feed/").status_code == 404


def test_pages_advertise_their_feeds(client):
    tag = make_tag("Smuggling")
    make_article("Tagged", published_at=day(1), tags=[tag])
    assert 'type="application/atom+xml"' in client.get("/").content.decode()
    assert 'href="/tags/smuggling/feed/"' in client.get("/tags/smuggling/").content.decode()


def test_sitemap_lists_published_articles_tags_and_sources(client):
    source = make_source()
    tag = make_tag("Trade")
    public = make_article("Public", tags=[tag], source=source)
    draft = make_article("Draft", status=Article.Status.DRAFT, tags=[make_tag("Hidden")])
    embargoed = make_article("Embargoed", publish_at=django_timezone.now() + timedelta(days=1))

    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert any(url.endswith("/sitemap-articles.xml") for url in sections)

    urls = []
    for section in ("articles", "tags", "sources", "pages"):
        root = ET.fromstring(client.get(f"/sitemap-{section}.xml").content)
        urls += [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    paths = {url.split("testserver", 1)[1] for url in urls}
    assert {public.get_absolute_url(), tag.get_absolute_url(), source.get_absolute_url(), "/"} <= paths
    assert draft.get_absolute_url() not in paths and embargoed.get_absolute_url() not in paths
    assert "/tags/hidden/" not in paths


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text
