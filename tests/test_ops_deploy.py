"""Production settings: Django's deployment checks pass, and the site will not start without a secret."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Runs manage.py in a fresh process: settings are read once, at start-up, from the environment."""
    # The browser tests' async-safety switch must not leak into a production check.
    dropped = ("SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {key: value for key, value in os.environ.items() if key not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {"ARCHIVE_PRODUCTION": "1", "ALLOWED_HOSTS": "archive.example.org"}


def test_deploy_check_passes_without_a_warning():
    # With Redis, as docker-compose.yml deploys it (without, archive.W001 warns: tests/test_ops_throttle_warning.py).
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        REDIS_URL="redis://127.0.0.1:6379/0",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret():
    result = manage("check", SECRET_KEY="", **PRODUCTION)
    assert result.returncode != 0
    assert "SECRET_KEY must be set when ARCHIVE_PRODUCTION is on" in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DATABASE_REPLICA_URLS", "not-a-url", "DATABASE_REPLICA_URLS entry 1 is not a database URL"),
        ("DATABASE_STATEMENT_TIMEOUT", "soon", "DATABASE_STATEMENT_TIMEOUT must be a whole number"),
    ],
)
def test_a_bad_setting_is_named_at_start_up(name, value, message):
    result = manage("check", **{name: value})
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy(client):
    response = client.get("/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_only_the_api_docs_may_run_inline_code(client):
    assert "'unsafe-inline'" not in client.get("/")["Content-Security-Policy"]
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert "script-src 'self' 'unsafe-inline'" in docs["Content-Security-Policy"]
