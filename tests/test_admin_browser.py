"""An editor in a real browser: log in, edit a draft, add a tag, publish, and see it on the site.

Screenshots go to test-artifacts/ (admin-*.png).
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from archive.models import Article
from tests.factories import make_article, make_tag, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PASSWORD = "a-long-password-for-the-browser-test"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"admin-{name}.png"), full_page=True)


def test_editor_edits_tags_and_publishes_a_draft(live_server, page):
    make_user("edith", group="Editors", password=PASSWORD)
    make_tag("Smuggling", aliases=["smugglers"])
    article = make_article(
        "Traders return to Hyesan market", body="Prices fell as traders came back.", status=Article.Status.DRAFT
    )

    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("edith")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#dashboard")).to_contain_text("Drafts: 1")
    shot(page, "1-dashboard")

    page.get_by_role("link", name="Articles", exact=True).first.click()
    page.get_by_role("link", name="Traders return to Hyesan market").click()
    page.get_by_label("Title:").fill("Traders return to Hyesan market after the crackdown")
    # The tag field is an autocomplete that also searches aliases.
    page.locator(".field-article_tags .select2-selection").click()
    page.locator(".select2-search__field").fill("smuggl")
    page.locator(".select2-results__option", has_text="Smuggling").click()
    page.get_by_label("Status:").select_option("published")
    shot(page, "2-edit-form")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    shot(page, "3-saved")

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert [t.name for t in article.tags.all()] == ["Smuggling"]

    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(page.locator("h1")).to_have_text("Traders return to Hyesan market after the crackdown")
    expect(page.locator("body")).to_contain_text("Smuggling")
    shot(page, "4-on-the-site")
