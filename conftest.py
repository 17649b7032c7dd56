import os
import shutil

import pytest

from tests import factories


def pytest_addoption(parser):
    parser.addoption("--smoke", action="store_true", help="run only the smoke test of the real servers (make smoke)")


def pytest_collection_modifyitems(config, items):
    """The smoke test starts the real servers on the development database: it runs alone, with --smoke."""
    smoke = config.getoption("--smoke")
    kept = [item for item in items if (item.get_closest_marker("smoke") is not None) == smoke]
    deselected = [item for item in items if item not in kept]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


# The editors' admin tests' users and clients (one per role of the permission matrix).
pytest_plugins = ["tests.admin_support", "tests.photo_support"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: test databases roll back, so a result page cached by one
    test (archive.search.cache) could otherwise be found by the next under the same generation. The
    same holds for what a process keeps per generation (promotions, tag names: PerGeneration)."""
    from django.core.cache import cache

    from archive.search.cache import PerGeneration

    cache.clear()
    PerGeneration.forget_all()


@pytest.fixture
def make_article(db):
    return factories.make_article


@pytest.fixture
def make_tag(db):
    return factories.make_tag


@pytest.fixture
def make_source(db):
    return factories.make_source


# Browser tests drive Debian's Chromium through Playwright (Playwright's own browser downloads are not used).
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session; browser tests are skipped, with the reason, without it."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM} (install Debian's chromium package or set CHROMIUM_PATH)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own database calls are still
    # synchronous, so Django's async-safety guard would refuse them.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser page (its own cookies) at a laptop-sized viewport."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def clear_cache():
    """Start from an empty cache, so counts cached by an earlier test do not show."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def partner_key(db):
    """A partner of the API and its plain key: (partner, key)."""
    from django.core.cache import cache

    from archive.api.throttling import cache_key

    partner, key = factories.make_partner()
    # Ids restart with each test database; a count left under this id (in Redis) must not carry over.
    cache.delete(cache_key(partner))
    return partner, key


@pytest.fixture
def api_client(partner_key):
    """Django REST framework's test client, sending a partner's key."""
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {partner_key[1]}")
    return client
