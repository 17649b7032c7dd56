"""Photos in S3-compatible storage (MEDIA_STORAGE_BACKEND = django-storages' S3Storage), against a local S3 server.

The server is moto's, on 127.0.0.1 over real HTTP; boto3 talks to it as to any S3-compatible store.
"""

import io
import json
import urllib.request
from io import StringIO

import boto3
import pytest
from django.core.management import call_command
from moto.server import ThreadedMotoServer
from PIL import Image

from archive import renditions
from archive.models import Photo
from tests.factories import make_article
from tests.photo_support import image_bytes, make_photo

pytestmark = pytest.mark.django_db

BUCKET = "archive-photos"
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{BUCKET}/*"}
    ],
}


@pytest.fixture
def s3(settings, monkeypatch):
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test-key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    # As docs/photos.md asks: a bucket whose objects anyone may read (photos of published articles).
    client.create_bucket(Bucket=BUCKET, ACL="public-read")
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))
    settings.AWS_STORAGE_BUCKET_NAME = BUCKET
    settings.AWS_S3_ENDPOINT_URL = endpoint
    settings.AWS_S3_REGION_NAME = "us-east-1"
    settings.AWS_S3_ADDRESSING_STYLE = "path"
    settings.STORAGES = settings.STORAGES | {"default": {"BACKEND": "storages.backends.s3.S3Storage"}}
    yield client
    server.stop()


def fetch(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310  # the local test server
        return response.status, response.headers, response.read()


def test_photos_and_renditions_live_in_the_bucket_and_are_served_from_it(s3, client):
    article = make_article("Harbour in winter")
    photo = make_photo(article, caption="Ice in the harbour", size=(1000, 600))
    renditions.make_renditions([photo.pk])
    photo.refresh_from_db()

    status, headers, body = fetch(photo.image.url)
    assert photo.image.url.startswith(f"http://127.0.0.1:{s3.meta.endpoint_url.rsplit(':', 1)[1]}/{BUCKET}/photos/")
    assert "Signature" not in photo.image.url  # public photos, plain URLs
    assert (status, headers["Content-Type"]) == (200, "image/jpeg")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert body == image_bytes(size=(1000, 600))

    thumbnail = renditions.thumbnail_of(photo)
    status, headers, body = fetch(thumbnail.url)
    assert headers["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(body)).size == (240, 180)

    page = client.get(article.get_absolute_url()).content.decode()
    assert f"{renditions.renditions_of(photo)[1].url} 480w" in page


def test_two_photos_of_the_same_name_do_not_overwrite_each_other(s3):
    article = make_article()
    first = make_photo(article, size=(100, 100))
    second = make_photo(article, size=(200, 100))
    assert first.image.name != second.image.name
    assert Image.open(io.BytesIO(fetch(first.image.url)[2])).size == (100, 100)


def test_export_copies_images_out_of_the_bucket(s3, tmp_path):
    photo = make_photo(make_article(), caption="From the bucket", size=(300, 200))
    call_command("export_archive", str(tmp_path / "out.jsonl"), stdout=StringIO())
    record = json.loads((tmp_path / "out.jsonl").read_text().splitlines()[0])
    exported = record["photos"][0]["image"]
    assert exported == f"out-images/{photo.image.name}"
    assert (tmp_path / exported).read_bytes() == image_bytes(size=(300, 200))
    assert Photo.objects.get(pk=photo.pk).width == 300
