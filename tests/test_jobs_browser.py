"""An editor in a real browser: upload, confirm, and watch the import's page follow the worker by itself.

Screenshots go to test-artifacts/ (jobs-*.png).
"""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from archive.models import Article
from tests.factories import make_user
from tests.jobs_support import clear_queue, run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PASSWORD = "a-long-password-for-the-browser-test"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"jobs-{name}.png"), full_page=True)


def test_the_import_page_shows_the_worker_s_progress_without_a_reload(live_server, page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    clear_queue()
    make_user("edith", group="Editors", password=PASSWORD)
    export = tmp_path / "export.jsonl"
    lines = [json.dumps({"external_id": f"b-{n}", "title": f"Border dispatch {n}", "body": "Text."}) for n in range(3)]
    export.write_text("\n".join([*lines, "{broken"]) + "\n", encoding="utf-8")

    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("edith")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#jobs-status")).to_contain_text("No background worker is running")
    shot(page, "1-dashboard-without-worker")

    page.goto(f"{live_server.url}/admin/archive/article/import/")
    page.locator("input[type=file]").set_input_files(str(export))
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("body")).to_contain_text("3 articles found")
    page.get_by_role("button", name="Import the ticked articles").click()
    expect(page.locator("#import-progress")).to_contain_text("Waiting for the background worker")
    shot(page, "2-waiting")

    run_worker()  # the page is not touched: it reloads itself while the import is in progress
    expect(page.locator("#import-progress")).to_contain_text("Finished", timeout=20_000)
    expect(page.locator("#import-progress")).to_contain_text("3 drafts created")
    expect(page.locator(".import-errors")).to_contain_text("export.jsonl, line 4: not valid JSON")
    shot(page, "3-finished")
    assert Article.objects.filter(status="draft").count() == 3
    clear_queue()
