"""History in the admin: every version of an article with who made it, and revert of any of them."""

import pytest

from archive.history.context import recorded_as
from archive.history.versions import ARTICLE, TAG, versions
from archive.models import Article, Credit, Photo, Tag
from archive.tagging import merge_tags
from tests.admin_support import article_form_data
from tests.commands import run_import

A = "/admin/archive/article"


def edit(client, article, **changes):
    response = client.post(f"{A}/{article.pk}/change/", article_form_data(article, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Article.objects.get(pk=article.pk)


def revert_url(article, version):
    return f"{A}/{article.pk}/history/{version.id}/"


@pytest.mark.django_db
def test_history_page_lists_each_version_with_who_and_what(editor_client, make_article, make_tag):
    article = make_article("First", status=Article.Status.DRAFT)
    edit(editor_client, article, title="Second", tags=[make_tag("Fences")])

    newest, first = versions(ARTICLE, article.pk)
    assert newest.author.user == "edith"
    assert sorted(newest.changes) == ["changed title", "tag added: Fences"]
    assert first.changes == ["created"]
    page = editor_client.get(f"{A}/{article.pk}/history/").content.decode()
    assert page.count('class="version"') == 2
    assert "edith" in page and "changed title" in page and "tag added: Fences" in page
    assert revert_url(article, first) in page and revert_url(article, newest) not in page


@pytest.mark.django_db
def test_photo_and_credit_changes_are_part_of_the_editors_version(editor_client, make_article):
    article = make_article("With photo", captions=["Old caption"], status=Article.Status.DRAFT)
    edit(editor_client, article, photos=[("New caption", "Reuters")])
    newest = versions(ARTICLE, article.pk)[0]
    assert newest.author.user == "edith"
    assert sorted(newest.changes) == ["photo added: New caption", "photo removed: Old caption"]
    page = editor_client.get(f"{A}/{article.pk}/history/").content.decode()
    assert "photo added: New caption" in page and "photo removed: Old caption" in page


@pytest.mark.django_db
def test_revert_restores_fields_tags_photos_and_credits(editor_client, make_article, make_tag):
    fences, rumours = make_tag("Fences"), make_tag("Rumours")
    article = make_article(
        "Good title",
        body="Good body.",
        tags=[fences],
        captions=["Right caption"],
        credits=[("author", "Kim")],
        status=Article.Status.DRAFT,
    )
    good = versions(ARTICLE, article.pk)[0]
    edit(editor_client, article, title="Bad title", body="Bad body.", tags=[rumours], photos=[("Wrong caption", "")])
    Credit.objects.filter(article=article).update(name="Lee")
    bad = Article.objects.get(pk=article.pk)

    page = editor_client.get(revert_url(article, good)).content.decode()
    assert "Good title" in page and "Fences" in page and "Right caption" in page and "author Kim" in page
    response = editor_client.post(revert_url(article, good), follow=True)
    assert "Reverted to the version of" in response.content.decode()

    reverted = Article.objects.get(pk=article.pk)
    assert (reverted.title, reverted.body) == ("Good title", "Good body.")
    assert list(reverted.tags.all()) == [fences]
    assert list(reverted.photos.values_list("caption", flat=True)) == ["Right caption"]
    assert list(reverted.credits.values_list("role", "name")) == [("author", "Kim")]
    # The derived text follows, and an editor's open form goes stale.
    assert "Fences" in reverted.tag_text and "Rumours" not in reverted.tag_text
    assert reverted.caption_text == "Right caption"
    assert reverted.version == bad.version + 1
    # The revert is a version of its own, by the editor, and can itself be undone.
    newest = versions(ARTICLE, article.pk)[0]
    assert newest.author.user == "edith" and newest.author.what.startswith("revert to the version of")
    assert "changed title, body" in newest.changes


@pytest.mark.django_db
def test_a_reimports_change_can_be_reverted(tmp_path, editor_client):
    path = tmp_path / "batch.jsonl"
    line = '{"external_id": "x-1", "title": "Fence", "body": "%s", "photos": [{"caption": "%s"}]}\n'
    path.write_text(line % ("First report.", "Fence at dawn"))
    run_import(path)
    article = Article.objects.get(external_id="x-1")
    imported = versions(ARTICLE, article.pk)[0]
    path.write_text(line % ("Garbled report.", "Garbled caption"))
    run_import(path)
    assert Article.objects.get(pk=article.pk).body == "Garbled report."

    editor_client.post(revert_url(article, imported))
    article.refresh_from_db()
    assert article.body == "First report."
    assert list(article.photos.values_list("caption", flat=True)) == ["Fence at dawn"]


@pytest.mark.django_db
def test_revert_keeps_status_and_leaves_out_a_tag_merged_away(editor_client, make_article, make_tag):
    keep, drop = make_tag("Smuggling"), make_tag("Smugglers")
    article = make_article("Tagged", tags=[drop], status=Article.Status.DRAFT)
    tagged = versions(ARTICLE, article.pk)[0]
    merge_tags(keep, [keep, drop])
    edit(editor_client, article, title="Retitled", status=Article.Status.REVIEW)

    response = editor_client.post(revert_url(article, tagged), follow=True)
    assert "Left out, as they no longer exist: tag Smugglers (deleted)" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Tagged" and article.status == Article.Status.REVIEW
    assert list(article.tags.all()) == []


@pytest.mark.django_db
def test_revert_page_of_the_current_version_offers_nothing(editor_client, make_article):
    article = make_article(status=Article.Status.DRAFT)
    current = versions(ARTICLE, article.pk)[0]
    page = editor_client.get(revert_url(article, current)).content.decode()
    assert "This is the current version." in page and 'id="revert-button"' not in page


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_unknown_versions_are_404(editor_client, make_article, version):
    article = make_article(status=Article.Status.DRAFT)
    assert editor_client.get(f"{A}/{article.pk}/history/{version}/").status_code == 404
    assert editor_client.post(f"{A}/{article.pk}/history/{version}/").status_code == 404
    assert Article.objects.get(pk=article.pk).title == article.title


@pytest.mark.django_db
def test_tag_history_and_revert(editor_client, make_tag):
    tag = make_tag("Yanggang", kind="place")
    response = editor_client.post(
        f"/admin/archive/tag/{tag.pk}/change/",
        {
            "name": "Ryanggang",
            "slug": tag.slug,
            "kind": "place",
            "description": "",
            "aliases-TOTAL_FORMS": 1,
            "aliases-INITIAL_FORMS": 0,
            "aliases-MIN_NUM_FORMS": 0,
            "aliases-MAX_NUM_FORMS": 1000,
            "aliases-0-name": "Yanggang",
            "aliases-0-tag": tag.pk,
        },
    )
    assert response.status_code == 302
    newest, first = versions(TAG, tag.pk)
    assert newest.author.user == "edith"
    assert sorted(newest.changes) == ["alias added: Yanggang", "changed name"]

    editor_client.post(f"/admin/archive/tag/{tag.pk}/history/{first.id}/")
    tag.refresh_from_db()
    assert tag.name == "Yanggang" and not tag.aliases.exists()


@pytest.mark.django_db
def test_revert_that_would_clash_is_refused_with_a_reason(editor_client, make_tag):
    tag = make_tag("Hyesan")
    first = versions(TAG, tag.pk)[0]
    with recorded_as("a rename"):
        Tag.objects.filter(pk=tag.pk).update(name="Hyesan City")
    make_tag("hyesan")
    response = editor_client.post(f"/admin/archive/tag/{tag.pk}/history/{first.id}/", follow=True)
    assert "Not reverted: it clashes with another item" in response.content.decode()
    assert Tag.objects.get(pk=tag.pk).name == "Hyesan City"


@pytest.mark.django_db
def test_dashboard_lists_recent_changes_with_who(editor_client, make_article):
    article = make_article("On the desk", status=Article.Status.DRAFT)
    edit(editor_client, article, title="On the desk today")
    page = editor_client.get("/admin/").content.decode()
    assert "On the desk today" in page and "changed by edith" in page


@pytest.mark.django_db
def test_photo_rows_come_back_with_their_ids(editor_client, make_article):
    article = make_article(captions=["Kept"], status=Article.Status.DRAFT)
    photo_id = Photo.objects.get(article=article).pk
    first = versions(ARTICLE, article.pk)[0]
    with recorded_as("a clean-up script"):
        Photo.objects.filter(article=article).delete()
    editor_client.post(revert_url(article, first))
    assert list(Photo.objects.filter(article=article).values_list("pk", "caption")) == [(photo_id, "Kept")]


@pytest.mark.django_db
def test_an_article_id_in_other_digits_is_404(editor_client, make_article):
    article = make_article(status=Article.Status.DRAFT)
    current = versions(ARTICLE, article.pk)[0]
    assert editor_client.get(f"{A}/²/history/{current.id}/").status_code == 404
