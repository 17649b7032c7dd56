"""The permission matrix: anonymous, contributor, editor and superuser against every admin operation.

Each operation is tried for real and judged by its effect (did the article change?), not by the page shown.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from archive.history.context import recorded_as
from archive.history.versions import ARTICLE, TAG, versions
from archive.models import Article, Promotion, SynonymGroup, Tag
from tests.admin_support import action_data, article_form_data, client_for
from tests.factories import make_article, make_tag

A = "/admin/archive/article/"
DRAFT, REVIEW, PUBLISHED = Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.PUBLISHED


def _status(article):
    return Article.objects.get(pk=article.pk).status


def view_list(c):
    return c.get(A).status_code == 200


def add_draft(c):
    data = {
        "title": "Brand new",
        "slug": "brand-new",
        "body": "Text.",
        "status": DRAFT,
        "language": "en",
        "lock_version": "",
        "photos-TOTAL_FORMS": 0,
        "photos-INITIAL_FORMS": 0,
        "credits-TOTAL_FORMS": 0,
        "credits-INITIAL_FORMS": 0,
    }
    c.post(A + "add/", data)
    return Article.objects.filter(slug="brand-new").exists()


def _edit(c, start, **changes):
    article = make_article(status=start)
    c.post(f"{A}{article.pk}/change/", article_form_data(article, **changes))
    return Article.objects.get(pk=article.pk)


def edit_draft(c):
    return _edit(c, DRAFT, title="Edited").title == "Edited"


def edit_published(c):
    return _edit(c, PUBLISHED, title="Edited").title == "Edited"


def publish_in_form(c):
    return _edit(c, REVIEW, status=PUBLISHED).status == PUBLISHED


def schedule(c):
    return _edit(c, REVIEW, status=PUBLISHED, publish_at=timezone.now() + timedelta(days=1)).publish_at is not None


def _action(c, name, status, **extra):
    article = make_article(status=status, **extra.pop("article", {}))
    c.post(A, action_data(name, [article], **extra))
    return article


def publish_action(c):
    return _status(_action(c, "publish", REVIEW)) == PUBLISHED


def send_to_review_action(c):
    return _status(_action(c, "send_to_review", DRAFT)) == REVIEW


def archive_action(c):
    return _status(_action(c, "unpublish", PUBLISHED)) == Article.Status.ARCHIVED


def add_tag_action(c):
    tag = make_tag()
    return _action(c, "add_tag", DRAFT, apply="1", tag=tag.pk).tags.filter(pk=tag.pk).exists()


def remove_tag_action(c):
    tag = make_tag()
    article = make_article(status=DRAFT, tags=[tag])
    c.post(A, action_data("remove_tag", [article], apply="1", tag=tag.pk))
    return not article.tags.exists()


def delete_article(c):
    article = make_article(status=DRAFT)
    c.post(f"{A}{article.pk}/delete/", {"post": "yes"})
    return not Article.objects.filter(pk=article.pk).exists()


def _revert(c, status):
    article = make_article("Original", status=status)
    first = versions(ARTICLE, article.pk)[0]
    with recorded_as("an edit"):
        Article.objects.filter(pk=article.pk).update(title="Changed")
    c.post(f"{A}{article.pk}/history/{first.id}/")
    return Article.objects.get(pk=article.pk).title == "Original"


def revert_draft(c):
    return _revert(c, DRAFT)


def revert_published(c):
    return _revert(c, PUBLISHED)


def revert_tag(c):
    tag = make_tag("Before")
    first = versions(TAG, tag.pk)[0]
    with recorded_as("a rename"):
        Tag.objects.filter(pk=tag.pk).update(name="After")
    c.post(f"/admin/archive/tag/{tag.pk}/history/{first.id}/")
    return Tag.objects.get(pk=tag.pk).name == "Before"


def view_history(c):
    article = make_article(status=DRAFT)
    return c.get(f"{A}{article.pk}/history/").status_code == 200


def preview_draft(c):
    article = make_article("Secret draft", status=DRAFT)
    response = c.get(f"{A}{article.pk}/preview/")
    return response.status_code == 200 and "Secret draft" in response.content.decode()


def import_articles(c):
    return c.get(A + "import/").status_code == 200


def merge_tags(c):
    one, two = make_tag(), make_tag()
    c.post(
        "/admin/archive/tag/",
        {"action": "merge", "index": 0, "apply": "1", "_selected_action": [one.pk, two.pk], "target": one.pk},
    )
    return not Tag.objects.filter(pk=two.pk).exists()


def rename_tag(c):
    tag = make_tag("Old name")
    c.post(
        f"/admin/archive/tag/{tag.pk}/change/",
        {
            "name": "New name",
            "slug": tag.slug,
            "kind": "topic",
            "description": "",
            "aliases-TOTAL_FORMS": 0,
            "aliases-INITIAL_FORMS": 0,
        },
    )
    return Tag.objects.get(pk=tag.pk).name == "New name"


def add_synonym(c):
    c.post("/admin/archive/synonymgroup/add/", {"terms": "defector, escapee", "is_active": "on", "sample_query": ""})
    return SynonymGroup.objects.exists()


def add_promotion(c):
    article = make_article()
    c.post(
        "/admin/archive/promotion/add/",
        {
            "query": "fence",
            "match": "exact",
            "article": article.pk,
            "position": 0,
            "starts_at_0": "",
            "starts_at_1": "",
            "ends_at_0": "",
            "ends_at_1": "",
        },
    )
    return Promotion.objects.exists()


def view_insights(c):
    return c.get("/admin/archive/searchcount/").status_code == 200


OPERATIONS = [
    view_list,
    add_draft,
    edit_draft,
    edit_published,
    publish_in_form,
    schedule,
    publish_action,
    send_to_review_action,
    archive_action,
    add_tag_action,
    remove_tag_action,
    delete_article,
    revert_draft,
    revert_published,
    revert_tag,
    view_history,
    preview_draft,
    import_articles,
    merge_tags,
    rename_tag,
    add_synonym,
    add_promotion,
    view_insights,
]
CONTRIBUTOR_MAY = {
    "view_list",
    "add_draft",
    "edit_draft",
    "send_to_review_action",
    "add_tag_action",
    "remove_tag_action",
    "revert_draft",
    "view_history",
    "preview_draft",
    "import_articles",
}
EXPECTED = {
    "anonymous": set(),
    "contributor": CONTRIBUTOR_MAY,
    "editor": {op.__name__ for op in OPERATIONS},
    "superuser": {op.__name__ for op in OPERATIONS},
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(EXPECTED))
def test_permission_matrix(roles, role):
    client = client_for(roles[role])
    allowed = {op.__name__ for op in OPERATIONS if op(client)}
    assert allowed == EXPECTED[role]


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(A)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_contributor_sees_published_articles_read_only(contributor):
    article = make_article("Published piece")
    page = client_for(contributor).get(f"{A}{article.pk}/change/")
    assert page.status_code == 200
    assert "adminform" in page.context and not page.context["has_change_permission"]


@pytest.mark.django_db
def test_non_staff_users_get_404_for_previews():
    from django.contrib.auth.models import User

    reader = User.objects.create_user("reader")
    draft = make_article(status=DRAFT)
    assert client_for(reader).get(f"{A}{draft.pk}/preview/").status_code == 404
