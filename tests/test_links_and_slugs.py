"""Links are http(s) only and slugs fit page addresses, whichever path stores them; a bad one fails alone."""

import json

import pytest
from django.db import IntegrityError, transaction

from archive.importers.permissions import REFUSE, ImportPermissions, decide
from archive.importers.record import Record, RecordError, SourceRef
from archive.importers.store import Store
from archive.models import Article, Source
from tests.admin_support import article_form_data
from tests.commands import run_import

pytestmark = pytest.mark.django_db


def line(data) -> str:
    return json.dumps(data) + "\n"


def test_import_refuses_script_links_and_bad_slugs_line_by_line(tmp_path, client):
    path = tmp_path / "links.jsonl"
    path.write_text(
        line({"title": "Good", "body": "One.", "external_id": "1", "url": "https://example.org/a"})
        + line({"title": "Script link", "body": "Two.", "external_id": "2", "url": "javascript:alert(1)"})
        + line({"title": "Slashed slug", "body": "Three.", "external_id": "3", "slug": "a/b"})
        + line({"title": "Bad outlet", "body": "Four.", "source": {"name": "X", "homepage": "data:text/html,hi"}})
        + line({"title": "Also good", "body": "Five.", "external_id": "5", "slug": "also-good"}),
        encoding="utf-8",
    )
    out, err, error = run_import(path, "--publish")
    assert error is not None
    assert f"{path}:2: url: 'javascript:alert(1)' is not an http:// or https:// address" in err
    assert f"{path}:3: slug: 'a/b' may hold only letters, digits, hyphens and underscores" in err
    assert f"{path}:4: source.homepage: 'data:text/html,hi' is not an http:// or https:// address" in err
    assert "2 created, 0 updated, 0 unchanged, 3 failed" in out
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Also good", "Good"]
    assert not Source.objects.exists()
    assert client.get("/articles/also-good/").status_code == 200


def test_records_from_other_paths_meet_the_same_rules_in_the_store():
    """Records not read from JSON Lines (text files, jobs) are checked where the store prepares them."""
    bad = Record(title="Made in code", body="Text.", url="javascript:alert(1)")
    with pytest.raises(RecordError, match="url: 'javascript:alert"):
        Store().save(bad)
    with pytest.raises(RecordError, match="source.slug: 'x y'"):
        Store().save_batch([(Record(title="Batch", body="Text.", source=SourceRef("X", "x y")), "code")])
    decision = decide(Store(), bad, ImportPermissions())
    assert decision.action == REFUSE and decision.notes[0].startswith("url: ")
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "column, value",
    [("original_url", "javascript:alert(1)"), ("original_url", "ftp://example.org/"), ("slug", "a/b")],
)
def test_the_database_refuses_what_bypasses_python(make_article, column, value):
    """Bulk copies and QuerySet.update() skip validators; the constraints of migration 0019 do not."""
    article = make_article("Fine")
    with pytest.raises(IntegrityError, match="article_(original_url_web|slug_valid)"), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(**{column: value})
    Article.objects.filter(pk=article.pk).update(original_url="HTTPS://example.org/upper-case-scheme")


def test_admin_forms_accept_web_links_only(editor_client, superuser, make_article):
    """Django's own URL check already refuses javascript:; ftp: and other schemes are refused by the archive's."""
    article = make_article("Fence raised", status=Article.Status.DRAFT)
    response = editor_client.post(
        f"/admin/archive/article/{article.pk}/change/", article_form_data(article, original_url="ftp://example.org/a")
    )
    assert response.status_code == 200
    assert "Enter an http:// or https:// address." in response.context["adminform"].form.errors["original_url"]
    article.refresh_from_db()
    assert article.original_url == ""

    from tests.admin_support import client_for

    response = client_for(superuser).post(
        "/admin/archive/source/add/", {"name": "Outlet", "slug": "outlet", "homepage": "ftp://example.org/"}
    )
    assert "Enter an http:// or https:// address." in response.context["adminform"].form.errors["homepage"]
    assert not Source.objects.exists()
