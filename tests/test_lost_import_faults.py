"""The importer under faults: random bytes, huge files, odd Unicode and wrong-shaped JSON.

Whatever it is fed, each bad file or line gets one error line naming the file (and line), never a
traceback; nothing is half-written, and the command exits non-zero.
"""

import json
import tempfile
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.models import Article, Photo
from tests.commands import run_import

pytestmark = pytest.mark.django_db


def line(data) -> str:
    return json.dumps(data, ensure_ascii=False) + "\n"


def errors_of(err: str) -> list[str]:
    lines = err.strip().splitlines()
    assert all(e.startswith("error: ") and "Traceback" not in e for e in lines), err
    return lines


# ------------------------------------------------------------------------------------------ random bytes


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".txt", ".jsonl"]))
def test_random_bytes_import_or_fail_with_one_line_naming_the_file(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"random{suffix}"
        path.write_bytes(data)
        before = Article.objects.count()
        out, err, error = run_import(path)
        lines = errors_of(err)
        assert all(str(path) in e for e in lines), err
        if error is None:
            assert lines == []
        else:
            assert lines, "a failed run says why"
        if suffix == ".txt" and error is not None:
            assert Article.objects.count() == before


# ------------------------------------------------------------------------------------------- huge files


def test_fifty_megabyte_raw_text_is_refused_clearly(tmp_path):
    path = tmp_path / "dump.txt"
    with open(path, "wb") as f:
        f.write(b"Headline\n\n")
        f.write(b"A paragraph of a very long dump, repeated until it is far too long.\n" * (50 * 10**6 // 68))
    out, err, error = run_import(path)
    assert error is not None
    [message] = errors_of(err)
    assert f"{path}: too large for one article" in message
    assert Article.objects.count() == 0


def test_fifty_megabyte_json_lines_of_mixed_lines_imports_the_good_ones(tmp_path):
    path = tmp_path / "export.jsonl"
    bad = [
        line(["an", "array"]),
        line(42),
        line({"title": {"nested": "object"}, "body": "x"}),
        "{broken\n",
        line({"body": ""}),
    ]
    padding = "word " * 2000  # about 10 kB a line keeps the line count (and the database's work) small
    good_ids, bad_lines, number = [], [], 0
    with open(path, "w", encoding="utf-8") as f:
        while f.tell() < 50 * 10**6:
            number += 1
            if number % 500 == 0:
                f.write(bad[(number // 500) % len(bad)])
                bad_lines.append(number)
            else:
                f.write(line({"title": f"Line {number}", "body": padding, "external_id": f"big-{number}"}))
                good_ids.append(f"big-{number}")
    assert path.stat().st_size >= 50 * 10**6
    started = time.monotonic()
    out, err, error = run_import(path)
    assert time.monotonic() - started < 60
    assert error is not None
    lines = errors_of(err)
    assert [int(e.split(f"{path}:")[1].split(":")[0]) for e in lines] == bad_lines
    assert f"{len(good_ids)} created, 0 updated, 0 unchanged, {len(bad_lines)} failed" in out
    assert Article.objects.count() == len(good_ids)


# ------------------------------------------------------------------------------------------ odd Unicode


ODD = [
    "Cafe\u0301 Z\u0351\u0352\u0353\u0354algo\u0300\u0301\u0302",  # combining marks, stacked
    "\u05e9\u05dc\u05d5\u05dd \u202eevil\u202c and \u0645\u0631\u062d\u0628\u0627",  # RTL and a bidi override
    "zero\u200bwidth\u200c\u200d\ufeffjoiners\u2060",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467 family, \U0001d54f math",
]


@pytest.mark.parametrize("text", ODD)
def test_odd_unicode_round_trips_through_raw_text_and_json_lines(tmp_path, text):
    (tmp_path / "odd.txt").write_text(
        f"{text} headline\n\n{text} in the body, a sentence long enough.\n", encoding="utf-8"
    )
    (tmp_path / "odd.jsonl").write_text(
        line({"title": f"{text} title", "body": text, "external_id": "odd-json"}), encoding="utf-8"
    )
    out, err, error = run_import(tmp_path)
    assert error is None, err
    assert Article.objects.get(external_id="odd-json").body == text
    # Raw text is normalised to composed form (NFC) and loses invisible spaces pasted from web pages; joiners stay.
    expected = unicodedata.normalize("NFC", text).translate(dict.fromkeys(map(ord, "\u200b\u2060\ufeff")))
    assert expected in Article.objects.get(external_id="odd").body


def test_escaped_surrogates_and_nul_fail_their_line_only(tmp_path):
    path = tmp_path / "escaped.jsonl"
    path.write_text(
        '{"title": "Lone surrogate", "body": "bad \\ud800 here"}\n'
        '{"title": "Paired surrogates", "body": "\\ud83d\\ude00 fine", "external_id": "pair"}\n'
        '{"title": "NUL", "body": "before\\u0000after"}\n'
        '{"title": "Reversed pair \\udc00\\ud800", "body": "x"}\n'
        '{"title": "Fine", "body": "ok", "external_id": "fine"}\n',
        encoding="utf-8",
    )
    out, err, error = run_import(path)
    assert error is not None
    lines = errors_of(err)
    assert len(lines) == 3
    assert f"{path}:1: body: " in lines[0] and "surrogate" in lines[0]
    assert f"{path}:3: body: contains a NUL character" in lines[1]
    assert f"{path}:4: title: " in lines[2] and "surrogate" in lines[2]
    assert sorted(Article.objects.values_list("external_id", flat=True)) == ["fine", "pair"]
    assert Article.objects.get(external_id="pair").body == "\U0001f600 fine"


def test_escaped_surrogates_in_nested_text_fail_the_line(tmp_path):
    path = tmp_path / "nested.jsonl"
    path.write_text(
        line(
            {"title": "Photo", "body": "b", "photos": [{"url": "https://example.com/a.jpg", "caption": "\ud800"}]}
        ).replace("\ud800", "\\ud800")
        + line({"title": "Tag", "body": "b", "tags": ["\ud800"]}).replace("\ud800", "\\ud800")
        + line({"title": "Credit", "body": "b", "credits": [{"name": "\ud800", "role": "author"}]}).replace(
            "\ud800", "\\ud800"
        ),
        encoding="utf-8",
        errors="surrogatepass",
    )
    out, err, error = run_import(path)
    assert error is not None
    lines = errors_of(err)
    assert [e.split(f"{path}:")[1][0] for e in lines] == ["1", "2", "3"], err
    assert Article.objects.count() == 0


# ----------------------------------------------------------------------------------- wrong-shaped JSON


WRONG = [
    (["an", "array"], "expected a JSON object, found an array"),
    (3.14, "expected a JSON object, found a number"),
    ("just a string", "expected a JSON object, found a string"),
    (None, "expected a JSON object, found null"),
    ({"title": {"nested": "object"}, "body": "x"}, "title: expected a string, found an object"),
    ({"title": ["a"], "body": "x"}, "title: expected a string, found an array"),
    ({"title": "T", "body": 7}, "body: expected a string, found a number"),
    ({"body": ""}, "title and body are both empty"),
    ({"title": "T", "body": "x", "tags": "politics"}, "tags: expected an array, found a string"),
    ({"title": "T", "body": "x", "tags": [{"name": {"x": 1}}]}, "tags[0].name: expected a string, found an object"),
    ({"title": "T", "body": "x", "tags": [{"name": "a", "kind": {"x": 1}}]}, "tags[0].kind: "),
    ({"title": "T", "body": "x", "photos": [["url"]]}, "photos[0]: expected an object, found an array"),
    ({"title": "T", "body": "x", "photos": [{"caption": 5}]}, "photos[0].caption: expected a string, found a number"),
    (
        {"title": "T", "body": "x", "credits": [{"name": ["x"], "role": "author"}]},
        "credits[0].name: expected a string, found an array",
    ),
    ({"title": "T", "body": "x", "source": 12}, "source: expected a name or an object, found a number"),
    ({"title": "T", "body": "x", "published_at": {"y": 2025}}, "published_at: expected an ISO 8601 date"),
    ({"title": "T", "body": "x", "status": ["draft"]}, "status: "),
    ({"title": "T", "body": "x", "status": {"draft": 1}}, "status: "),
]


def test_wrong_shaped_json_fails_each_line_with_its_number(tmp_path):
    path = tmp_path / "shapes.jsonl"
    path.write_text(
        "".join(line(data) for data, _ in WRONG) + line({"title": "Good", "body": "ok", "external_id": "good"}),
        encoding="utf-8",
    )
    out, err, error = run_import(path)
    assert error is not None
    lines = errors_of(err)
    assert len(lines) == len(WRONG), err
    for number, ((_, expected), message) in enumerate(zip(WRONG, lines), 1):
        assert message.startswith(f"error: {path}:{number}: "), message
        assert expected in message, message
    assert list(Article.objects.values_list("external_id", flat=True)) == ["good"]
    assert f"1 created, 0 updated, 0 unchanged, {len(WRONG)} failed" in out


def test_a_bad_photo_leaves_no_half_written_article(tmp_path):
    path = tmp_path / "half.jsonl"
    path.write_text(
        line(
            {"title": "Half", "body": "x", "external_id": "half", "photos": [{"url": "https://example.com/a.jpg"}, 7]}
        ),
        encoding="utf-8",
    )
    _, err, error = run_import(path)
    assert error is not None and f"{path}:1: photos[1]" in err
    assert not Article.objects.exists() and not Photo.objects.exists()
