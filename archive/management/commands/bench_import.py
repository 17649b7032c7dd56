"""Measure the bulk import: N synthetic articles through `import_articles`, on a scratch database.

    python manage.py bench_import --count 100000

Creates a scratch database on the same PostgreSQL server (archive_importbench by default), migrates
it and loads the fixtures, writes N synthetic articles as JSON Lines (generate_articles), imports
them with `import_articles` in a child process (timed, peak memory reported), then measures the raw
PostgreSQL rate on the same server for comparison: one COPY of the same articles straight into the
article table, search vectors and indexes included, rolled back. The scratch database is dropped at
the end unless --keep is given. The development data is never touched.
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

RAW_SAMPLE = 5000


class Command(BaseCommand):
    help = "Time the JSON Lines bulk import of N synthetic articles on a scratch database."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=100_000)
        parser.add_argument("--database", default="archive_importbench", help="Scratch database name (dropped first).")
        parser.add_argument("--keep", action="store_true", help="Keep the scratch database afterwards.")
        parser.add_argument("--file", help="Import this JSON Lines file instead of generating one.")

    def handle(self, *args, count, database, keep, file=None, **options):
        if database == settings.DATABASES["default"]["NAME"]:
            raise CommandError("the scratch database must not be the archive's own database")
        admin_url, scratch_url = self._urls(database)
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}"')
            conn.execute(f'CREATE DATABASE "{database}"')
        env = dict(os.environ, DATABASE_URL=scratch_url)
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        try:
            subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
            subprocess.run([*manage, "setup_archive", "-v0"], env=env, check=True)
            with tempfile.TemporaryDirectory() as folder:
                path = Path(file) if file else Path(folder) / "bench.jsonl"
                if file:
                    with open(path, "rb") as f:
                        count = sum(1 for line in f if line.strip())
                else:
                    self.stdout.write(f"Writing {count} synthetic articles…")
                    call_command("generate_articles", count, str(path))
                self.stdout.write(f"Importing {path.stat().st_size / 1e6:.0f} MB of JSON Lines…")
                started = time.monotonic()
                subprocess.run([*manage, "import_articles", str(path), "-v0"], env=env, check=True)
                seconds = time.monotonic() - started
                peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
                raw = self._raw_rate(scratch_url, path)
            load = os.getloadavg()[0]
            self.stdout.write(
                f"import_articles: {count} articles in {seconds:.0f} s = {count / seconds:.0f} articles/s "
                f"(peak memory {peak:.0f} MB)\n"
                f"raw COPY into the article table, vectors and indexes included: {raw:.0f} articles/s\n"
                f"load average at the end: {load:.1f} on {os.cpu_count()} CPUs"
            )
        finally:
            if not keep:
                with psycopg.connect(admin_url, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{database}"')

    def _urls(self, database: str) -> tuple[str, str]:
        db = settings.DATABASES["default"]
        host = db.get("HOST") or ""
        user = db.get("USER") or "postgres"
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        if host.startswith("/"):
            return (f"postgres://{user}@/postgres?host={host}", f"postgres://{user}@/{database}?host={host}")
        where = f"{host or 'localhost'}:{db.get('PORT') or 5432}"
        return f"postgres://{user}{password}@{where}/postgres", f"postgres://{user}{password}@{where}/{database}"

    def _raw_rate(self, url: str, path: Path) -> float:
        """Articles per second for one COPY of the first articles of the file, in a rolled-back transaction."""
        rows = []
        with open(path, encoding="utf-8") as f:
            for n, line in zip(range(RAW_SAMPLE), f):
                data = json.loads(line)
                rows.append((data["title"], f"raw-{n}", data["dek"], data["body"], data["published_at"], "published"))
        with psycopg.connect(url) as conn:
            started = time.monotonic()
            try:
                self._copy(conn, rows)
            except psycopg.Error as exc:
                self.stderr.write(f"raw reference not measured: {exc}")
                return float("nan")
            seconds = time.monotonic() - started
            conn.rollback()
        return len(rows) / seconds

    def _copy(self, conn, rows) -> None:
        with conn.cursor().copy(
            "COPY archive_article (title, slug, dek, body, published_at, status, original_url, external_id, "
            "language, needs_title, created_at, updated_at, version, tag_text, caption_text) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row([*row, "", "", "en", False, "now", "now", 1, "", ""])
