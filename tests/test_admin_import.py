"""Import in the admin: upload, preview each article, confirm; the worker creates the drafts; a clear error per bad file.

Confirming queues a job: these tests run the real worker (tests.jobs_support) on committed data.
"""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.history.versions import ARTICLE, versions
from archive.models import AdminImport, Article, DuplicateFlag
from tests.jobs_support import clear_queue, run_worker

IMPORT = "/admin/archive/article/import/"
SEED = sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt"))[0]


pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads wait in the default storage: keep them out of the real media folder."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def queue():
    clear_queue()
    yield
    clear_queue()


def upload(name, content: bytes):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def jsonl(*records) -> bytes:
    return "\n".join(json.dumps(r) for r in records).encode()


def test_preview_shows_what_the_parser_found_then_confirm_creates_drafts(editor_client):
    good = jsonl(
        {
            "title": "Smugglers return to Hyesan",
            "body": "Trade resumed across the Yalu.",
            "dek": "A short dek.",
            "tags": [{"name": "Hyesan", "kind": "place"}, "Smuggling"],
            "photos": [{"caption": "Boats on the river", "credit": "Daily NK"}],
            "external_id": "x-1",
        },
        {"title": "Second story", "body": "Another body.", "external_id": "x-2"},
    )
    response = editor_client.post(
        IMPORT, {"files": [upload("batch.jsonl", good), upload("seed.txt", SEED.read_bytes())]}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 articles found" in html
    assert "Smugglers return to Hyesan" in html and "A short dek." in html
    assert "Boats on the river" in html and "credit: Daily NK" in html
    assert "Hyesan" in html and "Smuggling" in html
    assert "Dropped as boilerplate" in html  # the seed's related-article list
    assert not Article.objects.exists()  # nothing saved by the preview

    items = response.context["items"]
    done = editor_client.post(
        IMPORT,
        {
            "confirm": "1",
            "token": response.context["token"],
            "include": [str(i.index) for i in items if i.record.external_id != "x-2"],
        },
        follow=True,
    )
    assert "has started in the background" in done.content.decode()
    assert not Article.objects.exists()  # the worker creates them
    run_worker()
    page = editor_client.get(done.redirect_chain[-1][0]).content.decode()
    assert "Finished" in page and "2 drafts created" in page and "1 left out in the preview" in page
    assert set(Article.objects.values_list("status", flat=True)) == {"draft"}
    article = Article.objects.get(external_id="x-1")
    assert list(article.photos.values_list("caption", "credit")) == [("Boats on the river", "Daily NK")]
    assert {t.name for t in article.tags.all()} >= {"Hyesan", "Smuggling"}
    assert not Article.objects.filter(external_id="x-2").exists()
    # The history says who created it, and from which file.
    first = versions(ARTICLE, article.pk)[-1]
    assert first.author.user == "edith" and first.author.what.startswith("import of ")
    assert "created" in first.changes


def test_each_bad_file_gets_its_own_clear_error(editor_client):
    files = [
        upload("empty.txt", b""),
        upload("binary.txt", b"\x00\x01\x02garbage"),
        upload("latin1.txt", "Caf\xe9 report\n\nA body.".encode("latin-1")),
        upload("notes.pdf", b"%PDF-1.4"),
        upload("mixed.jsonl", b'{"title": "Fine", "body": "ok"}\n{not json\n["a list"]\n'),
    ]
    response = editor_client.post(IMPORT, {"files": files})
    assert response.status_code == 200
    errors = response.context["errors"]
    assert any(e.startswith("empty.txt: empty") for e in errors)
    assert any(e.startswith("binary.txt: binary") for e in errors)
    assert any(e.startswith("latin1.txt: not UTF-8") for e in errors)
    assert any(e.startswith("notes.pdf: unsupported file type") for e in errors)
    assert any(e.startswith("mixed.jsonl, line 2: not valid JSON") for e in errors)
    assert any(e.startswith("mixed.jsonl, line 3: expected a JSON object") for e in errors)
    assert [i.record.title for i in response.context["items"]] == ["Fine"]


def test_duplicates_are_flagged_in_the_preview_and_after_import(editor_client, make_article):
    same = make_article("Fence report", body="Exact same text.")
    close = make_article("New fence blocks escape route into China", body="Different.")
    batch = jsonl(
        {"title": "Fence report", "body": "Exact same text."},
        {"title": "New fence blocks escape routes into China", "body": "Another text entirely."},
    )
    response = editor_client.post(IMPORT, {"files": [upload("dups.jsonl", batch)]})
    html = response.content.decode()
    assert "Already in the archive" in html and f"/admin/archive/article/{same.pk}/change/" in html
    assert "Possible duplicate of" in html and f"/admin/archive/article/{close.pk}/change/" in html
    editor_client.post(IMPORT, {"confirm": "1", "token": response.context["token"], "include": ["0", "1"]})
    run_worker()
    assert AdminImport.objects.get().existing == 1
    created = Article.objects.get(title="New fence blocks escape routes into China")
    assert created.status == "draft"
    assert DuplicateFlag.objects.filter(article=created, other=close).exists()
    assert Article.objects.filter(title="Fence report").count() == 1  # the identical one was not added


def test_confirming_twice_or_with_a_forged_token_does_nothing(editor_client):
    response = editor_client.post(IMPORT, {"files": [upload("a.jsonl", jsonl({"title": "A", "body": "b"}))]})
    token = response.context["token"]
    editor_client.post(IMPORT, {"confirm": "1", "token": token, "include": ["0"]})
    run_worker()
    again = editor_client.post(IMPORT, {"confirm": "1", "token": token, "include": ["0"]}, follow=True)
    assert "expired or was already confirmed" in again.content.decode()
    forged = editor_client.post(IMPORT, {"confirm": "1", "token": "../../etc/passwd", "include": ["0"]}, follow=True)
    assert forged.status_code == 200
    assert Article.objects.count() == 1


def test_contributors_may_import_drafts(contributor_client):
    response = contributor_client.post(IMPORT, {"files": [upload("a.jsonl", jsonl({"title": "A", "body": "b"}))]})
    contributor_client.post(IMPORT, {"confirm": "1", "token": response.context["token"], "include": ["0"]})
    run_worker()
    assert Article.objects.get().status == "draft"


def test_upload_without_files_asks_for_them(editor_client):
    response = editor_client.post(IMPORT, {})
    assert response.status_code == 200 and "This field is required" in response.content.decode()


def test_finished_imports_leave_no_upload_behind(editor_client, media_root):
    response = editor_client.post(IMPORT, {"files": [upload("a.jsonl", jsonl({"title": "A", "body": "b"}))]})
    assert list((media_root / "admin-imports").rglob("*.jsonl"))
    editor_client.post(IMPORT, {"confirm": "1", "token": response.context["token"], "include": ["0"]})
    assert list((media_root / "admin-imports").rglob("*.jsonl"))  # kept for the worker
    run_worker()
    assert not list((media_root / "admin-imports").rglob("*.jsonl"))


def test_preview_names_tags_as_the_archive_has_them(editor_client, make_tag):
    make_tag("Ryanggang", kind="place", aliases=["Yanggang"])
    batch = jsonl({"title": "Snow in the north", "body": "Cold.", "tags": ["Yanggang", "Brand new topic"]})
    item = editor_client.post(IMPORT, {"files": [upload("t.jsonl", batch)]}).context["items"][0]
    assert [(t.name, t.kind, t.new) for t in item.places] == [("Ryanggang", "place", False)]
    assert [(t.name, t.new) for t in item.topics] == [("Brand new topic", True)]
    from archive.models import Tag

    assert not Tag.objects.filter(name="Brand new topic").exists()  # the preview created nothing


def test_saved_web_page_is_previewed_and_imported(editor_client):
    """A saved page (.html) goes through the web page reader: its figures become photos, its menus and
    comments stay out of the body."""
    page = Path(__file__).resolve().parent.joinpath("layouts", "newspaper_comments.html").read_bytes()
    response = editor_client.post(IMPORT, {"files": [upload("courier.html", page)]})
    assert response.status_code == 200
    (item,) = response.context["items"]
    assert item.record.title == "The smugglers' river: how the Yalu became a lifeline again"
    assert "Fascinating piece" not in item.record.body and "Sign up for the Asia Briefing" not in item.record.body
    editor_client.post(IMPORT, {"confirm": "1", "token": response.context["token"], "include": ["0"]})
    run_worker()
    assert AdminImport.objects.get().created == 1
    article = Article.objects.get(external_id="courier")
    assert list(article.photos.values_list("credit", flat=True)) == ["Martin Alvarez/The Northern Courier"]
    assert article.source.name == "The Northern Courier"
