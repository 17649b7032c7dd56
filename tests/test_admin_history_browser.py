"""An editor in a real browser: an imported article's history, who made each version, and a revert.

Screenshots go to test-artifacts/ (history-*.png).
"""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from archive.models import Article
from tests.commands import run_import
from tests.factories import make_tag, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PASSWORD = "a-long-password-for-the-browser-test"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"history-{name}.png"), full_page=True)


def test_editor_reverts_an_edit_to_the_imported_version(live_server, page, tmp_path):
    make_user("edith", group="Editors", password=PASSWORD)
    make_tag("Smuggling")
    path = tmp_path / "dnk.jsonl"
    record = {
        "external_id": "dnk-1",
        "title": "Traders return to Hyesan market",
        "body": "Prices fell as traders came back.",
        "status": "draft",
        "tags": [{"name": "Hyesan", "kind": "place"}],
        "photos": [{"caption": "The market at dawn", "credit": "Daily NK"}],
        "credits": [{"role": "author", "name": "Jeong Tae-joo"}],
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    run_import(path)
    article = Article.objects.get(external_id="dnk-1")

    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("edith")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # Edit: a new title, a tag swapped and the photo deleted.
    page.goto(f"{live_server.url}/admin/archive/article/{article.pk}/change/")
    page.get_by_label("Title:").fill("Traders leave Hyesan market")
    page.locator(".field-article_tags .select2-selection__choice__remove").first.click()
    page.locator(".field-article_tags .select2-search__field").fill("smuggl")
    page.locator(".select2-results__option", has_text="Smuggling").click()
    page.locator("#photos-group input[name='photos-0-DELETE']").check()
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.get_by_role("link", name="History").click()
    rows = page.locator("#change-history tr.version")
    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator(".author")).to_have_text("edith")
    expect(rows.nth(0).locator(".changes")).to_contain_text("changed title")
    expect(rows.nth(0).locator(".changes")).to_contain_text("photo removed: The market at dawn")
    expect(rows.nth(1).locator(".author")).to_have_text(f"import of {path}")
    shot(page, "1-versions")

    rows.nth(1).get_by_role("link", name="Revert to this version").click()
    expect(page.locator("#version-state")).to_contain_text("Traders return to Hyesan market")
    expect(page.locator("#version-state")).to_contain_text("Hyesan")
    expect(page.locator("#version-state")).to_contain_text("The market at dawn")
    shot(page, "2-revert-page")
    page.locator("#revert-button").click()
    expect(page.locator(".messagelist")).to_contain_text("Reverted to the version of")
    expect(rows).to_have_count(3)
    expect(rows.nth(0).locator(".author")).to_contain_text("edith: revert to the version of")
    shot(page, "3-reverted")

    article.refresh_from_db()
    assert article.title == "Traders return to Hyesan market"
    assert [t.name for t in article.tags.all()] == ["Hyesan"]
    assert list(article.photos.values_list("caption", "credit")) == [("The market at dawn", "Daily NK")]
    assert list(article.credits.values_list("name", flat=True)) == ["Jeong Tae-joo"]
