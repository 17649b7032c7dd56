"""Production without Redis says at start-up that API rate limits are counted per process."""

import secrets
from urllib.parse import quote

import pytest
import requests
from django.db import connection

from tests import ops_servers
from tests.test_ops_deploy import PRODUCTION, manage

WARNING = "archive.W001"


def test_the_deploy_check_warns_without_redis():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=secrets.token_urlsafe(50), REDIS_URL="", **PRODUCTION
    )
    assert result.returncode != 0
    assert f"{WARNING}) API rate limits are counted per process: REDIS_URL is not set" in result.stderr
    assert "HINT: Set REDIS_URL so every worker and host shares one count" in result.stderr


def test_development_does_not_warn():
    result = manage("check", "--fail-level", "WARNING", ARCHIVE_PRODUCTION="0", REDIS_URL="")
    assert result.returncode == 0 and WARNING not in result.stderr + result.stdout


@pytest.mark.django_db
def test_gunicorn_logs_the_warning_when_it_starts():
    """gunicorn runs no system checks itself; gunicorn.conf.py's when_ready hook logs their warnings."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{quote(db['HOST'], safe='')}/{db['NAME']}"
    env = {**PRODUCTION, "ALLOWED_HOSTS": "127.0.0.1", "SECRET_KEY": secrets.token_urlsafe(50), "REDIS_URL": ""}
    with ops_servers.temp_dir() as folder, ops_servers.gunicorn(folder, DATABASE_URL=url, **env) as (base, log, _):
        assert requests.get(f"{base}/healthz", timeout=5).status_code == 200
        text = log.read_text()
    assert WARNING in text and "API rate limits are counted per process" in text
