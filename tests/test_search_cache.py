"""Whole result pages cached under the archive's generation: a change anywhere a result is made of, or an
embargo passing, is seen by the very next search; an unchanged archive answers from the cache."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from archive.models import Article, Promotion, SynonymGroup, TagAlias
from archive.search import SearchRequest, search
from archive.search.cache import current_generation, fold_changes
from tests.factories import make_article, make_tag

pytestmark = pytest.mark.django_db


def titles(q="", **request):
    return [h.article.title for h in search(SearchRequest(q=q, **request)).hits]


def test_an_unchanged_archive_answers_from_the_cache(django_assert_num_queries):
    make_article("Fence report", body="A fence near the river.")
    assert titles("fence") == ["Fence report"]
    # The generation (1 query) and nothing else: the page comes from the cache.
    with django_assert_num_queries(1):
        assert titles("fence") == ["Fence report"]
    with django_assert_num_queries(1):
        assert titles("  fence ") == ["Fence report"]


def test_a_published_article_is_in_the_very_next_search():
    make_article("Fence report", body="A fence near the river.")
    assert titles("fence") == ["Fence report"]
    draft = make_article("Second fence", body="Another fence.", status=Article.Status.DRAFT)
    assert titles("fence") == ["Fence report"]
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert set(titles("fence")) == {"Fence report", "Second fence"}
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.DRAFT)
    assert titles("fence") == ["Fence report"]
    draft.delete()
    assert titles("fence") == ["Fence report"]


def test_an_embargo_passing_shows_the_article_without_any_write():
    make_article("Fence report", body="A fence near the river.")
    soon = timezone.now() + timedelta(seconds=1)
    make_article("Embargoed fence", body="A fence.", publish_at=soon)
    generation = current_generation()
    assert titles("fence") == ["Fence report"]
    time.sleep(max(0.0, (soon - timezone.now()).total_seconds()) + 0.1)
    assert current_generation() != generation
    assert set(titles("fence")) == {"Fence report", "Embargoed fence"}


def test_tags_aliases_synonyms_and_promotions_change_the_results():
    tag = make_tag("Border")
    make_article("Fence report", body="A fence near the river, reported.", tags=[tag])
    make_article("Wall report", body="A wall.")
    assert titles("frontier") == []
    TagAlias.objects.create(tag=tag, name="Frontier")
    assert titles("frontier") == ["Fence report"]
    assert titles("barrier") == []
    SynonymGroup.objects.create(terms=["barrier", "wall"])
    assert titles("barrier") == ["Wall report"]
    before = titles("report")
    last = Article.objects.get(title=before[-1])
    Promotion.objects.create(article=last, query="report")
    assert titles("report") == [before[-1], before[0]]
    tag.name = "Boundary"
    tag.save()
    assert titles("boundary") == ["Fence report"]


def test_tag_names_and_synonyms_are_read_once_per_generation():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def reads_names(q):
        with CaptureQueriesContext(connection) as queries:
            found = titles(q)
        return found, any("array_agg(name)" in query["sql"] for query in queries)

    tag = make_tag("Border")
    make_article("Fence report", body="A fence near the river.", tags=[tag])
    assert reads_names("fence") == (["Fence report"], True)
    assert reads_names("river") == (["Fence report"], False)  # another search, the same generation
    TagAlias.objects.create(tag=tag, name="Frontier")
    assert reads_names("frontier") == (["Fence report"], True)


def test_folding_the_change_rows_keeps_the_generation():
    make_article("Fence report")
    before = current_generation()
    fold_changes()
    assert current_generation() == before


def test_the_search_page_is_revalidated_with_a_304_until_the_archive_changes(client, django_assert_num_queries):
    make_article("Fence report", body="A fence near the river.")
    first = client.get("/search/", {"q": "fence"})
    assert first.status_code == 200 and "Fence report" in first.content.decode()
    assert "public" in first["Cache-Control"] and "stale-while-revalidate=" in first["Cache-Control"]
    etag = first["ETag"]
    # Nothing changed: the generation (one query) says so, and nothing is searched.
    with django_assert_num_queries(1):
        again = client.get("/search/", {"q": "fence"}, headers={"if-none-match": etag})
    assert again.status_code == 304 and again["ETag"] == etag
    make_article("Second fence", body="Another fence.")
    changed = client.get("/search/", {"q": "fence"}, headers={"if-none-match": etag})
    assert changed.status_code == 200 and "Second fence" in changed.content.decode()
    assert changed["ETag"] != etag
    assert client.get("/search/", {"q": "wall"})["ETag"] != changed["ETag"]


def test_a_page_cached_whole_keeps_no_second_copy_of_its_search(client, django_assert_num_queries):
    """The search page keeps its rendered HTML; its results are not pickled into the cache beside it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_article("Fence report", body="A fence near the river.")
    assert "Fence report" in client.get("/search/", {"q": "fence"}).content.decode()
    with CaptureQueriesContext(connection) as searched:
        assert titles("fence") == ["Fence report"]
    assert len(searched) > 1  # searched again: only the page was kept
    with django_assert_num_queries(1):  # a search outside a cached page is kept as before
        assert titles("fence") == ["Fence report"]


