"""Every way an article, its tags, photos or credits change leaves the history row an editor expects.

The rows are written by database triggers (archive/models/history.py); these tests take each write
path the archive has and read back the version it left, with who or what made it.
"""

import json

import pytest
from django.db import connection

from archive.history.versions import ARTICLE, TAG, versions
from archive.importers import store
from archive.models import Article, ArticleEvent, ArticleTagEvent, Credit, Photo, PhotoEvent, Tag
from archive.tagging import merge_tags
from archive.textsearch import refresh_article_text
from tests.admin_support import action_data
from tests.commands import run_import


def latest(article):
    return versions(ARTICLE, article.pk)[0]


def jsonl(path, *records):
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


RECORD = {
    "external_id": "dnk-7",
    "source": {"name": "Daily NK", "slug": "daily-nk"},
    "title": "Traders return to Hyesan",
    "body": "Prices fell as traders came back.",
    "tags": [{"name": "Hyesan", "kind": "place"}],
    "photos": [{"caption": "The market at dawn", "credit": "Daily NK"}],
    "credits": [{"role": "author", "name": "Jeong Tae-joo"}],
}


@pytest.mark.django_db
def test_bulk_import_by_copy_gives_each_article_a_first_version_named_after_the_file(tmp_path, monkeypatch):
    copied = []
    real_copy = store.copy_rows
    monkeypatch.setattr(store, "copy_rows", lambda model, rows: copied.append(model) or real_copy(model, rows))
    path = jsonl(tmp_path / "batch.jsonl", RECORD, {**RECORD, "external_id": "dnk-8", "title": "Second"})

    run_import(path)

    assert Article in copied and Photo in copied  # the COPY path ran, not the ORM's
    article = Article.objects.get(external_id="dnk-7")
    [first] = versions(ARTICLE, article.pk)
    assert first.author.what == f"import of {path}" and first.author.user == ""
    assert sorted(first.changes) == [
        "created",
        "credit added: author Jeong Tae-joo",
        "photo added: The market at dawn",
        "tag added: Hyesan",
    ]
    # Both articles of the file are in the same import, one context.
    other = Article.objects.get(external_id="dnk-8")
    assert latest(other).id == first.id


@pytest.mark.django_db
def test_raw_text_import_through_the_orm_is_named_after_its_file(tmp_path):
    path = tmp_path / "fence.txt"
    path.write_text("Fence goes up\n\nSoldiers put up a new fence near Hyesan.", encoding="utf-8")
    run_import(path)
    article = Article.objects.get(title="Fence goes up")
    assert latest(article).author.what == f"import of {path}"
    assert latest(article).changes[0] == "created"


@pytest.mark.django_db
def test_reimport_of_an_edited_file_is_a_version_of_its_own(tmp_path):
    path = jsonl(tmp_path / "batch.jsonl", RECORD)
    run_import(path)
    article = Article.objects.get(external_id="dnk-7")
    jsonl(
        path,
        {**RECORD, "body": "Prices rose again.", "photos": [{"caption": "Empty stalls", "credit": "Daily NK"}]},
    )
    run_import(path)

    history = versions(ARTICLE, article.pk)
    assert len(history) == 2
    assert history[0].author.what == f"import of {path}"
    assert sorted(history[0].changes) == [
        "changed body",
        "photo added: Empty stalls",
        "photo removed: The market at dawn",
    ]


@pytest.mark.django_db
def test_unchanged_reimport_leaves_no_version(tmp_path):
    path = jsonl(tmp_path / "batch.jsonl", RECORD)
    run_import(path)
    run_import(path)
    assert len(versions(ARTICLE, Article.objects.get(external_id="dnk-7").pk)) == 1


