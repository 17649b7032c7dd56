"""Create (if needed) a database of its own for a measurement and print its URL.

    python -m bench.database NAME

With DATABASE_URL set, the new database lives on that server; otherwise on the embedded one. The
development database is never touched.
"""

import os
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg


def database_url(name: str) -> str:
    base = os.environ.get("DATABASE_URL")
    if base:
        parts = urlsplit(base)
        return urlunsplit(parts._replace(path="/" + name))
    from project import embedded_db

    return f"postgres://postgres@/{name}?host={embedded_db.ensure_running()}"


def ensure_database(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"Not a plain database name: {name!r}")
    url = database_url(name)
    admin_url = database_url("postgres")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    return url


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    print(ensure_database(sys.argv[1]))
