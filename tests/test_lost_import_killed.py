"""An import killed half-way loses nothing: each file is in whole or not at all, and a rerun finishes it."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.db.models import Count

from archive.models import Article

ROOT = Path(__file__).resolve().parent.parent
FILES = 600


def database_url() -> str:
    """The test database, for a command run in another process."""
    s = connection.settings_dict
    host = quote(s["HOST"] or "", safe="")
    auth = quote(s["USER"] or "", safe="") + (f":{quote(s['PASSWORD'], safe='')}" if s.get("PASSWORD") else "")
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgresql://{auth}@{host}{port}/{quote(s['NAME'], safe='')}"


def start_import(folder: Path) -> subprocess.Popen:
    env = os.environ | {"DATABASE_URL": database_url()}
    env.pop("DATABASE_REPLICA_URLS", None)
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "import_articles", str(folder), "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def write_files(folder: Path) -> None:
    for n in range(FILES):
        record = {
            "external_id": f"killed-{n:04d}",
            "title": f"Article {n}",
            "body": f"Body of article {n}. " * 20,
            "photos": [
                {"caption": f"First photo of {n}", "credit": "AP"},
                {"caption": f"Second photo of {n}", "credit": "AP"},
            ],
            "tags": [{"name": "Pyongyang", "kind": "place"}, {"name": f"Topic {n % 7}", "kind": "topic"}],
            "credits": [{"name": "Kim Reporter", "role": "author"}],
        }
        (folder / f"{n:04d}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")


def assert_whole(articles) -> None:
    partial = articles.annotate(
        photo_count=Count("photos", distinct=True),
        tag_count=Count("tags", distinct=True),
        credit_count=Count("credits", distinct=True),
    ).exclude(photo_count=2, tag_count=2, credit_count=1)
    assert list(partial.values_list("external_id", flat=True)) == []


@pytest.mark.django_db(transaction=True)
def test_import_killed_half_way_loses_nothing_and_a_rerun_completes_it(tmp_path):
    write_files(tmp_path)
    process = start_import(tmp_path)
    deadline = time.monotonic() + 60
    while Article.objects.count() < 20:
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "the import did not start"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL

    killed_at = Article.objects.count()
    assert 20 <= killed_at < FILES, "killed half-way"
    assert_whole(Article.objects.all())

    rerun = start_import(tmp_path)
    _, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err.decode()
    assert Article.objects.count() == FILES
    assert Article.objects.values("external_id").distinct().count() == FILES
    assert_whole(Article.objects.all())
