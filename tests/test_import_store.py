"""Writing records: idempotent re-imports, edited files, editors' changes kept, tags and sources."""

from datetime import UTC, datetime

import pytest

from archive.importers.record import CreditRecord, PhotoRecord, Record, SourceRef, TagRef
from archive.importers.store import CREATED, UNCHANGED, UPDATED, Store, allocate_slugs
from archive.models import Article, Source, Tag

pytestmark = pytest.mark.django_db


def record(**overrides) -> Record:
    fields = {
        "title": "Fence goes up near Hyesan",
        "body": "Soldiers put up a fence.\n\n## Work\n\nIt took weeks.",
        "external_id": "fence-1",
        "source": SourceRef("Daily NK"),
        "tags": [TagRef("Hyesan", "place"), TagRef("Smuggling", "topic")],
        "photos": [PhotoRecord("A fence on the Yalu", "Wikimedia Commons")],
        "credits": [CreditRecord("translator", "David Black")],
    } | overrides
    return Record(**fields)


def test_create_then_same_record_is_unchanged():
    store = Store()
    first = store.save(record())
    assert first.action == CREATED
    article = Article.objects.get(pk=first.article_id)
    assert article.status == "draft"
    assert article.source.slug == "daily-nk"  # a known outlet gets its fixture slug
    assert [t.name for t in article.tags.all()] == ["Hyesan", "Smuggling"]
    assert article.photos.get().credit == "Wikimedia Commons"
    assert article.credits.get().role == "translator"
    updated_at = article.updated_at
    assert Store().save(record()).action == UNCHANGED
    article.refresh_from_db()
    assert article.updated_at == updated_at
    assert Article.objects.count() == 1


def test_new_tags_get_their_known_aliases_and_articles_are_found_by_them():
    article_id = Store(publish=True).save(record()).article_id
    hyesan = Tag.objects.get(name="Hyesan")
    assert hyesan.kind == "place"
    assert {"혜산", "Hyesan-si"} <= set(hyesan.aliases.values_list("name", flat=True))
    # The stored search vector knows the tag's aliases.
    assert Article.objects.filter(pk=article_id, search_vector="혜산").exists()
    assert Article.objects.filter(pk=article_id, search_vector="smugglers").exists()


def test_plain_tag_names_resolve_to_canonical_tags():
    store = Store()
    store.save(record(tags=[TagRef("Yanggang-do", ""), TagRef("defections", ""), TagRef("night markets", "")]))
    assert Tag.objects.get(name="Ryanggang").kind == "place"
    assert Tag.objects.get(name="Defectors").kind == "topic"
    assert Tag.objects.get(name="Night markets").kind == "topic"


def test_plain_tag_name_finds_an_editors_alias():
    tag = Tag.objects.create(name="Jangmadang economy", kind="topic")
    tag.aliases.create(name="grey market")
    article_id = Store().save(record(tags=[TagRef("Grey Market", "")])).article_id
    assert list(Article.objects.get(pk=article_id).tags.all()) == [tag]


def test_edited_file_updates_its_article():
    store = Store()
    article_id = store.save(record()).article_id
    outcome = Store().save(record(body="Soldiers put up a new fence.", photos=[], tags=[TagRef("Musan", "place")]))
    assert outcome.action == UPDATED and outcome.kept == []
    article = Article.objects.get(pk=article_id)
    assert article.body == "Soldiers put up a new fence."
    assert article.photos.count() == 0
    assert [t.name for t in article.tags.all()] == ["Musan"]
    assert article.caption_text == ""
    assert Article.objects.filter(pk=article_id, search_vector="musan").exists()


def test_reimport_of_unchanged_file_keeps_editors_changes():
    article_id = Store().save(record()).article_id
    Article.objects.filter(pk=article_id).update(title="Editor's better title", status="archived")
    assert Store(publish=True).save(record()).action == UNCHANGED
    article = Article.objects.get(pk=article_id)
    assert (article.title, article.status) == ("Editor's better title", "archived")


def test_edited_file_keeps_fields_editors_changed():
    article_id = Store().save(record()).article_id
    article = Article.objects.get(pk=article_id)
    article.title = "Editor's title"
    article.save()
    outcome = Store().save(record(title="Newsroom's new title", dek="A new dek from the newsroom"))
    assert outcome.action == UPDATED
    assert outcome.kept == ["title"]
    article.refresh_from_db()
    assert article.title == "Editor's title"
    assert article.dek == "A new dek from the newsroom"


