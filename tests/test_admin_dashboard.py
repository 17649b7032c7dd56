"""The admin front page: counts by status, drafts waiting for review, recent changes, failed searches."""

from datetime import timedelta

import pytest
from django.utils import timezone

from archive.models import Article, SearchCount
from tests.admin_support import article_form_data


@pytest.mark.django_db
def test_dashboard(clean_insights, editor_client, make_article):
    make_article("Live one")
    make_article("Scheduled one", publish_at=timezone.now() + timedelta(days=1))
    waiting = make_article("Please check me", status=Article.Status.REVIEW)
    draft = make_article("Rough draft", status=Article.Status.DRAFT)
    editor_client.post(f"/admin/archive/article/{draft.pk}/change/", article_form_data(draft, title="Polished draft"))
    SearchCount.objects.create(day=timezone.localdate(), channel="site", query="defecters", searches=3, zero_results=3)
    SearchCount.objects.create(
        day=timezone.localdate() - timedelta(days=10), channel="site", query="last month", searches=1, zero_results=1
    )

    response = editor_client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    counts = {label: n for label, n, _ in response.context["dash"]["status_counts"]}
    assert counts == {"Drafts": 1, "In review": 1, "Published": 1, "Scheduled": 1, "Archived": 0}
    assert f"/admin/archive/article/{waiting.pk}/change/" in html
    assert "Polished draft" in html and "by edith" in html
    assert "defecters" in html and "last month" not in html


@pytest.mark.django_db
def test_contributors_do_not_see_search_insights(contributor_client, make_article):
    response = contributor_client.get("/admin/")
    assert "status_counts" in response.context["dash"]
    assert "zero_results" not in response.context["dash"]
    assert "Searches that found nothing" not in response.content.decode()
