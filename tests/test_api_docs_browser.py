"""The API's documentation page works in a real browser, under the site's Content-Security-Policy."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_lists_every_endpoint(live_server, page):
    blocked = []
    page.on(
        "console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock-summary-path", timeout=15_000)
    paths = {element.inner_text().replace("\u200b", "") for element in page.query_selector_all(".opblock-summary-path")}
    assert {"/api/v1/articles/", "/api/v1/articles/{slug}/", "/api/v1/changes/", "/api/v1/tags/"} <= paths
    assert not [text for text in blocked if "script" in text.lower()]
