"""The interchange record: what a JSON line may hold, and the clear error when it may not."""

import json

import pytest

from archive.importers.record import RecordError, TagRef, from_dict, from_json


def test_minimal_record_and_defaults():
    record = from_json('{"title": "Fence", "body": "Text."}')
    assert (record.title, record.body, record.language, record.status, record.tags) == (
        "Fence",
        "Text.",
        "en",
        None,
        [],
    )
    assert record.import_key == record.content_hash


def test_full_record_round_trips_through_json():
    data = {
        "external_id": "dnk-1",
        "source": {"name": "Daily NK", "slug": "daily-nk", "homepage": "https://www.dailynk.com/english/"},
        "url": "https://www.dailynk.com/english/a/",
        "title": "Fence",
        "needs_title": False,
        "dek": "Dek",
        "body": "One.\n\n## Sub\n\nTwo.",
        "published_at": "2025-03-17T00:00:00+00:00",
        "language": "en",
        "status": "archived",
        "tags": [{"name": "Hyesan", "kind": "place", "aliases": ["혜산"]}],
        "photos": [{"caption": "A fence", "credit": "Wikimedia Commons"}],
        "credits": [{"role": "editor", "name": "Robert Lauler"}],
        "slug": "fence",
    }
    assert json.loads(from_dict(data).to_json()) == data


def test_plain_forms_are_accepted():
    record = from_dict(
        {
            "title": "T",
            "body": "B",
            "source": "Daily NK",
            "tags": ["Hyesan", "hyesan", "Smuggling"],
            "photos": ["A caption"],
            "external_id": 42,
            "published_at": "2025-03-17",
            "unknown": 1,
        }
    )
    assert record.source.name == "Daily NK"
    assert record.tags == [TagRef("Hyesan", ""), TagRef("Smuggling", "")]
    assert record.photos[0].caption == "A caption"
    assert record.external_id == "42"
    assert record.published_at.isoformat() == "2025-03-17T00:00:00+00:00"


def test_missing_title_is_derived_and_flagged():
    record = from_dict({"body": "Soldiers built a fence near Hyesan. It took weeks."})
    assert record.title == "Soldiers built a fence near Hyesan"
    assert record.needs_title


@pytest.mark.parametrize(
    "data, message",
    [
        ('{"title": "T"', "not valid JSON"),
        ('"just a string"', "expected a JSON object, found a string"),
        ('{"title": "", "body": " "}', "title and body are both empty"),
        ('{"title": 5, "body": "b"}', "title: expected a string, found a number"),
        ('{"title": "T", "status": "live"}', "status: 'live' is not one of draft, review, published, archived"),
        ('{"title": "T", "tags": "Hyesan"}', "tags: expected an array, found a string"),
        ('{"title": "T", "tags": [{"kind": "place"}]}', r"tags\[0\].name: is empty"),
        ('{"title": "T", "credits": [{"role": "ghost", "name": "X"}]}', r"credits\[0\].role: 'ghost'"),
        ('{"title": "T", "photos": [3]}', r"photos\[0\]: expected an object"),
        ('{"title": "T", "published_at": "17/03/2025"}', "published_at: '17/03/2025' is not an ISO 8601 date"),
        ('{"title": "T", "needs_title": "yes"}', "needs_title: expected true or false"),
        ('{"title": "' + "x" * 501 + '"}', "title: longer than 500 characters"),
        ('{"title": "T\\u0000"}', "title: contains a NUL character"),
        ("[" * 100000 + "]" * 100000, "not valid JSON"),
    ],
)
def test_bad_records_say_what_is_wrong(data, message):
    with pytest.raises(RecordError, match=message):
        from_json(data)
