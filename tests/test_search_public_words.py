"""Issue 21, finding 1: "did you mean" and the search statistics learn only from public articles.

A draft's or an embargoed article's own words are never offered as a spelling, on the site or through
the API, before or after a statistics refresh; once the article is public (and the statistics have
seen it), they are.
"""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from archive.models import Article, SearchTerm, SearchWord
from archive.search import refresh_search_stats
from tests.factories import make_article, make_tag

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]

SECRET, TYPO = "zelkovarine", "zelkovarene"


def offered(client, api_client) -> list[str | None]:
    """What the site and the API offer for the typo: the site's "did you mean" word, the API's suggestion."""
    html = client.get("/search/", {"q": TYPO}).content.decode()
    assert client.get("/search/", {"q": TYPO}).status_code == 200
    site = SECRET if SECRET in html.lower() else None
    api = api_client.get("/api/v1/articles/", {"q": TYPO}).json()["suggestion"]
    return [site, api]


@pytest.fixture
def archive():
    make_article("Border trade report", body="Traders cross the river with goods every night.")
    make_article("Market prices", body="Prices rose in the border markets.")


def test_a_drafts_words_are_never_suggested(client, api_client, archive):
    draft = make_article("Scoop", body=f"The defector {SECRET} crossed at dawn.", status=Article.Status.DRAFT)
    assert offered(client, api_client) == [None, None]
    refresh_search_stats()
    assert not SearchWord.objects.filter(word=SECRET).exists()
    assert offered(client, api_client) == [None, None]

    draft.status = Article.Status.PUBLISHED
    draft.save()
    refresh_search_stats()
    assert offered(client, api_client) == [SECRET, f"{SECRET}"]


def test_an_embargoed_articles_words_wait_for_the_embargo(client, api_client, archive):
    soon = timezone.now() + timedelta(seconds=1.5)
    make_article("Scoop", body=f"The defector {SECRET} crossed at dawn.", publish_at=soon)
    refresh_search_stats()
    assert not SearchWord.objects.filter(word=SECRET).exists()
    assert offered(client, api_client) == [None, None]

    time.sleep(max(0.0, (soon - timezone.now()).total_seconds()) + 0.1)
    # The embargo passed without the article changing: the next refresh still finds it.
    summary = refresh_search_stats(full=False)
    assert not summary["full"] and summary["changed"] == 1
    assert offered(client, api_client) == [SECRET, SECRET]


def test_a_word_leaves_with_its_last_public_article_before_any_refresh(client, api_client, archive):
    scoop = make_article("Scoop", body=f"The defector {SECRET} crossed at dawn.")
    refresh_search_stats()
    assert offered(client, api_client) == [SECRET, SECRET]

    # Taken down: not suggested from that moment, though the vocabulary still lists it until a refresh.
    Article.objects.filter(pk=scoop.pk).update(status=Article.Status.DRAFT)
    assert SearchWord.objects.filter(word=SECRET).exists()
    assert offered(client, api_client) == [None, None]
    refresh_search_stats()
    assert offered(client, api_client) == [None, None]

    # Deleted after being public again: the same.
    Article.objects.filter(pk=scoop.pk).update(status=Article.Status.PUBLISHED)
    refresh_search_stats()
    assert offered(client, api_client) == [SECRET, SECRET]
    scoop.delete()
    assert offered(client, api_client) == [None, None]


def test_a_tag_only_drafts_carry_names_nothing(client, api_client, archive):
    secret_tag = make_tag(SECRET.title())
    make_article("Scoop", body="The defector crossed at dawn.", tags=[secret_tag], status=Article.Status.DRAFT)
    refresh_search_stats()
    assert offered(client, api_client) == [None, None]
    make_article("Profile", body="Who he is.", tags=[secret_tag])
    assert offered(client, api_client) == [SECRET, SECRET]


def test_frequencies_count_public_articles_only(archive):
    for n in range(3):
        make_article(f"Draft {n}", body="Smuggling smuggling.", status=Article.Status.DRAFT)
    make_article("Public", body="Smuggling.")
    summary = refresh_search_stats(full=True)
    assert summary["articles"] == 3
    # Every article holds the word "the" … only public ones are counted for any stored frequency.
    assert all(term.ndoc <= 3 for term in SearchTerm.objects.all())
