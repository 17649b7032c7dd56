"""Two editors saving the same article: the second, stale save is refused with a clear message."""

import pytest

from archive.models import Article
from tests.admin_support import article_form_data, client_for
from tests.factories import make_user


@pytest.mark.django_db
def test_second_save_of_a_stale_form_is_refused(editor_client, make_article):
    article = make_article("Original title", status=Article.Status.DRAFT)
    other_editor = client_for(make_user("olga", group="Editors"))
    url = f"/admin/archive/article/{article.pk}/change/"
    # Both open the form at version 1.
    first = article_form_data(article, title="First editor's title")
    second = article_form_data(article, title="Second editor's title")

    assert other_editor.post(url, first).status_code == 302
    response = editor_client.post(url, second)

    assert response.status_code == 200
    html = response.content.decode()
    assert "changed by someone else (olga" in html and "your changes were not saved" in html
    article.refresh_from_db()
    assert article.title == "First editor's title"
    assert article.version == 2


@pytest.mark.django_db
def test_saving_after_reloading_works(editor_client, make_article):
    article = make_article("Title", status=Article.Status.DRAFT)
    url = f"/admin/archive/article/{article.pk}/change/"
    assert editor_client.post(url, article_form_data(article, title="Second")).status_code == 302
    # A fresh form carries the new version.
    assert editor_client.get(url).context["adminform"].form["lock_version"].value() == 2
    assert editor_client.post(url, article_form_data(article, title="Third")).status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Third"


@pytest.mark.django_db
def test_an_action_in_between_also_makes_the_form_stale(editor_client, make_article, make_tag):
    article = make_article("Title", status=Article.Status.REVIEW)
    form = article_form_data(article, title="Edited")
    editor_client.post("/admin/archive/article/", {"action": "publish", "index": 0, "_selected_action": [article.pk]})
    response = editor_client.post(f"/admin/archive/article/{article.pk}/change/", form)
    assert response.status_code == 200 and "not saved" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED


@pytest.mark.django_db
def test_a_form_without_a_version_is_refused(editor_client, make_article):
    article = make_article("Title", status=Article.Status.DRAFT)
    data = article_form_data(article, title="Edited")
    del data["lock_version"]
    response = editor_client.post(f"/admin/archive/article/{article.pk}/change/", data)
    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).title == "Title"
