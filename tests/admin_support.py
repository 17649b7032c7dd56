"""Users and clients for the admin tests: one per role of the permission matrix."""

import pytest
from django.test import Client

from tests.factories import make_user


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def contributor(db):
    return make_user("carla", group="Contributors")


@pytest.fixture
def editor(db):
    return make_user("edith", group="Editors")


@pytest.fixture
def superuser(db):
    return make_user("root", superuser=True)


@pytest.fixture
def editor_client(editor):
    return client_for(editor)


@pytest.fixture
def contributor_client(contributor):
    return client_for(contributor)


@pytest.fixture
def roles(contributor, editor, superuser):
    """The four kinds of visitor, by name."""
    return {"anonymous": None, "contributor": contributor, "editor": editor, "superuser": superuser}


def _split(value) -> tuple[str, str]:
    if not value:
        return "", ""
    from django.utils import timezone

    local = timezone.localtime(value)
    return local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")


def article_form_data(article, **changes) -> dict:
    """The POST the admin's article form sends for `article` unchanged, with `changes` applied.

    Pass `tags=[...]` for the tag field, `photos=[(caption, credit), ...]` to replace the photos.
    """
    from archive.models import Article

    article = Article.objects.get(pk=article.pk)
    tags = changes.pop("tags", None)
    photos = changes.pop("photos", None)
    fields = {
        "title": article.title,
        "slug": article.slug,
        "dek": article.dek,
        "body": article.body,
        "status": article.status,
        "language": article.language,
        "source": article.source_id or "",
        "original_url": article.original_url,
        "external_id": article.external_id,
        "published_at": article.published_at,
        "publish_at": article.publish_at,
        "needs_title": article.needs_title,
        "lock_version": article.version,
    } | changes
    data = {}
    for name, value in fields.items():
        if name in ("published_at", "publish_at"):
            data[f"{name}_0"], data[f"{name}_1"] = _split(value)
        elif name == "needs_title":
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else value
    data["article_tags"] = [tag.pk for tag in (tags if tags is not None else article.tags.all())]
    existing = list(article.photos.all())
    data.update({"photos-INITIAL_FORMS": len(existing), "photos-MAX_NUM_FORMS": 1000, "photos-MIN_NUM_FORMS": 0})
    rows = []
    for photo in existing:
        row = {
            "id": photo.pk,
            "article": article.pk,
            "position": photo.position,
            "caption": photo.caption,
            "credit": photo.credit,
        }
        if photos is not None:
            row["DELETE"] = "on"
        rows.append(row)
    for caption, credit in photos or ():
        rows.append({"article": article.pk, "position": len(rows), "caption": caption, "credit": credit})
    data["photos-TOTAL_FORMS"] = len(rows)
    for i, row in enumerate(rows):
        data.update({f"photos-{i}-{key}": value for key, value in row.items()})
    credits = list(article.credits.all())
    data.update(
        {
            "credits-INITIAL_FORMS": len(credits),
            "credits-TOTAL_FORMS": len(credits),
            "credits-MAX_NUM_FORMS": 1000,
            "credits-MIN_NUM_FORMS": 0,
        }
    )
    for i, credit in enumerate(credits):
        data.update(
            {
                f"credits-{i}-id": credit.pk,
                f"credits-{i}-article": article.pk,
                f"credits-{i}-position": credit.position,
                f"credits-{i}-role": credit.role,
                f"credits-{i}-name": credit.name,
            }
        )
    return data


def action_data(action: str, articles, **extra) -> dict:
    return {"action": action, "index": 0, "_selected_action": [a.pk for a in articles]} | extra


@pytest.fixture
def clean_insights(db):
    """No buffered searches and no counts from earlier runs (the buffer lives as long as the process)."""
    from archive import insights
    from archive.models import SearchCount

    insights.discard()
    SearchCount.objects.all().delete()
    yield
    insights.discard()
