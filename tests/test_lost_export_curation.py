"""export_archive also writes synonym groups, promotions and partners; importing them back reproduces them."""

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from archive.models import Article, Partner, PartnerAPIKey, Promotion, Source, SynonymGroup, Tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(make_article, make_tag):
    border = make_tag("Quarterly grain panel", kind="topic")
    fence = make_article("Fence goes up", tags=[border], captions=["A fence"])
    famine = make_article("Famine returns")
    SynonymGroup.objects.create(terms=["defector", "escapee", "runaway"])
    SynonymGroup.objects.create(terms=["Pyongyang", "the capital"], one_way=True, is_active=False, note="Off for now")
    Promotion.objects.create(article=famine, query="famine", position=1, note="Lead story")
    Promotion.objects.create(
        article=fence, tag=border, starts_at=datetime(2025, 3, 1, tzinfo=UTC), ends_at=datetime(2025, 4, 1, tzinfo=UTC)
    )
    partner = Partner.objects.create(
        name="Asia Press", contact_email="desk@example.org", rate_limit="500/hour", notes="Weekly"
    )
    partner.create_key()
    Partner.objects.create(name="Suspended Wire", is_active=False)


def export(path) -> list[dict]:
    call_command("export_archive", str(path), stdout=StringIO())
    return [json.loads(row) for row in path.read_text(encoding="utf-8").splitlines()]


def test_export_writes_other_kinds_after_the_articles_without_key_hashes(archive, tmp_path):
    records = export(tmp_path / "a.jsonl")
    assert [r.get("kind") for r in records] == [
        None,
        None,
        "synonym_group",
        "synonym_group",
        "promotion",
        "promotion",
        "partner",
        "partner",
    ]
    assert records[3] == {
        "kind": "synonym_group",
        "terms": ["Pyongyang", "the capital"],
        "one_way": True,
        "is_active": False,
        "note": "Off for now",
    }
    assert records[4]["article"] == Article.objects.get(title="Famine returns").slug and records[4]["query"] == "famine"
    assert records[5]["tag"] == "quarterly-grain-panel" and records[5]["query"] == ""
    assert records[6] == {
        "kind": "partner",
        "name": "Asia Press",
        "contact_email": "desk@example.org",
        "notes": "Weekly",
        "rate_limit": "500/hour",
        "is_active": True,
    }
    hashed = PartnerAPIKey.objects.get().hashed_key
    assert hashed not in (tmp_path / "a.jsonl").read_text()


def test_round_trip_into_an_empty_archive_reproduces_them_and_a_second_import_changes_nothing(archive, tmp_path):
    before = export(tmp_path / "before.jsonl")
    for model in (Promotion, SynonymGroup, Partner, Article, Tag, Source):
        model.objects.all().delete()
    out = StringIO()
    call_command("import_articles", str(tmp_path / "before.jsonl"), stdout=out)
    assert "8 created, 0 updated, 0 unchanged, 0 failed" in out.getvalue()
    assert export(tmp_path / "after.jsonl") == before
    assert Promotion.objects.get(query="famine").normalized_query == "famine"

    out = StringIO()
    call_command("import_articles", str(tmp_path / "before.jsonl"), stdout=out)
    assert "0 created, 0 updated, 8 unchanged, 0 failed" in out.getvalue()
    assert SynonymGroup.objects.count() == 2 and Promotion.objects.count() == 2 and Partner.objects.count() == 2


def test_bad_lines_of_other_kinds_fail_alone_with_their_line_numbers(make_article, tmp_path):
    make_article("Kept", slug="kept")
    path = tmp_path / "extras.jsonl"
    path.write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                {"kind": "synonym_group", "terms": ["lonely"]},
                {"kind": "promotion", "article": "no-such-article", "query": "x"},
                {"kind": "partner", "name": "Bad Rate", "rate_limit": "lots"},
                {"kind": "poem", "text": "?"},
                {"kind": "partner", "name": "Null\u0000Wire"},
                {"kind": "promotion", "article": "kept", "query": "kept"},
            ]
        )
        + "\n"
        + '{"kind": "synonym_group", "terms": ["\\ud800", "b"]}\n',
        encoding="utf-8",
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", str(path), stdout=StringIO(), stderr=err)
    # Lines of other kinds are saved after the file's articles, so their errors may come out of order.
    lines = sorted(err.getvalue().strip().splitlines(), key=lambda line: int(line.split(f"{path}:")[1].split(":")[0]))
    assert [line.split(f"{path}:")[1].split(":")[0] for line in lines] == ["1", "2", "3", "4", "5", "7"]
    assert "terms: expected an array of at least two" in lines[0]
    assert "no article with the slug 'no-such-article'" in lines[1]
    assert "rate_limit" in lines[2]
    assert "kind: 'poem' is not one of" in lines[3]
    assert "name: contains a NUL character" in lines[4]
    assert "terms: contains a NUL character or an unpaired surrogate" in lines[5]
    assert list(Promotion.objects.values_list("query", flat=True)) == ["kept"]
    assert not Partner.objects.exists()
