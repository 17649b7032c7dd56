"""Photos on the reader site: thumbnails beside results, the caption's own photo, and pages in a browser."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from playwright.sync_api import expect

from archive import renditions
from tests.factories import make_article, make_tag
from tests.photo_support import make_photo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]


def result_images(response) -> dict[str, str]:
    """Result title → the src of the thumbnail beside it (results without one are left out)."""
    assert response.status_code == 200
    block = response.content.decode().split('<ol class="article-list results"', 1)[1].split("</ol>", 1)[0]
    found = {}
    for item in block.split("<li")[1:]:
        title = re.search(r'<h3><a href="[^"]+">([^<]+)</a></h3>', item).group(1)
        image = re.search(r'<img class="result-photo" src="([^"]+)"', item)
        if image:
            found[title] = image.group(1)
    return found


def made(photo):
    renditions.make_renditions([photo.pk])
    photo.refresh_from_db()
    return photo


def test_results_show_the_first_photos_thumbnail(media_root, client):
    with_photos = make_article("Granary report one", body="The granary stood empty.")
    first = made(make_photo(with_photos, caption="A silo", position=0))
    made(make_photo(with_photos, caption="A truck", position=1))
    make_article("Granary report two", body="The granary was full.", captions=["A caption without an image"])
    images = result_images(client.get("/search/?q=granary"))
    assert images == {"Granary report one": renditions.thumbnail_of(first).url}


def test_a_result_whose_snippet_came_from_a_caption_shows_that_photo(media_root, client):
    article = make_article("Weekly market notes", body="Prices rose again this week.")
    made(make_photo(article, caption="Stalls at the Hyesan market", position=0))
    ferry = made(make_photo(article, caption="A ferry crossing the frozen Yalu at dawn", position=1))
    made(make_photo(article, caption="Traders counting money", position=2))
    response = client.get("/search/?q=ferry")
    assert "Photo caption:" in response.content.decode()  # the snippet is the caption's
    assert result_images(response) == {"Weekly market notes": renditions.thumbnail_of(ferry).url}


def test_before_renditions_exist_a_result_shows_the_original_scaled(media_root, client):
    article = make_article("Railway report", body="The railway reopened.")
    photo = make_photo(article, caption="The station")
    assert result_images(client.get("/search/?q=railway")) == {"Railway report": photo.image.url}


def test_tag_pages_show_thumbnails_too(media_root, client):
    tag = make_tag("Railways")
    article = make_article("Station rebuilt", tags=[tag])
    photo = made(make_photo(article, caption="The new station"))
    assert result_images(client.get(tag.get_absolute_url())) == {"Station rebuilt": renditions.thumbnail_of(photo).url}


def test_the_results_page_reads_photos_in_one_query(media_root, client):
    for n in range(5):
        made(make_photo(make_article(f"Harbour report {n}", body="The harbour froze."), caption=f"Ice {n}"))
    with CaptureQueriesContext(connection) as queries:
        images = result_images(client.get("/search/?q=harbour"))
    assert len(images) == 5
    assert sum('FROM "archive_photo"' in q["sql"] for q in queries.captured_queries) == 1


# ---------------------------------------------------------------------------------------- in a browser


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_photos_load_in_a_browser_lazily_with_the_right_size(live_server, page, media_root):
    article = make_article("Photo essay: the river", body="The river in winter.\n\nAnd in spring.")
    photos = [
        made(make_photo(article, caption=f"The river, view {n}", credit="Daily NK", position=n, size=(1600, 900)))
        for n in range(3)
    ]
    page.set_viewport_size({"width": 480, "height": 800})
    page.goto(live_server.url + article.get_absolute_url())
    first = page.locator(".photos figure img").first
    expect(first).to_have_attribute("loading", "lazy")
    first.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=first.element_handle())
    # A phone-sized screen is given a rendition, not the 1600-pixel original.
    chosen = first.evaluate("img => img.currentSrc")
    assert chosen.endswith(tuple(r.url for r in renditions.renditions_of(photos[0]) if r.name in ("w480", "w960")))
    assert first.evaluate("img => img.naturalWidth") in (480, 960)
    expect(page.locator(".photos figcaption").first).to_contain_text("The river, view 0")
    expect(page.locator(".photos figcaption .credit").first).to_have_text("Photo: Daily NK")

    page.goto(live_server.url + "/search/?q=river")
    thumbnail = page.locator(".results img.result-photo").first
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle())
    assert thumbnail.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [240, 180]


def list_images(html: str) -> dict[str, str]:
    """Article title → thumbnail src, for the article lists of a page (home, a month, related)."""
    found = {}
    for item in html.split("<li")[1:]:
        title = re.search(r'<h3><a href="[^"]+">([^<]+)</a></h3>', item)
        image = re.search(r'<img class="result-photo" src="([^"]+)"', item)
        if title and image:
            found[title.group(1)] = image.group(1)
    return found


def test_article_lists_show_thumbnails(media_root, client):
    from datetime import UTC, datetime

    when = datetime(2024, 5, 3, 12, tzinfo=UTC)
    topic = make_tag("Fishing")
    pictured = make_article("Boats return to Sinpo", published_at=when, tags=[topic], body="Fishing boats returned.")
    photo = made(make_photo(pictured, caption="Boats at the quay"))
    plain = make_article("Quota raised", published_at=when, tags=[topic], body="Fishing quota raised.")
    thumbnail = renditions.thumbnail_of(photo).url

    assert list_images(client.get("/").content.decode()) == {"Boats return to Sinpo": thumbnail}
    assert list_images(client.get("/archive/2024/5/").content.decode()) == {"Boats return to Sinpo": thumbnail}
    related = client.get(plain.get_absolute_url()).content.decode().split('id="related-title"', 1)[1]
    assert list_images(related) == {"Boats return to Sinpo": thumbnail}
