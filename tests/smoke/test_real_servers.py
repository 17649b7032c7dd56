"""The servers a user starts, checked the way a user meets them: `make run` and `make serve`, in Chromium.

These start the real thing through the Makefile on a free port (not Django's test server, which serves
static files by itself), so a missing stylesheet, an empty home page or a server that does not stop is
seen here. Screenshots go to test-artifacts/. Run by `make smoke` (and CI) after the suite.
"""

import os
import re
import signal
import socket
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.smoke

BASE_DIR = Path(__file__).resolve().parents[2]
ARTIFACTS = BASE_DIR / "test-artifacts"
SEED_TITLES = (
    "New fence blocks well-trodden escape route into China",
    "North Koreans continue attempts to smuggle across the China-North Korea frontier",
)
# `make run` may have to install and import first; gunicorn only migrates and collects.
START_TIMEOUT = 600


@dataclass(frozen=True)
class RunningServer:
    url: str
    process: subprocess.Popen
    log: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode} before serving:\n{log.read_text()[-4000:]}")
        try:
            if requests.get(url + "/healthz", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    pytest.fail(f"nothing served {url} within {START_TIMEOUT} s:\n{log.read_text()[-4000:]}")


def _process_tree(pid: int) -> set[int]:
    """The pids in `pid`'s session (the Makefile's children and theirs)."""
    result = subprocess.run(["ps", "-e", "-o", "pid=,sid="], capture_output=True, text=True, check=True)
    return {int(p) for p, sid in (line.split() for line in result.stdout.splitlines()) if int(sid) == pid}


@contextmanager
def make_target(target: str, **env: str):
    """`make TARGET` on a free port, in its own session; stopped with Ctrl-C's signal, as a user would."""
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / f"make-{target}.log"
    environment = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", **env}
    with log.open("w") as out:
        process = subprocess.Popen(
            ["make", target],
            cwd=BASE_DIR,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = RunningServer(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_until_serving(server.url, process, log)
        yield server
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            pytest.fail(f"`make {target}` did not stop on Ctrl-C within 30 s")
    deadline = time.monotonic() + 15
    while _process_tree(process.pid) and time.monotonic() < deadline:
        time.sleep(0.5)
    left = _process_tree(process.pid)
    assert not left, f"`make {target}` left processes running after Ctrl-C: {sorted(left)}"
    with pytest.raises(requests.ConnectionError):
        requests.get(server.url + "/healthz", timeout=2)


@pytest.fixture(scope="module")
def chromium():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"the smoke test needs Chromium at {CHROMIUM} (Debian's chromium package, or CHROMIUM_PATH)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _failed_static_requests(page) -> list[str]:
    failed = []
    page.on("response", lambda r: failed.append(r.url) if "/static/" in r.url and r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(r.url) if "/static/" in r.url else None)
    return failed


def wait_for_the_worker(server: RunningServer) -> dict:
    """/healthz/jobs once the background worker started beside the web server has reported in."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status = requests.get(server.url + "/healthz/jobs", timeout=5).json()
        if status["workers"] >= 1:
            return status
        time.sleep(1)
    pytest.fail(f"no background worker reported in within 60 s: {status}")


def check_site_as_a_reader(browser, server: RunningServer, shots: str) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    failed_static = _failed_static_requests(page)

    # Home: the seeds are listed, and site.css is applied (the paper background only it sets).
    page.goto(server.url + "/")
    for title in SEED_TITLES:
        expect(page.get_by_role("link", name=title).first).to_be_visible()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(251, 250, 247)", f"site.css is not applied: body background is {background}"
    page.screenshot(path=str(ARTIFACTS / f"{shots}-home.png"), full_page=True)

    # Suggestions appear while typing (suggest.js and the suggestions endpoint).
    box = page.get_by_role("combobox").first
    box.click()
    box.press_sequentially("Hyes", delay=60)
    expect(page.locator("ul.suggestions li").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / f"{shots}-suggestions.png"))

    # A search in another romanisation finds the seed about Ryanggang, with the word highlighted.
    page.goto(server.url + "/search/?q=Yanggang")
    expect(page.get_by_role("link", name=SEED_TITLES[0])).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()
    assert re.search(r"ryanggang|yanggang", page.locator("mark").first.inner_text(), re.I)
    expect(page.locator(".facets")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / f"{shots}-results.png"), full_page=True)

    # An article.
    page.get_by_role("link", name=SEED_TITLES[0]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SEED_TITLES[0])
    page.screenshot(path=str(ARTIFACTS / f"{shots}-article.png"), full_page=True)

    # The admin's login page is styled by the admin's own stylesheet.
    page.goto(server.url + "/admin/login/")
    expect(page.locator("#login-form")).to_be_visible()
    header = page.evaluate("getComputedStyle(document.querySelector('#header')).backgroundColor")
    assert header not in ("rgba(0, 0, 0, 0)", "transparent"), "the admin stylesheet is not applied"
    page.screenshot(path=str(ARTIFACTS / f"{shots}-admin-login.png"))

    # The API docs page loads its scripts and styles too.
    page.goto(server.url + "/api/docs/")
    expect(page.locator(".swagger-ui").first).to_be_visible()

    assert not failed_static, f"static files that did not load: {failed_static}"
    context.close()


def test_make_run_serves_the_styled_site_and_its_worker_with_the_seeds_and_stops_on_ctrl_c(chromium):
    with make_target("run") as server:
        status = wait_for_the_worker(server)
        # The seeds' import brought the search statistics up to date itself.
        assert status["stats_refreshed_at"] and not status["problems"], status
        check_site_as_a_reader(chromium, server, "run")


def test_make_serve_serves_the_same_under_gunicorn_and_its_worker_with_production_settings(chromium):
    env = {"SECRET_KEY": "smoke-test-" + "x" * 50, "SECURE_SSL_REDIRECT": "0", "WEB_CONCURRENCY": "2"}
    with make_target("serve", **env) as server:
        wait_for_the_worker(server)
        # Production keeps hashed, compressed static files.
        home = requests.get(server.url + "/", timeout=10).text
        stylesheet = re.search(r'href="(/static/archive/site\.[0-9a-f]{12}\.css)"', home)
        assert stylesheet, "production pages link a hashed site.css"
        compressed = requests.get(server.url + stylesheet.group(1), headers={"Accept-Encoding": "gzip"}, timeout=10)
        assert compressed.status_code == 200 and compressed.headers.get("Content-Encoding") == "gzip"
        check_site_as_a_reader(chromium, server, "serve")
