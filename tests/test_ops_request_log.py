"""One structured log line per request, with no query strings or credentials in it."""

import json
import logging

import pytest
from pythonjsonlogger.json import JsonFormatter

pytestmark = pytest.mark.django_db


def request_records(caplog):
    return [record for record in caplog.records if record.name == "archive.requests"]


def test_each_request_logs_one_json_line(client, caplog, make_article):
    article = make_article("Smugglers cross the Yalu")
    caplog.set_level(logging.INFO, logger="archive.requests")

    client.get(article.get_absolute_url())
    client.get("/articles/no-such-article/")

    found, missing = request_records(caplog)
    assert (found.method, found.path, found.status) == ("GET", article.get_absolute_url(), 200)
    assert (missing.path, missing.status) == ("/articles/no-such-article/", 404)
    assert found.queries >= 1 and found.duration_ms > 0
    # The handler Django's LOGGING set up writes each record as one JSON object.
    formatter = next(h.formatter for h in logging.getLogger().handlers if isinstance(h.formatter, JsonFormatter))
    line = formatter.format(found)
    assert "\n" not in line
    assert json.loads(line) | {"time": None} == json.loads(line) | {
        "time": None,
        "level": "INFO",
        "logger": "archive.requests",
        "method": "GET",
        "path": article.get_absolute_url(),
        "status": 200,
    }


def test_query_strings_and_keys_stay_out_of_the_logs(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.get("/search/", {"q": "defector from Hyesan"})
    client.get("/api/v1/articles/", {"api_key": "querysecret123"}, HTTP_AUTHORIZATION="Api-Key headersecret.456xyz")

    paths = [record.path for record in request_records(caplog)]
    assert paths == ["/search/", "/api/v1/articles/"]
    for secret in ("Hyesan", "querysecret123", "headersecret", "456xyz"):
        assert secret not in caplog.text
