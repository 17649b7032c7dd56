"""Gunicorn settings for the archive, read from the environment (see .env.example).

Threads let one worker overlap several requests waiting on PostgreSQL; each worker keeps a pool of
GUNICORN_THREADS database connections, so a host opens up to WEB_CONCURRENCY x GUNICORN_THREADS.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND") or "127.0.0.1:8000"
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2)
threads = int(os.environ.get("GUNICORN_THREADS") or 4)
worker_class = "gthread"
# Import the app once in the master: workers start warm and share its memory pages.
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS") or 2000)
max_requests_jitter = max_requests // 10
# Addresses of proxies allowed to set X-Forwarded-Proto (TLS ends at the proxy).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1"
# The app logs one JSON line per request itself.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL") or "info"


def when_ready(server):
    """Log the warnings of Django's system checks: gunicorn runs none, and some concern the deployment
    (archive.W001: API rate limits counted per process when REDIS_URL is not set)."""
    import django
    from django.core import checks

    django.setup()
    for message in checks.run_checks():
        if message.level >= checks.WARNING and not message.is_silenced():
            server.log.warning("%s", message)


# A web request must not hold the database for longer than the worker would wait for it; commands
# (imports, migrations) run without this limit.
# (An empty value, as an env file may leave, counts as unset.)
# Each worker keeps a pool of as many database connections as it has threads (project.settings): a
# thread borrows one per request instead of opening a PostgreSQL backend.
for name, default in (
    ("DATABASE_POOL_SIZE", str(threads)),
    ("DATABASE_STATEMENT_TIMEOUT", str(max(1, timeout - 5) * 1000)),
    ("ARCHIVE_PRODUCTION", "1"),
    ("DJANGO_SETTINGS_MODULE", "project.settings"),
):
    os.environ[name] = os.environ.get(name) or default


def pre_fork(server, worker):
    """The master loaded the app (preload_app): a connection or pool it opened must not be shared with
    the workers forked from it, each of which opens its own."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
        if hasattr(connection, "close_pool"):
            connection.close_pool()
