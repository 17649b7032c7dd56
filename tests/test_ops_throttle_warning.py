"""Production shares one cache between its web workers (files on the host, or Redis): API rate limits and
rendered pages are counted and kept once per host, and the deploy check says so only when they are not."""

import secrets
from urllib.parse import quote

import pytest
import requests
from django.db import connection

from archive.api.checks import throttle_counts_are_shared
from tests import ops_servers
from tests.test_ops_deploy import PRODUCTION, manage

WARNING = "archive.W001"


def test_the_deploy_check_is_clean_without_redis():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=secrets.token_urlsafe(50), REDIS_URL="", **PRODUCTION
    )
    assert result.returncode == 0, result.stderr
    assert WARNING not in result.stderr + result.stdout


def test_production_processes_share_the_file_cache(tmp_path):
    env = {"SECRET_KEY": secrets.token_urlsafe(50), "REDIS_URL": "", "ARCHIVE_CACHE_DIR": str(tmp_path), **PRODUCTION}
    written = manage("shell", "-c", "from django.core.cache import cache; cache.set('shared', 'yes', 60)", **env)
    assert written.returncode == 0, written.stderr
    read = manage("shell", "-c", "from django.core.cache import cache; print(cache.get('shared'))", **env)
    assert read.stdout.strip().endswith("yes"), read.stdout + read.stderr


def test_a_per_process_cache_in_production_warns(settings):
    settings.PRODUCTION = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    (warning,) = throttle_counts_are_shared(None)
    assert warning.id == WARNING and "counted per process" in warning.msg


def test_development_does_not_warn():
    result = manage("check", "--fail-level", "WARNING", ARCHIVE_PRODUCTION="0", REDIS_URL="")
    assert result.returncode == 0 and WARNING not in result.stderr + result.stdout


@pytest.mark.django_db
def test_gunicorn_workers_keep_rendered_pages_in_the_shared_cache():
    """Two workers, one cache: a page one worker rendered is kept as a file every worker reads."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{quote(db['HOST'], safe='')}/{db['NAME']}"
    env = {
        **PRODUCTION,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "REDIS_URL": "",
        "WEB_CONCURRENCY": "2",
    }
    with ops_servers.temp_dir() as folder:
        collected = manage(
            "collectstatic", "--no-input", "-v", "0", ARCHIVE_DATA_DIR=str(folder), DATABASE_URL=url, **env
        )
        assert collected.returncode == 0, collected.stderr
        with ops_servers.gunicorn(folder, DATABASE_URL=url, **env) as (base, log, _):
            response = requests.get(f"{base}/search/?q=fence", headers={"X-Forwarded-Proto": "https"}, timeout=10)
            assert response.status_code == 200
            kept = list((folder / "cache").glob("*.djcache"))
            text = log.read_text()
    assert kept, "the rendered page was kept under ARCHIVE_DATA_DIR/cache"
    assert WARNING not in text
