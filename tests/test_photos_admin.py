"""Photos in the admin: previews, several uploaded at once, clear refusals, reordering (in a browser too)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from archive.models import Article, Photo
from tests.admin_support import article_form_data
from tests.factories import make_article, make_user
from tests.jobs_support import clear_queue, run_worker
from tests.photo_support import image_bytes, make_photo

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-for-the-photo-test"


def change_url(article) -> str:
    return f"/admin/archive/article/{article.pk}/change/"


def upload(name: str, data: bytes, content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type)


@pytest.mark.django_db(transaction=True)
def test_several_photos_are_uploaded_at_once_and_get_renditions(media_root, editor_client):
    clear_queue()
    article = make_article("Flood report")
    make_photo(article, caption="Already here", position=0)
    data = article_form_data(article) | {
        "add_photos": [
            upload("river.jpg", image_bytes(size=(800, 600))),
            upload("bridge.png", image_bytes("PNG", size=(500, 400)), "image/png"),
        ]
    }
    response = editor_client.post(change_url(article), data, follow=True)
    assert response.status_code == 200
    assert "Added 2 photos" in response.content.decode()
    photos = list(article.photos.all())
    assert [p.caption for p in photos] == ["Already here", "", ""]
    assert [(Path(p.image.name).name, p.width, p.height) for p in photos[1:]] == [
        ("river.jpg", 800, 600),
        ("bridge.png", 500, 400),
    ]
    assert not any(p.renditions_made_at for p in photos)  # not in the editor's request
    run_worker()
    assert all(p.renditions_made_at is not None for p in article.photos.all())


def test_a_bad_file_among_several_is_named_and_nothing_is_saved(media_root, editor_client):
    article = make_article("Flood report")
    data = article_form_data(article, title="Flood report, updated") | {
        "add_photos": [upload("river.jpg", image_bytes(size=(80, 60))), upload("notes.jpg", b"%PDF-1.7 not an image")]
    }
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200  # the form again, with the error
    assert "notes.jpg: This file is not an image; upload JPEG, PNG, GIF or WebP." in response.content.decode()
    assert Article.objects.get(pk=article.pk).title == "Flood report"
    assert not Photo.objects.filter(article=article).exists()


def test_a_decompression_bomb_in_the_inline_gets_a_clear_error(media_root, editor_client, settings):
    from tests.test_photos_images import huge_png

    settings.PHOTO_MAX_PIXELS = 20_000_000
    article = make_article("Flood report")
    data = article_form_data(article, photos=[("A bomb", "Nobody")]) | {
        "photos-0-image": upload("bomb.png", huge_png(30_000, 30_000), "image/png")
    }
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    assert "a photo may have at most 20 megapixels" in response.content.decode()
    assert not Photo.objects.filter(article=article).exists()


def test_the_inline_previews_each_photo(media_root, editor_client):
    article = make_article("Flood report")
    photo = make_photo(article, caption="The flooded road", size=(640, 480))
    page = editor_client.get(change_url(article)).content.decode()
    assert f'<img src="{photo.image.url}" width="120" alt="The flooded road" class="photo-preview">' in page
    assert "640 × 480" in page
    assert 'accept="image/jpeg,image/png,image/gif,image/webp"' in page


@pytest.mark.django_db(transaction=True)
def test_a_replaced_image_gets_new_renditions(media_root, editor_client):
    from archive import renditions

    clear_queue()
    article = make_article("Flood report")
    photo = make_photo(article, caption="The road", size=(640, 480))
    renditions.make_renditions([photo.pk])
    data = article_form_data(article) | {"photos-0-image": upload("road.jpg", image_bytes(size=(300, 200)))}
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.width, photo.height, photo.renditions_made_at) == (300, 200, None)
    run_worker()
    photo.refresh_from_db()
    assert photo.renditions_made_at is not None
    assert [r.width for r in renditions.renditions_of(photo)] == [240, 300]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_drags_a_photo_to_the_top(live_server, page, media_root):
    make_user("edith", group="Editors", password=PASSWORD)
    article = make_article("Photo essay")
    for n, caption in enumerate(["First", "Second", "Third"]):
        make_photo(article, caption=caption, position=n + 1, size=(120, 90))

    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("edith")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}{change_url(article)}")
    rows = page.locator("#photos-group tbody tr.form-row.has_original")
    expect(rows).to_have_count(3)
    expect(rows.first.locator("img.photo-preview")).to_be_visible()
    # Drag the third row by its handle (the row's heading) above the first.
    rows.nth(2).locator("td.original p").drag_to(rows.nth(0).locator("td.original p"), target_position={"x": 5, "y": 1})
    expect(rows.first).to_contain_text("Third")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert [p.caption for p in Article.objects.get(pk=article.pk).photos.all()] == ["Third", "First", "Second"]


def test_adding_photos_in_bulk_needs_the_add_photo_permission(media_root, client):
    from django.contrib.auth.models import Group

    editor = make_user(group="Editors")
    without = Group.objects.create(name="Editors without photo uploads")
    without.permissions.set(Group.objects.get(name="Editors").permissions.exclude(codename="add_photo"))
    editor.groups.set([without])
    client.force_login(editor)
    article = make_article("Flood report")
    assert "Add photos" not in client.get(change_url(article)).content.decode()
    data = article_form_data(article) | {"add_photos": [upload("river.jpg", image_bytes(size=(80, 60)))]}
    response = client.post(change_url(article), data | {"title": "Flood report, updated"})
    assert response.status_code == 302  # the article was saved …
    assert Article.objects.get(pk=article.pk).title == "Flood report, updated"
    assert not Photo.objects.filter(article=article).exists()  # … without the photos
