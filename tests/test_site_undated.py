"""Undated articles are first-class: listed by when the archive first published them, shown as "date unknown"."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from archive.models import Article
from tests.commands import run_import
from tests.factories import make_article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]


def day(year, month=1, d=1):
    return datetime(year, month, d, 12, tzinfo=UTC)


def test_the_database_records_when_an_article_is_first_published_however_it_is_written():
    draft = make_article("Draft crossing report", status=Article.Status.DRAFT)
    assert draft.first_published_at is None and draft.listing_date is None

    before = timezone.now()
    # A queryset update, as bulk admin actions do, bypasses save(): the trigger still sees it.
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.PUBLISHED)
    draft.refresh_from_db()
    assert draft.first_published_at >= before
    assert draft.listing_date == draft.first_published_at

    first = draft.first_published_at
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.ARCHIVED)
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.PUBLISHED)
    draft.refresh_from_db()
    assert draft.first_published_at == first, "republishing keeps the first publication"


def test_an_embargoed_article_is_first_published_when_its_embargo_ends():
    ends = timezone.now() + timedelta(days=2)
    article = make_article("Embargoed report", publish_at=ends)
    assert article.first_published_at == ends

    later = ends + timedelta(days=1)
    Article.objects.filter(pk=article.pk).update(publish_at=later)
    article.refresh_from_db()
    assert article.first_published_at == later, "a moved embargo moves the first publication with it"


def test_a_dated_article_is_listed_by_its_own_date():
    article = make_article("Dated report", published_at=day(2019, 3, 4))
    assert article.listing_date == day(2019, 3, 4)
    assert article.first_published_at > article.listing_date


def test_home_lists_undated_articles_by_arrival_and_says_date_unknown(client):
    make_article("Report from 2019", published_at=day(2019))
    make_article("Undated report on the fence")

    html = client.get("/").content.decode()

    assert "No articles have been published yet" not in html
    assert html.index("Undated report on the fence") < html.index("Report from 2019")
    assert "date unknown" in html


def test_article_page_says_date_unknown_and_when_the_archive_published_it(client):
    article = make_article("Undated report on the fence")

    html = " ".join(client.get(article.get_absolute_url()).content.decode().split())

    assert "date unknown" in html
    assert "In the archive since" in html and f"{article.first_published_at:%Y}" in html


def test_feed_includes_undated_articles_with_the_archive_date(client):
    make_article("Report from 2019", published_at=day(2019))
    undated = make_article("Undated report on the fence")

    xml = client.get("/feeds/latest/").content.decode()

    assert xml.index("Undated report on the fence") < xml.index("Report from 2019")
    assert f"{undated.first_published_at:%Y-%m-%d}" in xml


def test_browse_by_year_counts_undated_articles_in_the_year_the_archive_published_them(client):
    undated = make_article("Undated report on the fence")
    year = undated.first_published_at.year

    assert str(year) in client.get("/archive/").content.decode()
    month = client.get(f"/archive/{year}/{undated.first_published_at.month}/")
    assert month.status_code == 200 and "Undated report on the fence" in month.content.decode()


def test_sitemap_lists_undated_articles(client):
    undated = make_article("Undated report on the fence")

    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-articles" in index
    articles = client.get("/sitemap-articles.xml").content.decode()
    assert undated.get_absolute_url() in articles


def test_import_without_dates_lists_the_articles_on_the_home_page(client, tmp_path):
    (tmp_path / "one.txt").write_text("Smugglers cross the Yalu at night\n\nA story of the river without a date.\n")
    _, _, error = run_import(tmp_path, "--publish")
    assert error is None

    article = Article.objects.get(title="Smugglers cross the Yalu at night")
    assert article.published_at is None and article.first_published_at is not None
    assert "Smugglers cross the Yalu at night" in client.get("/").content.decode()


def test_search_sorted_by_date_places_undated_articles_by_arrival_and_counts_their_year(client):
    make_article("Fence report from 2019", published_at=day(2019))
    undated = make_article("Undated fence report")

    html = client.get("/search/", {"q": "fence", "sort": "newest"}).content.decode()
    assert html.index("Undated fence report") < html.index("Fence report from 2019")
    oldest = client.get("/search/", {"q": "fence", "sort": "oldest"}).content.decode()
    assert oldest.index("Fence report from 2019") < oldest.index("Undated fence report")

    year = undated.first_published_at.year
    in_year = client.get("/search/", {"q": "fence", "year": year}).content.decode()
    assert "Undated fence report" in in_year and "Fence report from 2019" not in in_year
