"""The admin import finds existing articles as the store does and lets nobody do more than the admin would."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.importers.permissions import REFUSE, UPDATE, ImportPermissions, save_permitted
from archive.importers.record import Record, SourceRef
from archive.importers.store import Store
from archive.models import AdminImport, Article, Source, Tag, TagAlias
from tests.jobs_support import clear_queue, run_worker

IMPORT = "/admin/archive/article/import/"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def empty_queue(transactional_db):
    clear_queue()
    yield
    clear_queue()


def upload(*records) -> SimpleUploadedFile:
    content = "\n".join(json.dumps(r) for r in records).encode()
    return SimpleUploadedFile("lines.jsonl", content, content_type="application/octet-stream")


def preview(client, *records):
    response = client.post(IMPORT, {"files": [upload(*records)]})
    assert response.status_code == 200
    return response


def confirm(client, response, indexes=("0",)) -> list[str]:
    """Confirm the preview, let the background worker import it, and read the import's summary page:
    its lines and its per-line messages."""
    client.post(IMPORT, {"confirm": "1", "token": response.context["token"], "include": list(indexes)})
    run_worker()
    upload = AdminImport.objects.latest("pk")
    page = client.get(f"{IMPORT}{upload.pk}/")
    assert page.status_code == 200 and upload.status == AdminImport.Status.DONE
    lines = [" ".join(item.split()) for item in page.content.decode().split("<li>")[1:]]
    return [line.split("</li>")[0] for line in lines]


@pytest.fixture
def outlet(db):
    return Source.objects.create(name="Daily NK", slug="daily-nk")


@pytest.mark.django_db(transaction=True)
def test_a_line_aimed_at_a_published_article_changes_nothing_and_says_why(
    client, contributor_client, outlet, make_article, make_tag
):
    hyesan = make_tag("Hyesan", kind="place")
    article = make_article(
        "Markets reopen in Hyesan", body="The original report.", source=outlet, external_id="dnk-1", tags=[hyesan]
    )
    line = {"external_id": "dnk-1", "source": "daily-nk", "title": "Rewritten", "body": "Vandalised.", "tags": []}

    response = preview(contributor_client, line)
    item = response.context["items"][0]
    assert item.decision.action == REFUSE and item.existing == article  # matched by the source's slug, as the store
    html = response.content.decode()
    assert "which you may not edit" in html and 'value="0" disabled' in html

    messages = confirm(contributor_client, response)  # a forged tick: the confirmation decides again
    assert any("Markets reopen in Hyesan" in m and "which you may not edit: nothing was changed" in m for m in messages)
    article.refresh_from_db()
    assert (article.title, article.body, article.status) == (
        "Markets reopen in Hyesan",
        "The original report.",
        "published",
    )
    assert list(article.tags.all()) == [hyesan]
    assert client.get(article.get_absolute_url()).status_code == 200  # still public


@pytest.mark.django_db(transaction=True)
def test_a_line_aimed_at_a_draft_updates_it(contributor_client, outlet, make_article):
    draft = make_article("Working draft", body="First version.", source=outlet, external_id="dnk-2", status="draft")
    line = {"external_id": "dnk-2", "source": {"name": "Daily NK"}, "title": "Better headline", "body": "Second."}

    response = preview(contributor_client, line)
    assert response.context["items"][0].decision.action == UPDATE
    assert "<strong>Update.</strong> Already in the archive as" in response.content.decode()

    messages = confirm(contributor_client, response)
    assert "1 already in the archive, updated where the file changed them" in messages
    draft.refresh_from_db()
    assert (draft.title, draft.body, draft.status) == ("Better headline", "Second.", "draft")
    assert draft.version == 2  # a form opened on the old version is now stale
    assert Article.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_contributor_cannot_set_an_embargo_through_the_import(contributor_client):
    line = {"title": "Scheduled scoop", "body": "Text.", "publish_at": "2030-01-01T00:00:00+00:00"}
    response = preview(contributor_client, line)
    assert "setting an embargo needs the permission to publish: left as it was" in response.content.decode()
    confirm(contributor_client, response)
    assert Article.objects.get(title="Scheduled scoop").publish_at is None


@pytest.mark.django_db(transaction=True)
def test_unknown_tags_aliases_and_sources_are_left_out_without_the_add_permissions(contributor_client, make_tag):
    make_tag("Smuggling")
    line = {
        "title": "Traders cross at night",
        "body": "A report.",
        "source": "Brand New Outlet",
        # A known tag with an alias the archive does not have, and an unknown tag.
        "tags": [{"name": "Smuggling", "kind": "topic", "aliases": ["contraband"]}, "Invented topic"],
    }

    response = preview(contributor_client, line)
    notes = response.context["items"][0].decision.notes
    assert notes == [
        "source “Brand New Outlet” is not in the archive and you may not add sources: left out",
        "new aliases of “Smuggling” (contraband) need the permission to add aliases: left out",
        "tag “Invented topic” is not in the archive and you may not add tags: left out",
    ]
    assert "you may not add tags: left out" in response.content.decode()

    messages = confirm(contributor_client, response)
    assert any(m.endswith("you may not add sources: left out") for m in messages)
    created = Article.objects.get(title="Traders cross at night")
    assert created.source is None and [t.name for t in created.tags.all()] == ["Smuggling"]
    assert not Tag.objects.filter(name="Invented topic").exists()
    assert not TagAlias.objects.exists() and not Source.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_editor_may_update_a_published_article_and_it_stays_published(editor_client, outlet, make_article):
    article = make_article("Border fence", body="Old text.", source=outlet, external_id="dnk-3")
    line = {"external_id": "dnk-3", "source": "Daily NK", "title": "Border fence", "body": "Corrected text."}
    response = preview(editor_client, line)
    assert response.context["items"][0].decision.action == UPDATE
    confirm(editor_client, response)
    article.refresh_from_db()
    assert (article.body, article.status) == ("Corrected text.", "published")


@pytest.mark.django_db(transaction=True)
def test_the_rules_hold_outside_the_admin_view_for_the_uploading_user(contributor, outlet, make_article):
    """What a background job does: the same decision from the user and the records, no request involved."""
    published = make_article("Published", body="Kept.", source=outlet, external_id="dnk-4")
    record = Record(title="Overwritten", body="Lost.", source=SourceRef("Daily NK"), external_id="dnk-4")

    refused = save_permitted(Store(), record, ImportPermissions(contributor))
    assert refused.outcome is None and refused.decision.action == REFUSE
    published.refresh_from_db()
    assert published.body == "Kept."

    archive_itself = save_permitted(Store(), record, ImportPermissions())  # the command line's powers
    assert archive_itself.decision.action == UPDATE and archive_itself.outcome.action == "updated"
    published.refresh_from_db()
    assert published.body == "Lost."