@pytest.mark.django_db
def test_tag_merge_is_recorded_as_the_merge(make_article, make_tag):
    keep, drop = make_tag("Smuggling"), make_tag("Smugglers")
    article = make_article(tags=[drop])
    merge_tags(keep, [keep, drop])

    version = latest(article)
    assert version.author.what == "merge of tag Smugglers into Smuggling"
    assert sorted(version.changes) == ["tag added: Smuggling", "tag removed: Smugglers (deleted)"]
    tag_version = versions(TAG, drop.pk)[0]
    assert tag_version.id == version.id and tag_version.changes == ["deleted"]


@pytest.mark.django_db
def test_bulk_publish_action_records_the_editor_and_the_action(editor_client, make_article):
    articles = [make_article(status=Article.Status.REVIEW) for _ in range(2)]
    editor_client.post("/admin/archive/article/", action_data("publish", articles))
    for article in articles:
        version = latest(article)
        assert (version.author.user, version.author.what) == ("edith", "bulk action: Publish selected articles")
        assert version.changes == ["changed status"]


@pytest.mark.django_db
def test_bulk_add_tag_action_records_the_tag_with_the_editor(editor_client, make_article, make_tag):
    tag = make_tag("Hyesan")
    article = make_article(status=Article.Status.DRAFT)
    editor_client.post("/admin/archive/article/", action_data("add_tag", [article], apply="1", tag=tag.pk))
    version = latest(article)
    assert version.author.user == "edith" and version.author.what == "bulk action: Add a tag to selected articles"
    assert version.changes == ["tag added: Hyesan"]


@pytest.mark.django_db(transaction=True)
def test_plain_orm_script_changes_are_recorded_as_a_script(make_article):
    article = make_article("Before")
    Article.objects.filter(pk=article.pk).update(title="After")
    Photo.objects.create(article=article, caption="Added by a script")

    script_versions = versions(ARTICLE, article.pk)[:2]
    # Outside any request or import: one version per transaction, named as a script's.
    assert [v.changes for v in script_versions] == [["photo added: Added by a script"], ["changed title"]]
    for version in script_versions:
        assert version.author.user == "" and version.author.what.startswith("a script or direct database change")


@pytest.mark.django_db(transaction=True)
def test_sql_outside_django_is_recorded_too(make_article):
    article = make_article()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO archive_credit (article_id, role, name, position) VALUES (%s, 'editor', 'Kim', 0)",
            [article.pk],
        )
    assert latest(article).changes == ["credit added: editor Kim"]
    assert Credit.objects.filter(article=article).count() == 1


@pytest.mark.django_db
def test_derived_columns_leave_no_version(make_article, make_tag):
    tag = make_tag("Hyesan")
    article = make_article(tags=[tag], captions=["A fence"])
    before = (ArticleEvent.objects.count(), ArticleTagEvent.objects.count(), PhotoEvent.objects.count())

    tag.name = "Hyesan City"  # refreshes the article's tag text and search vector
    tag.save()
    refresh_article_text([article.pk])
    Article.objects.filter(pk=article.pk).update(tag_text="stale", tag_ids=[], caption_text="", version=9)
    article.refresh_from_db()
    article.save()  # nothing an editor would call a change

    assert (ArticleEvent.objects.count(), ArticleTagEvent.objects.count(), PhotoEvent.objects.count()) == before
    assert Tag.objects.get(pk=tag.pk).name == "Hyesan City"


@pytest.mark.django_db
def test_admin_delete_keeps_the_article_and_its_photos_in_the_history(editor_client, make_article):
    article = make_article("Going away", captions=["Last photo"], status=Article.Status.DRAFT)
    editor_client.post(f"/admin/archive/article/{article.pk}/delete/", {"post": "yes"})
    assert not Article.objects.filter(pk=article.pk).exists()
    version = latest(article)
    assert version.author.user == "edith"
    assert sorted(version.changes) == ["deleted", "photo removed: Last photo"]
    assert ArticleEvent.objects.filter(pgh_obj_id=article.pk, pgh_label="delete").get().title == "Going away"
