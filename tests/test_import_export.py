"""export_archive writes the interchange format; importing it into an empty archive reproduces it."""

import json
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from archive.models import Article, Source, Tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(make_article, make_tag, make_source):
    daily = make_source(name="Daily NK", slug="daily-nk", homepage="https://www.dailynk.com/english/")
    hyesan = make_tag("Hyesan", kind="place", aliases=["혜산", "Hyesan-si"])
    mss = make_tag("Ministry of State Security", kind="organization", aliases=["MSS", "Bowibu"])
    make_article(
        "Fence goes up",
        dek="A dek",
        body="First.\n\n## Subhead\n\nSecond.",
        source=daily,
        tags=[hyesan, mss],
        captions=["A fence"],
        credits=[("translator", "David Black"), ("editor", "Robert Lauler")],
        external_id="dnk-1",
        original_url="https://www.dailynk.com/english/fence/",
        published_at=datetime(2025, 3, 17, 9, 30, tzinfo=UTC),
    )
    make_article("A draft without source", status="draft", body="Draft text.", needs_title=True)
    make_article("Embargoed", publish_at=datetime.now(UTC) + timedelta(days=2), language="ko", body="혜산 소식")
    make_article("Archived piece", status="archived", source=daily, tags=[hyesan])
    Article.objects.filter(title="Fence goes up").update(slug="fence-custom-slug")


def export(path) -> list[dict]:
    call_command("export_archive", str(path), stdout=StringIO())
    return [json.loads(row) for row in path.read_text(encoding="utf-8").splitlines()]


def test_export_writes_every_status_with_photos_credits_and_tag_aliases(archive, tmp_path):
    records = export(tmp_path / "a.jsonl")
    assert [r["status"] for r in records] == ["published", "draft", "published", "archived"]
    fence = records[0]
    assert fence["source"] == {"name": "Daily NK", "slug": "daily-nk", "homepage": "https://www.dailynk.com/english/"}
    assert {"name": "Hyesan", "kind": "place", "aliases": ["Hyesan-si", "혜산"]} in fence["tags"]
    assert fence["photos"] == [{"caption": "A fence", "credit": ""}]
    assert fence["credits"] == [
        {"role": "translator", "name": "David Black"},
        {"role": "editor", "name": "Robert Lauler"},
    ]
    assert fence["slug"] == "fence-custom-slug"
    assert records[2]["publish_at"] is not None


def test_round_trip_into_an_empty_archive_reproduces_it(archive, tmp_path):
    before = export(tmp_path / "before.jsonl")
    vectors = dict(Article.objects.values_list("title", "search_vector"))
    Article.objects.all().delete()
    Tag.objects.all().delete()
    Source.objects.all().delete()
    call_command("import_articles", str(tmp_path / "before.jsonl"), stdout=StringIO())
    after = export(tmp_path / "after.jsonl")
    assert after == before
    assert dict(Article.objects.values_list("title", "search_vector")) == vectors
    assert Tag.objects.get(name="Hyesan").kind == "place"


def test_export_to_stdout_with_a_status_filter(archive, capsys):
    call_command("export_archive", "-", "--status", "archived")
    rows = capsys.readouterr().out.strip().splitlines()
    assert [json.loads(r)["title"] for r in rows] == ["Archived piece"]
