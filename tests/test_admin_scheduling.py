"""Scheduling: a future publish_at holds a published article back until that moment, with no cron job."""

from datetime import timedelta

import pytest
from django.utils import timezone

from archive.models import Article
from tests.admin_support import article_form_data


@pytest.mark.django_db
def test_editor_schedules_an_article(editor_client, make_article, client):
    article = make_article("Embargoed report", status=Article.Status.REVIEW)
    at = timezone.now() + timedelta(hours=2)
    response = editor_client.post(
        f"/admin/archive/article/{article.pk}/change/",
        article_form_data(article, status=Article.Status.PUBLISHED, publish_at=at),
    )
    assert response.status_code == 302
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article not in Article.objects.published()
    listing = editor_client.get("/admin/archive/article/", {"status": "scheduled"})
    assert [a.pk for a in listing.context["cl"].result_list] == [article.pk]
    assert "scheduled" in listing.content.decode()

    # The moment passes (the database clock decides, so nothing has to run).
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_contributor_cannot_schedule_or_publish(contributor_client, make_article):
    article = make_article("Draft", status=Article.Status.DRAFT)
    page = contributor_client.get(f"/admin/archive/article/{article.pk}/change/")
    form = page.context["adminform"].form
    assert "publish_at" not in form.fields
    assert [value for value, _ in form.fields["status"].choices] == ["draft", "review"]
    data = article_form_data(article, status=Article.Status.PUBLISHED, publish_at=timezone.now())
    response = contributor_client.post(f"/admin/archive/article/{article.pk}/change/", data)
    assert response.status_code == 200  # refused: not a choice for a contributor
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT and article.publish_at is None
