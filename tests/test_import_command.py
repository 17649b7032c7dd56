"""The import_articles command: folders, summaries, bad files and lines, dry runs, exit status."""

import json
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.models import Article, ImportRecord
from tests.commands import run_import

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def line(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False) + "\n"


def test_seed_folder_imports_published_then_is_unchanged():
    out, err, error = run_import(SEEDS, "--publish")
    assert error is None and err == ""
    assert "3 created, 0 updated, 0 unchanged, 0 failed" in out
    assert Article.objects.published().count() == 3
    out, _, _ = run_import(SEEDS, "--publish")
    assert "0 created, 0 updated, 3 unchanged, 0 failed" in out


def test_edited_file_is_updated(tmp_path):
    shutil.copy(next(SEEDS.glob("000_*.txt")), tmp_path / "fence.txt")
    run_import(tmp_path)
    path = tmp_path / "fence.txt"
    path.write_text(path.read_text().replace("formidable", "fearsome"))
    out, _, _ = run_import(tmp_path)
    assert "0 created, 1 updated" in out
    article = Article.objects.get(external_id="fence")
    assert "fearsome barbed wire" in article.body


def test_bad_files_fail_alone_with_one_line_each(tmp_path):
    shutil.copy(next(SEEDS.glob("001_*.txt")), tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (tmp_path / "latin1.txt").write_bytes(
        "Hoeryŏng crossing\n\nCafé près du fleuve".encode("latin-1", "replace") + b"\xe9"
    )
    (tmp_path / "unreadable.txt").write_text("Headline\n\nBody")
    (tmp_path / "unreadable.txt").chmod(0)
    out, err, error = run_import(tmp_path, tmp_path / "missing.txt", ROOT / "README.md")
    assert error is not None
    errors = err.strip().splitlines()
    assert any("empty.txt: empty file" in e for e in errors)
    assert any("binary.txt: binary file" in e for e in errors)
    assert any("latin1.txt: not UTF-8 text" in e for e in errors)
    assert any("missing.txt: no such file" in e for e in errors)
    if not _running_as_root():
        assert any("unreadable.txt: cannot read" in e for e in errors)
    assert any("README.md: unsupported file type '.md'" in e for e in errors)
    assert all(e.startswith("error: ") and "Traceback" not in e for e in errors)
    # Root reads a file whatever its mode says.
    assert ("2 created" if _running_as_root() else "1 created") in out
    assert Article.objects.filter(external_id="good").exists()


def _running_as_root() -> bool:
    import os

    return hasattr(os, "geteuid") and os.geteuid() == 0


def test_bad_json_lines_fail_alone_and_good_lines_import(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(
        line({"title": "First", "body": "One.", "external_id": "1"})
        + "{not json\n"
        + line({"title": "Second", "body": "Two.", "external_id": "2", "tags": [{"name": "x", "kind": "city"}]})
        + line(["an", "array"])
        + "\n"
        + line({"title": "Third", "body": "Three.", "external_id": "3", "published_at": "yesterday"})
        + line({"title": "Fourth", "body": "Four.", "external_id": "4"}),
        encoding="utf-8",
    )
    out, err, error = run_import(path)
    assert error is not None
    assert f"{path}:2: not valid JSON" in err
    assert f"{path}:3: tags[0].kind: 'city' is not one of" in err
    assert f"{path}:4: expected a JSON object, found an array" in err
    assert f"{path}:6: published_at: 'yesterday' is not an ISO 8601 date" in err
    assert "2 created, 0 updated, 0 unchanged, 4 failed" in out
    assert sorted(Article.objects.values_list("external_id", flat=True)) == ["1", "4"]


def test_huge_raw_text_file_is_refused(tmp_path, monkeypatch):
    from archive.importers import text

    monkeypatch.setattr(text, "MAX_TEXT_BYTES", 1000)
    (tmp_path / "dump.txt").write_text("Headline\n\n" + "Words of a very long dump. " * 100)
    _, err, error = run_import(tmp_path)
    assert error is not None and "dump.txt: too large for one article" in err


def test_folder_without_articles_is_an_error(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    _, err, error = run_import(tmp_path)
    assert error is not None
    assert f"{tmp_path}: no .txt, .html or .jsonl files in this folder" in err


def test_empty_and_binary_json_lines_files_fail_alone(tmp_path):
    (tmp_path / "a.jsonl").write_bytes(b"\n\n")
    (tmp_path / "b.jsonl").write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(256)))
    (tmp_path / "c.jsonl").write_text(line({"title": "Fine", "body": "Text."}))
    out, err, error = run_import(tmp_path)
    assert error is not None
    assert f"{tmp_path / 'a.jsonl'}: empty file" in err
    assert f"{tmp_path / 'b.jsonl'}: binary file, not JSON Lines" in err
    assert "1 created, 0 updated, 0 unchanged, 2 failed" in out


def test_strict_rolls_back_the_whole_file(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(line({"title": "First", "body": "One."}) + "{broken\n", encoding="utf-8")
    out, err, error = run_import(path, "--strict")
    assert error is not None and "nothing imported from this file" in err
    assert Article.objects.count() == 0


def test_non_utf8_json_line_names_its_line(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(line({"title": "Ok", "body": "Fine."}).encode() + b'{"title": "caf\xe9", "body": "x"}\n')
    _, err, _ = run_import(path)
    assert f"{path}:2: not UTF-8 text" in err
    assert Article.objects.count() == 1


def test_dry_run_json_prints_records_and_writes_nothing():
    out, err, error = run_import(SEEDS, "--dry-run", "--json", "--publish")
    assert error is None
    records = [json.loads(row) for row in out.strip().splitlines()]
    assert [r["external_id"] for r in records] == [
        "000_bbe638bd60689fb7",
        "001_1d3f6b8137870826",
        "002_8f9ffc2bc9e7a6dd",
    ]
    assert {"name": "Hyesan", "kind": "place"} in records[1]["tags"]
    assert records[2]["photos"] == [
        {"caption": "A marker delineating the border between China and North Korea", "credit": "Wikimedia Commons"}
    ]
    assert all(r["status"] == "published" for r in records)
    assert Article.objects.count() == 0
    from archive.models import Tag

    assert Tag.objects.count() == 0


def test_dry_run_json_output_imports_back_unchanged(tmp_path):
    out, _, _ = run_import(SEEDS, "--dry-run", "--json")
    (tmp_path / "seeds.jsonl").write_text(out, encoding="utf-8")
    run_import(tmp_path / "seeds.jsonl")
    # The records printed are exactly what importing the raw files stores.
    out, _, _ = run_import(SEEDS)
    assert "0 created, 0 updated, 3 unchanged" in out


def test_dry_run_counts_but_writes_nothing(tmp_path):
    run_import(next(SEEDS.glob("000_*.txt")))
    out, _, error = run_import(SEEDS, "--dry-run")
    assert error is None
    assert "would be 2 created, 0 updated, 1 unchanged" in out
    assert Article.objects.count() == 1


def test_source_option(tmp_path):
    shutil.copy(next(SEEDS.glob("000_*.txt")), tmp_path / "a.txt")
    run_import(tmp_path, "--source", "nk-news")
    assert Article.objects.get().source.name == "NK News"
    _, _, error = run_import(tmp_path, "--source", "no-such-outlet")
    assert error is not None and "unknown source 'no-such-outlet'" in str(error)


def test_json_without_dry_run_is_refused():
    _, _, error = run_import(SEEDS, "--json")
    assert error is not None and "--dry-run" in str(error)


def test_import_remembers_where_each_article_came_from(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(line({"title": "First", "body": "One.", "external_id": "1"}), encoding="utf-8")
    run_import(path)
    assert ImportRecord.objects.get().origin == f"{path}:1"


@pytest.mark.django_db(transaction=True)
def test_exit_status_is_non_zero_when_something_failed(tmp_path, settings):
    (tmp_path / "empty.txt").write_bytes(b"")
    env = _subprocess_env(settings)
    result = subprocess.run(
        [sys.executable, "manage.py", "import_articles", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert f"error: {tmp_path / 'empty.txt'}: empty file" in result.stderr
    assert "Traceback" not in result.stderr


def _subprocess_env(settings) -> dict:
    """Point a child process at the test database this test runs on."""
    import os

    db = settings.DATABASES["default"]
    host = db["HOST"]
    env = dict(os.environ)
    env["DATABASE_URL"] = (
        f"postgres://{db['USER']}@/{db['NAME']}?host={host}"
        if host.startswith("/")
        else (f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{host}:{db.get('PORT') or 5432}/{db['NAME']}")
    )
    return env


def test_long_imports_show_a_progress_bar_on_stderr(monkeypatch, capsys):
    from archive.importers import files

    monkeypatch.setattr(files, "MANY_FILES", 3)
    call_command("import_articles", str(SEEDS), stdout=StringIO())
    # The bar is cleared when done and redrawn at most twice a second, so only its start is certain.
    assert "0/3 [" in capsys.readouterr().err


def test_a_long_import_keeps_the_planner_statistics_of_the_articles_it_adds(tmp_path, monkeypatch):
    from django.db import connection

    from archive.importers import bulk, files

    # One file is one transaction, which autovacuum cannot see into: the import analyses the tables it
    # fills as they grow, or its own look-ups are planned for the empty table it started with.
    monkeypatch.setattr(bulk, "ANALYZE_AFTER_ROWS", 20)
    monkeypatch.setattr(bulk, "_growth", {})
    monkeypatch.setattr(files, "BATCH_SIZE", 10)
    path = tmp_path / "many.jsonl"
    path.write_text(
        "".join(
            line(
                {
                    "external_id": f"n{n}",
                    "source": "Wire",
                    "title": f"Fence {n}",
                    "body": f"Article {n} about the fence.",
                }
            )
            for n in range(60)
        )
    )
    assert run_import(path)[2] is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'archive_article'::regclass")
        assert cursor.fetchone()[0] >= 40
