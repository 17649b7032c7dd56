"""No route of the API shows an article that is not published and past its embargo, nor anything of it."""

import datetime

import pytest
from django.utils import timezone

from archive.models import Article
from tests.factories import make_article, make_source, make_tag

pytestmark = pytest.mark.django_db

HIDDEN = {
    "draft": {"status": Article.Status.DRAFT},
    "review": {"status": Article.Status.REVIEW},
    "archived": {"status": Article.Status.ARCHIVED},
    "embargoed": {"status": Article.Status.PUBLISHED, "publish_at": timezone.now() + datetime.timedelta(days=1)},
}


@pytest.fixture(params=list(HIDDEN))
def hidden(request):
    """An article that must stay invisible, with its own tag, source and captioned photo."""
    tag = make_tag(f"Secretword {request.param}")
    source = make_source(name=f"Hidden outlet {request.param}", slug=f"hidden-{request.param}")
    return make_article(
        f"Secretword story {request.param}",
        body="secretword body",
        tags=[tag],
        source=source,
        captions=["secretword caption"],
        **HIDDEN[request.param],
    )


def everything(api_client, hidden):
    tag, source, photo = hidden.tags.get(), hidden.source, hidden.photos.get()
    return {
        "list": api_client.get("/api/v1/articles/", {"page_size": 100}),
        "search": api_client.get("/api/v1/articles/", {"q": "secretword"}),
        "tag filter": api_client.get("/api/v1/articles/", {"tag": tag.slug}),
        "source filter": api_client.get("/api/v1/articles/", {"source": source.slug}),
        "updated filter": api_client.get("/api/v1/articles/", {"updated_since": "2000-01-01"}),
        "detail": api_client.get(f"/api/v1/articles/{hidden.slug}/"),
        "tags": api_client.get("/api/v1/tags/", {"page_size": 100}),
        "tag detail": api_client.get(f"/api/v1/tags/{tag.slug}/"),
        "sources": api_client.get("/api/v1/sources/", {"page_size": 100}),
        "source detail": api_client.get(f"/api/v1/sources/{source.slug}/"),
        "photos": api_client.get("/api/v1/photos/", {"page_size": 100}),
        "photo search": api_client.get("/api/v1/photos/", {"q": "secretword"}),
        "photo detail": api_client.get(f"/api/v1/photos/{photo.pk}/"),
        "changes": api_client.get("/api/v1/changes/", {"page_size": 100}),
    }


def test_hidden_articles_leak_nowhere(api_client, hidden):
    public = make_article("Public story", tags=[hidden.tags.get()], source=hidden.source, captions=["public caption"])
    Article.objects.filter(pk=public.pk).update(status=Article.Status.DRAFT)  # now hidden too, by update()
    for route, response in everything(api_client, hidden).items():
        if route.endswith("detail"):
            assert response.status_code == 404, route
            continue
        assert response.status_code == 200, route
        text = response.content.decode().lower()
        assert "secretword" not in text and "hidden-" not in text and "public story" not in text, route


def test_counts_only_count_public_articles(api_client, hidden):
    tag, source = hidden.tags.get(), hidden.source
    make_article("Visible one", tags=[tag], source=source)
    tags = {t["slug"]: t["article_count"] for t in api_client.get("/api/v1/tags/").json()["results"]}
    sources = {s["slug"]: s["article_count"] for s in api_client.get("/api/v1/sources/").json()["results"]}
    assert tags[tag.slug] == 1 and sources[source.slug] == 1
    assert api_client.get(f"/api/v1/tags/{tag.slug}/").json()["article_count"] == 1


def test_an_embargo_lifts_by_itself(api_client):
    article = make_article("Scheduled", publish_at=timezone.now() + datetime.timedelta(days=1))
    assert api_client.get(f"/api/v1/articles/{article.slug}/").status_code == 404
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - datetime.timedelta(seconds=1))
    assert api_client.get(f"/api/v1/articles/{article.slug}/").status_code == 200
