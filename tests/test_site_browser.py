"""The reader site in a real browser: search, refine, page, read, suggestions and keyboard-only use.

Screenshots go to test-artifacts/ so a person can look at the pages a run produced.
"""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from archive.models import Article, ArticleTag, Credit, Photo, Tag
from tests.factories import make_source, make_tag

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

ADJECTIVES = ("New", "Higher", "Electrified", "Longer")
BODY = (
    "Residents of {place} said the new {thing} went up over the winter, with cameras every few hundred metres.\n\n"
    "## What residents saw\n\n"
    "Traders who once crossed the river at night now pay brokers far more, a source in {place} said.\n\n"
    "Guards on both banks have been told to report any movement near the {thing}."
)


def shot(page, name: str, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"site-{name}.png"), full_page=full_page)


@pytest.fixture
def reader_archive():
    """Thirty-four articles across sources, places, topics and years: enough for facets and two pages.

    Written in bulk (a handful of statements) because a transactional test pays for every commit.
    """
    sources = [
        make_source(name="Daily NK", slug="daily-nk"),
        make_source(name="Radio Free Asia", slug="rfa"),
        make_source(name="NK News", slug="nk-news"),
    ]
    topics = [make_tag("Border fence"), make_tag("Smuggling"), make_tag("Defection"), make_tag("Trade")]
    places = [make_tag(name, kind=Tag.Kind.PLACE) for name in ("Hyesan", "Sinuiju", "Musan", "Changbai")]
    things = ["fence", "fence and wire", "fence line", "border fence"]
    articles = Article.objects.bulk_create(
        Article(
            title=f"{ADJECTIVES[n % 4]} fence near {places[n % 4].name}, report {n + 1}",
            slug=f"fence-report-{n + 1}",
            dek=f"Construction along the river near {places[n % 4].name} changes life for traders.",
            body=BODY.format(place=places[n % 4].name, thing=things[n % 4]),
            source=sources[n % 3],
            original_url="https://example.org/report",
            status=Article.Status.PUBLISHED,
            published_at=datetime(2016 + n % 9, n % 12 + 1, n % 27 + 1, tzinfo=UTC),
        )
        for n in range(34)
    )
    ArticleTag.objects.bulk_create(
        ArticleTag(article=article, tag=tag)
        for n, article in enumerate(articles)
        for tag in (topics[n % 4], topics[(n + 1) % 4], places[n % 4])
    )
    Photo.objects.bulk_create(
        Photo(
            article=article,
            caption=f"The {things[n % 4]} on the river bank near {places[n % 4].name}.",
            credit="Daily NK",
        )
        for n, article in enumerate(articles)
    )
    authors = ["Kim Min-ji", "Lee Sang-yong", "Jang Seul-gi"]
    Credit.objects.bulk_create(
        credit
        for n, article in enumerate(articles)
        for credit in (
            Credit(article=article, role="author", name=authors[n % 3], position=0),
            Credit(article=article, role="translator", name="Jeong Tae-joo", position=1),
        )
    )


def test_search_refine_page_and_read(live_server, page, reader_archive):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Search the border archive")).to_be_visible()
    shot(page, "home")

    page.get_by_label("Search the archive").fill("fence")
    page.keyboard.press("Enter")
    expect(page.locator("#results-count")).to_contain_text("34 articles")
    expect(page.locator("mark").first).to_be_visible()
    shot(page, "results")

    page.locator(".year-chart a[aria-label^='2019']").click()
    expect(page).to_have_url(re.compile(r"year=2019"))
    page.get_by_role("link", name=re.compile("Year: 2019")).click()
    expect(page).not_to_have_url(re.compile(r"year="))

    page.locator(".facets").get_by_role("link", name=re.compile(r"^Hyesan")).click()
    expect(page).to_have_url(re.compile(r"place=hyesan"))
    expect(page.locator("#results-count")).to_contain_text("9 articles")
    expect(page.get_by_role("link", name=re.compile("Place: Hyesan"))).to_be_visible()
    shot(page, "results-refined")

    page.get_by_role("link", name=re.compile("Place: Hyesan")).click()
    expect(page.locator("#results-count")).to_contain_text("34 articles")
    page.get_by_role("link", name=re.compile("^Next")).first.click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page.locator("ol.results > li")).to_have_count(14)

    first = page.locator("ol.results h3 a").first
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("heading", name="What residents saw")).to_be_visible()
    expect(page.locator("figcaption").first).to_contain_text("river bank")
    shot(page, "article")


def test_suggestions_as_you_type(live_server, page, reader_archive):
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name="Search the archive")
    box.press_sequentially("Hye", delay=40)
    option = page.get_by_role("option", name=re.compile("Hyesan"))
    expect(option.first).to_be_visible()
    shot(page, "suggestions")
    box.press("ArrowDown")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/tags/hyesan/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hyesan")
    shot(page, "place")


def test_keyboard_only(live_server, page, reader_archive):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")

    # Tab to the search box, type, submit with Enter.
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "q":
            break
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.type("fence")
    page.keyboard.press("Enter")
    expect(page.locator("#results-count")).to_contain_text("34 articles")

    # Tab on to the first result; the focus ring is visible, and Enter opens it.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('ol.results h3')"):
            break
    focused = page.evaluate("document.activeElement.textContent")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    shot(page, "keyboard-focus")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(focused)


def test_works_without_javascript_on_a_phone(live_server, browser, reader_archive):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, "phone-home")
    page.get_by_role("searchbox", name="Search the archive").fill("smuggling")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#results-count")).to_contain_text("articles")
    page.locator("#date-from").fill("2020-01-01")
    page.get_by_role("button", name="Apply dates").click()
    expect(page).to_have_url(re.compile(r"from=2020-01-01"))
    expect(page.get_by_role("link", name=re.compile("From: 2020-01-01"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, "phone-results")
    context.close()


def test_every_page_renders_cleanly(live_server, page, reader_archive):
    """Each kind of page loads with no browser error (missing file, script error, anything the
    Content-Security-Policy blocks) and no sideways scroll."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    pages = {
        "search-start": "/search/",
        "tag": "/tags/smuggling/",
        "source": "/sources/daily-nk/",
        "tags": "/tags/",
        "places": "/places/",
        "sources": "/sources/",
        "by-date": "/archive/",
        "year": "/archive/2019/",
        "month": "/archive/2019/4/",
        "no-results": "/search/?q=zzzyqx&tag=trade",
        "bad-input": "/search/?q=fence&year=abc&tag=unknown",
        "not-found": "/articles/nothing-here/",
    }
    for name, path in pages.items():
        errors.clear()
        response = page.goto(live_server.url + path)
        expected = 404 if name == "not-found" else 200
        assert response.status == expected, path
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
        assert page.title(), path
        # The browser reports the 404 document itself as a failed load; nothing else may fail.
        assert [e for e in errors if not (expected == 404 and "status of 404" in e)] == [], (path, errors)
        shot(page, name)
