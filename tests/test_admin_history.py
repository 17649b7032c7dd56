"""History: every change to an article, its tags, photos and credits, with who and when; and revert."""

import pytest

from archive.models import Article, Photo
from tests.admin_support import article_form_data


def edit(client, article, **changes):
    response = client.post(f"/admin/archive/article/{article.pk}/change/", article_form_data(article, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Article.objects.get(pk=article.pk)


@pytest.mark.django_db
def test_history_lists_each_change_with_who(editor_client, editor, make_article, make_tag):
    article = make_article("First", status=Article.Status.DRAFT)
    edit(editor_client, article, title="Second", tags=[make_tag("Fences")])
    records = list(Article.history.filter(id=article.pk).order_by("history_date"))
    assert [r.title for r in records] == ["First", "Second"]
    assert records[-1].history_user == editor
    assert [row.tag.name for row in records[-1].tags.all()] == ["Fences"]
    page = editor_client.get(f"/admin/archive/article/{article.pk}/history/")
    assert page.status_code == 200
    assert "edith" in page.content.decode() and "Second" in page.content.decode()


@pytest.mark.django_db
def test_photo_and_credit_changes_are_recorded(editor_client, make_article):
    article = make_article("With photo", captions=["Old caption"], status=Article.Status.DRAFT)
    edit(editor_client, article, photos=[("New caption", "Reuters")])
    assert set(Photo.history.values_list("caption", "history_type")) >= {
        ("Old caption", "+"),
        ("Old caption", "-"),
        ("New caption", "+"),
    }
    assert Photo.history.filter(caption="New caption").first().history_user.username == "edith"
    page = editor_client.get(f"/admin/archive/article/{article.pk}/history/").content.decode()
    assert "Photo: New caption" in page and "Photo: Old caption" in page


@pytest.mark.django_db
def test_revert_restores_fields_tags_and_photos(editor_client, make_article, make_tag):
    fences, rumours = make_tag("Fences"), make_tag("Rumours")
    article = make_article(
        "Good title", body="Good body.", tags=[fences], captions=["Right caption"], status=Article.Status.DRAFT
    )
    edit(editor_client, article, title="Bad title", tags=[rumours], photos=[("Wrong caption", "")])
    bad = Article.objects.get(pk=article.pk)
    assert bad.title == "Bad title"

    first_version = Article.history.filter(id=article.pk, title="Good title").order_by("history_date").last()
    url = f"/admin/archive/article/{article.pk}/history/{first_version.history_id}/"
    form_page = editor_client.get(url)
    assert form_page.status_code == 200
    assert form_page.context["adminform"].form["article_tags"].value() == [fences.pk]
    assert "photos and credits" in form_page.content.decode()

    data = article_form_data(bad, title="Good title", tags=[fences])
    data = {k: v for k, v in data.items() if not k.startswith(("photos-", "credits-"))}
    response = editor_client.post(url, data)
    assert response.status_code == 302

    reverted = Article.objects.get(pk=article.pk)
    assert reverted.title == "Good title"
    assert list(reverted.tags.all()) == [fences]
    assert list(reverted.photos.values_list("caption", flat=True)) == ["Right caption"]
    assert "Fences" in reverted.tag_text and "Rumours" not in reverted.tag_text
    assert reverted.caption_text == "Right caption"
    assert reverted.version == bad.version + 1


@pytest.mark.django_db
def test_tag_and_alias_changes_are_recorded(editor_client, make_tag):
    from archive.models import Tag, TagAlias

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
    assert list(Tag.history.filter(id=tag.pk).values_list("name", flat=True)) == ["Ryanggang", "Yanggang"]
    assert TagAlias.history.get(name="Yanggang").history_user.username == "edith"
