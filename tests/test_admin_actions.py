"""The change list's actions: publish, send to review, archive, add and remove a tag."""

import pytest

from archive.history.versions import ARTICLE, versions
from archive.models import Article
from tests.admin_support import action_data

CHANGELIST = "/admin/archive/article/"


def statuses(*articles):
    return [Article.objects.get(pk=a.pk).status for a in articles]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "action, start, end",
    [
        ("publish", Article.Status.REVIEW, Article.Status.PUBLISHED),
        ("send_to_review", Article.Status.DRAFT, Article.Status.REVIEW),
        ("unpublish", Article.Status.PUBLISHED, Article.Status.ARCHIVED),
    ],
)
def test_status_actions(editor_client, make_article, action, start, end):
    chosen = [make_article(status=start), make_article(status=start)]
    untouched = make_article(status=start)
    response = editor_client.post(CHANGELIST, action_data(action, chosen), follow=True)
    assert statuses(*chosen) == [end, end]
    assert statuses(untouched) == [start]
    assert "2 article(s)" in response.content.decode()
    # Each article's version moved on (an open edit form on it is now stale) and the change is in its history.
    assert all(Article.objects.get(pk=a.pk).version == 2 for a in chosen)
    assert versions(ARTICLE, chosen[0].pk)[0].changes == ["changed status"]


@pytest.mark.django_db
def test_publishing_shows_the_article_on_the_site(editor_client, make_article, client):
    article = make_article("Freshly approved", status=Article.Status.REVIEW)
    assert client.get(article.get_absolute_url()).status_code == 404
    editor_client.post(CHANGELIST, action_data("publish", [article]))
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_add_tag_asks_for_the_tag_then_tags_the_selection(editor_client, make_article, make_tag):
    tag = make_tag("Smuggling")
    first, second = make_article("One"), make_article("Two", tags=[tag])
    other = make_article("Three")
    step = editor_client.post(CHANGELIST, action_data("add_tag", [first, second]))
    assert step.status_code == 200
    html = step.content.decode()
    assert "Add a tag" in html and "One" in html and "Two" in html and "Three" not in html
    done = editor_client.post(CHANGELIST, action_data("add_tag", [first, second], apply="1", tag=tag.pk), follow=True)
    assert "Tagged 1 article(s) with Smuggling" in done.content.decode()
    assert set(tag.articles.all()) == {first, second}
    assert not other.tags.exists()
    # The search text follows at once.
    assert "Smuggling" in Article.objects.get(pk=first.pk).tag_text


@pytest.mark.django_db
def test_remove_tag(editor_client, make_article, make_tag):
    tag, keep = make_tag("Rumour"), make_tag("Fences")
    article = make_article("Tagged", tags=[tag, keep])
    editor_client.post(CHANGELIST, action_data("remove_tag", [article], apply="1", tag=tag.pk))
    assert list(Article.objects.get(pk=article.pk).tags.all()) == [keep]
    assert "Rumour" not in Article.objects.get(pk=article.pk).tag_text


@pytest.mark.django_db
def test_add_tag_without_choosing_a_tag_asks_again(editor_client, make_article):
    article = make_article()
    response = editor_client.post(CHANGELIST, action_data("add_tag", [article], apply="1", tag="nonsense"))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.django_db
def test_add_tag_across_all_filtered_results(editor_client, make_article, make_tag):
    tag = make_tag("Everywhere")
    drafts = [make_article(status=Article.Status.DRAFT) for _ in range(3)]
    live = make_article()
    editor_client.post(
        CHANGELIST + "?status=draft", action_data("add_tag", drafts[:1], apply="1", tag=tag.pk, select_across="1")
    )
    assert set(tag.articles.all()) == set(drafts)
    assert not live.tags.exists()


@pytest.mark.django_db
def test_contributor_tags_only_drafts(contributor_client, make_article, make_tag):
    tag = make_tag("Markets")
    draft, live = make_article(status=Article.Status.DRAFT), make_article()
    response = contributor_client.post(
        CHANGELIST, action_data("add_tag", [draft, live], apply="1", tag=tag.pk), follow=True
    )
    assert list(tag.articles.all()) == [draft]
    assert "only editors change those" in response.content.decode()


@pytest.mark.django_db
def test_contributor_sends_drafts_to_review_but_cannot_publish(contributor_client, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    contributor_client.post(CHANGELIST, action_data("send_to_review", [draft]))
    assert statuses(draft) == [Article.Status.REVIEW]
    contributor_client.post(CHANGELIST, action_data("publish", [draft]))
    assert statuses(draft) == [Article.Status.REVIEW]
    actions = contributor_client.get(CHANGELIST).context["action_form"].fields["action"].choices
    assert {name for name, _ in actions} >= {"send_to_review", "add_tag"}
    assert not {name for name, _ in actions} & {"publish", "unpublish"}