def test_a_signed_in_users_search_page_is_not_shared(client):
    from tests.factories import make_user

    client.force_login(make_user())
    response = client.get("/search/", {"q": "fence"})
    assert response.status_code == 200 and "public" not in response["Cache-Control"]
    assert "ETag" not in response


def test_an_article_page_is_cached_until_it_changes_or_is_taken_down(client):
    article = make_article("Fence report", body="A fence near the river.")
    first = client.get(article.get_absolute_url())
    assert first.status_code == 200 and "public" in first["Cache-Control"]
    assert client.get(article.get_absolute_url(), headers={"if-none-match": first["ETag"]}).status_code == 304
    Article.objects.filter(pk=article.pk).update(title="Fence report, corrected")
    corrected = client.get(article.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert corrected.status_code == 200 and "Fence report, corrected" in corrected.content.decode()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    gone = client.get(article.get_absolute_url(), headers={"if-none-match": corrected["ETag"]})
    assert gone.status_code == 404 and "public" not in gone.get("Cache-Control", "")


def test_with_read_replicas_nothing_is_cached(client, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.DATABASE_REPLICAS = ["replica_1"]
    make_article("Fence report", body="A fence near the river.")
    titles("fence")
    with CaptureQueriesContext(connection) as queries:
        titles("fence")
    assert len(queries.captured_queries) > 1  # searched again
    response = client.get("/search/", {"q": "fence"})
    assert response.status_code == 200 and "ETag" not in response


def test_promotions_are_read_once_per_generation_and_a_change_is_seen_at_once():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_article("Fence report", body="A fence near the river, reported.")
    pick = make_article("Wall report", body="A wall, reported.")
    assert titles("fence") == ["Fence report"]
    with CaptureQueriesContext(connection) as queries:
        assert titles("report") and titles("river") == ["Fence report"]
    assert not [q for q in queries if 'FROM "archive_promotion"' in q["sql"]]
    promotion = Promotion.objects.create(article=pick, query="fence", match=Promotion.Match.CONTAINS)
    assert titles("fence river") == ["Wall report", "Fence report"]
    promotion.ends_at = timezone.now() + timedelta(seconds=1)
    promotion.save()
    assert titles("fence") == ["Wall report", "Fence report"]
    time.sleep(max(0.0, (promotion.ends_at - timezone.now()).total_seconds()) + 0.1)
    # Its end passed without a write: the next search no longer shows it.
    assert titles("fence") == ["Fence report"]


def test_writing_articles_keeps_the_names_and_picks_a_search_reads_until_the_vocabulary_changes():
    """An import writes articles without end: searches meanwhile read the tag names and promotions once,
    not once per article written, and still see a new alias or promotion at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def reads(q):
        with CaptureQueriesContext(connection) as queries:
            found = titles(q)
        sql = [query["sql"] for query in queries]
        return found, any("array_agg(name)" in s for s in sql), any('FROM "archive_promotion"' in s for s in sql)

    tag = make_tag("Border")
    make_article("Fence report", body="A fence near the river.", tags=[tag])
    assert reads("fence") == (["Fence report"], True, True)
    before = current_generation()
    make_article("River report", body="The river again.")
    after = current_generation()
    assert after.tag != before.tag and after.vocabulary_tag == before.vocabulary_tag
    found, read_names, read_picks = reads("river")
    assert sorted(found) == ["Fence report", "River report"] and not read_names and not read_picks
    TagAlias.objects.create(tag=tag, name="Frontier")
    assert reads("frontier") == (["Fence report"], True, True)
    Promotion.objects.create(article=Article.objects.get(title="River report"), query="frontier")
    assert reads("frontier") == (["River report", "Fence report"], True, True)
