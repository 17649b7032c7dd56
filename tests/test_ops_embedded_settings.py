"""The embedded server starts with the settings search needs, not PostgreSQL's installation defaults."""

import os
import subprocess
import sys

import psycopg

from project import embedded_db
from tests.ops_servers import BASE_DIR


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
            shown = {name: conn.execute(f"SHOW {name}").fetchone()[0] for name in ("shared_buffers", "work_mem", "jit")}
    finally:
        run("stop")
    wanted = embedded_db.server_settings()
    # shared_buffers needs a restart: a reload alone would leave the 128 MB default.
    assert shown == {name: wanted[name] for name in shown}
