"""The stored search vector stays right however an article, its tags or its photos change."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from archive.models import Article, ArticleTag, Photo, Tag, TagAlias
from archive.textsearch import SEARCH_CONFIG, defer_text_refresh, refresh_article_text

pytestmark = pytest.mark.django_db


def matches(article: Article, text: str) -> bool:
    """Whether the article's stored vector matches `text` as a reader would type it."""
    query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
    return Article.objects.filter(pk=article.pk, search_vector=query).exists()


def weights_of(article: Article, lexeme: str) -> str:
    """The weight letters stored for a lexeme, e.g. 'A' for a title word."""
    article.refresh_from_db()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT string_agg(w, '') FROM (SELECT unnest(weights) AS w FROM unnest(%s::tsvector) WHERE lexeme = %s) s",
            [article.search_vector, lexeme],
        )
        return cursor.fetchone()[0] or ""


def test_fields_carry_their_weights(make_article, make_tag):
    article = make_article(
        "Fence", dek="Smugglers", body="Soldiers patrol.", tags=[make_tag("Hyesan")], captions=["Barbed wire"]
    )
    assert weights_of(article, "fenc") == "A"
    assert weights_of(article, "smuggler") == "B"
    assert weights_of(article, "hyesan") == "B"
    assert weights_of(article, "wire") == "C"
    assert weights_of(article, "soldier") == "D"


def test_stemming_and_accents_fold(make_article):
    article = make_article("Fenced border", body="Soldiers died near Hoeryŏng.")
    assert matches(article, "fences")
    assert matches(article, "Hoeryong")
    assert matches(article, "HOERYŎNG")


def test_admin_style_save_updates_vector(make_article):
    article = make_article("Old headline")
    article.title = "Tunnel under the river"
    article.save()
    assert matches(article, "tunnel")
    assert not matches(article, "headline")


def test_queryset_update_updates_vector_and_updated_at(make_article):
    article = make_article("Quiet day", body="Nothing happened.")
    before = article.updated_at
    Article.objects.filter(pk=article.pk).update(body="Smugglers crossed the Yalu.")
    article.refresh_from_db()
    assert matches(article, "Yalu")
    assert article.updated_at > before


def test_bulk_create_with_tags_and_photos_is_indexed(make_tag):
    tag = make_tag("Changbai")
    articles = Article.objects.bulk_create([Article(title=f"Bulk {n}", slug=f"bulk-{n}") for n in range(3)])
    ArticleTag.objects.bulk_create([ArticleTag(article=a, tag=tag) for a in articles])
    Photo.objects.bulk_create([Photo(article=a, caption="Surveillance camera") for a in articles])
    for article in articles:
        assert matches(article, "Changbai")
        assert matches(article, "camera")


def test_tag_rename_reaches_every_tagged_article(make_article, make_tag):
    tag = make_tag("Yanggang")
    first, second = make_article(tags=[tag]), make_article(tags=[tag])
    Tag.objects.filter(pk=tag.pk).update(name="Ryanggang Province")
    assert matches(first, "Ryanggang") and matches(second, "Ryanggang")
    assert not matches(first, "Yanggang")


def test_alias_added_and_removed(make_article, make_tag):
    tag = make_tag("North Korea")
    article = make_article(tags=[tag])
    alias = TagAlias.objects.create(tag=tag, name="DPRK")
    assert matches(article, "DPRK")
    alias.delete()
    assert not matches(article, "DPRK")


def test_untagging_removes_tag_text(make_article, make_tag):
    tag = make_tag("Defectors")
    article = make_article(tags=[tag])
    article.tags.remove(tag)
    assert not matches(article, "defectors")


def test_caption_edit_and_delete(make_article):
    article = make_article(captions=["A marker on the border"])
    photo = article.photos.get()
    photo.caption = "A guard post at Musan"
    photo.save()
    assert matches(article, "Musan")
    assert not matches(article, "marker")
    photo.delete()
    assert not matches(article, "Musan")


def test_korean_article_uses_simple_configuration(make_article):
    article = make_article("혜산 국경 울타리", body="밀수", language="ko")
    assert Article.objects.filter(pk=article.pk, search_vector=SearchQuery("혜산", config="archive_simple")).exists()


def test_deferred_refresh_then_explicit_refresh(make_tag, transactional_db):
    """Bulk loads defer the triggers for their transaction and refresh the batch once."""
    from django.db import transaction

    tag = make_tag("Sinuiju")
    with transaction.atomic():
        defer_text_refresh()
        article = Article.objects.create(title="Deferred", slug="deferred")
        ArticleTag.objects.create(article=article, tag=tag)
        assert not matches(article, "Sinuiju")
        refresh_article_text([article.pk])
        assert matches(article, "Sinuiju")
    # The setting was local to the transaction: triggers work again.
    ArticleTag.objects.filter(article=article).delete()
    assert not matches(article, "Sinuiju")


def test_content_hash_follows_title_and_body(make_article):
    first = make_article("Same", body="Same body.")
    second = make_article("SAME", body="Same body.")
    assert first.content_hash == second.content_hash
    Article.objects.filter(pk=second.pk).update(body="Different body.")
    second.refresh_from_db()
    assert first.content_hash != second.content_hash


def test_published_hides_drafts_and_embargoes(make_article):
    from datetime import timedelta

    from django.utils import timezone

    visible = make_article("Visible")
    make_article("Draft", status=Article.Status.DRAFT)
    make_article("Archived", status=Article.Status.ARCHIVED)
    make_article("Embargoed", publish_at=timezone.now() + timedelta(hours=1))
    past_embargo = make_article("Past embargo", publish_at=timezone.now() - timedelta(minutes=1))
    assert set(Article.objects.published()) == {visible, past_embargo}


def test_saving_a_stale_copy_keeps_the_tags_set_meanwhile(make_article, make_tag):
    from archive.models import Article, ArticleTag

    article = make_article("Fence report", body="A fence.")
    stale = Article.objects.get(pk=article.pk)
    ArticleTag.objects.create(article=article, tag=make_tag("Hyesan"))
    stale.title = "Fence report, corrected"
    stale.save()
    article = Article.objects.get(pk=article.pk)
    assert article.title == "Fence report, corrected"
    assert "Hyesan" in article.tag_text and len(article.tag_ids) == 1
    assert list(Article.objects.search("Hyesan")) == [article]
