"""The embedded server starts with the settings search needs, not PostgreSQL's installation defaults."""

import os
import subprocess
import sys

import psycopg
import yaml

from project import embedded_db
from tests.ops_servers import BASE_DIR

COMPOSE = BASE_DIR / "docker-compose.yml"


def test_a_new_embedded_server_runs_with_the_search_settings(tmp_path):
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(tmp_path)}

    def run(command):
        return subprocess.run(
            [sys.executable, "-m", "project.embedded_db", command],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout

    url = run("url").strip()
    try:
        with psycopg.connect(url) as conn:
            shown = {
                name: conn.execute(f"SHOW {name}").fetchone()[0]
                for name in ("shared_buffers", "work_mem", "jit", "max_wal_size")
            }
    finally:
        run("stop")
    wanted = embedded_db.server_settings()
    # shared_buffers needs a restart: a reload alone would leave the 128 MB default.
    assert shown == {name: wanted[name] for name in shown}


# Scaled to the host's memory: the compose file states values for a small host instead.
MEMORY_SCALED = {"shared_buffers", "effective_cache_size", "maintenance_work_mem"}


def test_the_compose_database_runs_with_the_same_search_settings():
    command = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]["db"]["command"]
    compose_settings = dict(option.split("=", 1) for option in command.split()[2::2])
    wanted = embedded_db.server_settings()
    assert compose_settings.keys() == wanted.keys()
    assert {name: compose_settings[name] for name in wanted.keys() - MEMORY_SCALED} == {
        name: wanted[name] for name in wanted.keys() - MEMORY_SCALED
    }