def test_publish_applies_to_records_without_a_status():
    store = Store(publish=True)
    draft = store.save(record(external_id="a")).article_id
    archived = store.save(record(external_id="b", status="archived")).article_id
    assert Article.objects.get(pk=draft).status == "published"
    assert Article.objects.get(pk=archived).status == "archived"


def test_import_then_publish_updates_the_status():
    article_id = Store().save(record()).article_id
    assert Store(publish=True).save(record()).action == UPDATED
    assert Article.objects.get(pk=article_id).status == "published"


def test_key_is_source_and_external_id():
    store = Store()
    a = store.save(record(source=SourceRef("Daily NK"))).article_id
    b = store.save(record(source=SourceRef("NK News"))).article_id
    c = store.save(record(source=None)).article_id
    assert store.save(record(source=None)).action == UNCHANGED
    assert len({a, b, c}) == 3


def test_record_without_external_id_is_keyed_by_its_content():
    store = Store()
    first = store.save(record(external_id="")).article_id
    assert store.save(record(external_id="", photos=[])).article_id == first
    other = store.save(record(external_id="", body="Different text altogether."))
    assert other.action == CREATED and other.article_id != first


def test_source_given_as_object_is_created_with_its_details():
    Store().save(record(source=SourceRef("Border Weekly", "border-weekly", "https://border.example")))
    source = Source.objects.get(slug="border-weekly")
    assert (source.name, source.homepage) == ("Border Weekly", "https://border.example")


def test_published_at_in_another_zone_is_unchanged_on_reimport():
    seoul = datetime.fromisoformat("2025-03-17T09:00:00+09:00")
    Store().save(record(published_at=seoul))
    assert Store().save(record(published_at=seoul)).action == UNCHANGED
    assert Article.objects.get().published_at == datetime(2025, 3, 17, 0, 0, tzinfo=UTC)


def test_bulk_batch_creates_and_recognises_unchanged():
    items = [(record(external_id=f"n{i}", title="Same title"), f"file:{i}") for i in range(5)]
    outcomes = Store().save_batch(items)
    assert [o.action for o in outcomes] == [CREATED] * 5
    slugs = sorted(Article.objects.values_list("slug", flat=True))
    assert slugs == ["same-title", "same-title-2", "same-title-3", "same-title-4", "same-title-5"]
    assert [o.action for o in Store().save_batch(items)] == [UNCHANGED] * 5


def test_bulk_batch_vectors_and_text_match_the_trigger_refresh():
    from archive.textsearch import refresh_article_text

    Store().save_batch([(record(external_id=f"n{i}"), "") for i in range(3)])
    before = list(Article.objects.order_by("id").values_list("tag_text", "caption_text", "updated_at"))
    assert before[0][0].startswith("Hyesan ") and "Smuggling smuggle" in before[0][0]
    assert before[0][1] == "A fence on the Yalu"
    refresh_article_text()
    assert list(Article.objects.order_by("id").values_list("tag_text", "caption_text", "updated_at")) == before
    assert Article.objects.filter(search_vector="yalu").count() == 3


def test_bulk_batch_with_a_key_twice_keeps_the_last():
    outcomes = Store().save_batch([(record(), "l1"), (record(title="Second version"), "l2")])
    assert [o.action for o in outcomes] == [CREATED, UPDATED]
    assert Article.objects.get().title == "Second version"


def test_allocate_slugs_avoids_taken_ones(make_article):
    make_article("Fence news")
    make_article("Fence news")
    assert allocate_slugs(["Fence news", "Fence news", "Other"]) == ["fence-news-3", "fence-news-4", "other"]


def test_bulk_batch_flags_copies_of_existing_texts():
    original = Store().save(record(external_id="original")).article_id
    outcomes = Store().save_batch(
        [(record(external_id="copy"), ""), (record(external_id="other", body="New story."), "")]
    )
    copy, other = (Article.objects.get(pk=o.article_id) for o in outcomes)
    assert [flag.other_id for flag in copy.duplicate_flags.all()] == [original]
    assert not other.duplicate_flags.exists()
