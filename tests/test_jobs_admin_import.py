"""An admin import of any size runs as a job: progress while it runs, the summary when it ends, and a
job that fails is retried, then shown failed in the admin, where it can be retried."""

import json
import threading
import time

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.jobs import RETRY, import_upload
from archive.models import AdminImport, Article, JobFailure
from tests.admin_support import client_for
from tests.factories import make_user
from tests.jobs_support import clear_queue, database_url, jobs, make_due, run_worker

IMPORT = "/admin/archive/article/import/"
ARTICLES = 5_000
# The article at this index names a tag the test holds uncommitted: its import waits there, half-way.
PAUSE_AT = 2_500
PAUSE_TAG = "Held back for the progress check"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def queue():
    clear_queue()
    yield
    clear_queue()


def upload(name, content: bytes):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def big_export() -> bytes:
    lines = []
    for n in range(ARTICLES):
        record = {"external_id": f"big-{n}", "title": f"Dispatch number {n}", "body": f"Report {n} from the border."}
        if n == PAUSE_AT:
            record["tags"] = [{"name": PAUSE_TAG, "kind": "topic"}]
        lines.append(json.dumps(record))
    lines.insert(1234, "{not json")  # an error per line, as the command line reports them
    return "\n".join(lines).encode()


def wait_for(condition, what: str, limit: float = 900.0):
    """Poll until `condition()` is true (bounded: the test fails, naming `what`, rather than hang)."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.5)


def test_an_import_of_5000_articles_runs_in_the_background_with_progress_shown():
    editor = make_user("edith", group="Editors")
    client = client_for(editor)
    preview = client.post(IMPORT, {"files": [upload("export.jsonl", big_export())]})
    html = preview.content.decode()
    assert "More than 500 articles found" in html and "Import every article" in html

    confirmed = client.post(IMPORT, {"confirm": "1", "token": preview.context["token"], "import_all": "1"}, follow=True)
    progress_url = confirmed.redirect_chain[-1][0]
    assert "Waiting for the background worker" in confirmed.content.decode()

    # Another session holds the tag the 2 501st article needs, uncommitted: the import waits on it.
    holder = psycopg.connect(database_url())
    holder.execute(
        "INSERT INTO archive_tag (name, slug, kind, description) VALUES (%s, %s, 'topic', '')",
        [PAUSE_TAG, "held-back-for-the-progress-check"],
    )
    worker = threading.Thread(target=run_worker)
    worker.start()
    try:
        half_way = f'<strong class="import-count">{PAUSE_AT} of {ARTICLES + 1}</strong>'
        wait_for(lambda: half_way in client.get(progress_url).content.decode(), "the import to reach its pause")
        page = client.get(progress_url).content.decode()
        assert "Importing:" in page and '<meta http-equiv="refresh"' in page
        assert AdminImport.objects.get().status == AdminImport.Status.RUNNING
    finally:
        holder.rollback()
        holder.close()
        worker.join(timeout=600)

    done = client.get(progress_url).content.decode()
    assert f'Finished: <strong class="import-count">{ARTICLES + 1} of {ARTICLES + 1}</strong>' in done
    assert f"{ARTICLES} drafts created" in done
    assert "export.jsonl, line 1235: not valid JSON" in done
    assert '<meta http-equiv="refresh"' not in done
    assert Article.objects.filter(status="draft", external_id__startswith="big-").count() == ARTICLES
    # The import queued a statistics refresh (the new drafts' words, for "did you mean"), and the worker ran it.
    assert jobs() == [("import_upload", "succeeded"), ("refresh_search_statistics", "succeeded")]


def test_a_failing_job_is_retried_then_shown_failed_in_the_admin_and_retried_from_there(media_root):
    editor = make_user("edith", group="Editors")
    root = make_user("root", superuser=True)
    client = client_for(editor)
    content = json.dumps({"title": "Lost and found", "body": "A story."}).encode()
    preview = client.post(IMPORT, {"files": [upload("one.jsonl", content)]})
    client.post(IMPORT, {"confirm": "1", "token": preview.context["token"], "include": ["0"]})
    stored = AdminImport.objects.get().files[0]
    default_storage.delete(stored)  # the storage lost the upload

    run_worker()
    failure = JobFailure.objects.get()
    assert failure.task_name == "import_upload" and "no longer in the storage" in failure.error
    assert jobs() == [("import_upload", "todo")]  # to be retried, after a wait
    assert "stopped with an error" in client.get(f"{IMPORT}{AdminImport.objects.get().pk}/").content.decode()

    for _ in range(RETRY.max_attempts):  # each retry, with the backoff's wait skipped
        assert make_due("import_upload") == 1
        run_worker()
    assert jobs() == [("import_upload", "failed")]
    assert list(JobFailure.objects.order_by("attempt").values_list("attempt", flat=True)) == [1, 2, 3, 4, 5]

    admin = client_for(root)
    listing = admin.get("/admin/procrastinate/procrastinatejob/?status__exact=failed").content.decode()
    assert "import_upload" in listing and "no longer in the storage" in listing
    dashboard = client_for(editor).get("/admin/").content.decode()
    assert "1 background job failed after every retry" in dashboard

    default_storage.save(stored, ContentFile(content))  # the upload is back
    job_id = JobFailure.objects.get(attempt=1).job_id
    admin.post("/admin/procrastinate/procrastinatejob/", {"action": "retry", "_selected_action": [job_id]}, follow=True)
    assert jobs() == [("import_upload", "todo")]
    run_worker()
    assert jobs() == [("import_upload", "succeeded"), ("refresh_search_statistics", "succeeded")]
    assert Article.objects.get().title == "Lost and found"
    assert AdminImport.objects.get().status == AdminImport.Status.DONE


def test_an_import_runs_with_the_permissions_its_editor_has_when_it_runs():
    contributor = make_user("carla", group="Contributors")
    client = client_for(contributor)
    preview = client.post(IMPORT, {"files": [upload("a.jsonl", json.dumps({"title": "A", "body": "b"}).encode())]})
    client.post(IMPORT, {"confirm": "1", "token": preview.context["token"], "include": ["0"]})
    contributor.groups.clear()  # lost the right to import before the worker got to it

    run_worker()
    assert not Article.objects.exists()
    upload_row = AdminImport.objects.get()
    assert upload_row.status == AdminImport.Status.FAILED and "may no longer import" in upload_row.errors[0]


def test_uploads_over_the_size_limit_are_refused_with_the_limit(settings):
    settings.ARCHIVE_IMPORT_MAX_BYTES = 1000
    client = client_for(make_user("edith", group="Editors"))
    response = client.post(IMPORT, {"files": [upload("big.jsonl", b"x" * 1500)]})
    assert "an import takes at most 1000" in response.content.decode()
    assert not AdminImport.objects.exists()


def test_an_import_run_again_creates_nothing_twice(media_root):
    """As after a worker killed half-way: the job runs again over the same upload."""
    client = client_for(make_user("edith", group="Editors"))
    content = "\n".join(json.dumps({"external_id": f"r-{n}", "title": f"Rerun {n}", "body": "b"}) for n in range(4))
    preview = client.post(IMPORT, {"files": [upload("rerun.jsonl", content.encode())]})
    client.post(IMPORT, {"confirm": "1", "token": preview.context["token"], "include": ["0", "1", "2", "3"]})
    run_worker()
    first = AdminImport.objects.get()
    assert (first.created, first.existing) == (4, 0)

    default_storage.save(first.files[0], ContentFile(content.encode()))  # the upload, as it was while running
    AdminImport.objects.filter(pk=first.pk).update(status=AdminImport.Status.RUNNING)
    import_upload.defer(import_id=first.pk)
    run_worker()
    again = AdminImport.objects.get()
    assert (again.status, again.created, again.existing) == (AdminImport.Status.DONE, 0, 4)
    assert Article.objects.count() == 4

    import_upload.defer(import_id=first.pk)  # a finished import is not run again at all
    run_worker()
    assert AdminImport.objects.get().existing == 4 and Article.objects.count() == 4
