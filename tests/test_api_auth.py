"""Keys: how partners get them, what a refused request says, usage counts and per-partner throttling."""

import datetime
import io
import os

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.test import APIClient

from archive.api.throttling import cache_key
from archive.models import Partner, PartnerAPIKey, PartnerUsage
from tests.factories import make_article, make_partner

pytestmark = pytest.mark.django_db


def client_with(key: str | None, header: str | None = None) -> APIClient:
    client = APIClient()
    if header or key:
        client.credentials(HTTP_AUTHORIZATION=header or f"Api-Key {key}")
    return client


def refusal(client, path="/api/v1/articles/"):
    response = client.get(path)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"
    return response.json()["detail"]


def test_create_partner_prints_the_key_alone_on_the_last_line():
    out = io.StringIO()
    call_command("create_partner", "Border Monitor", "--rate", "50/minute", stdout=out)
    key = out.getvalue().strip().splitlines()[-1]
    partner = Partner.objects.get(name="Border Monitor")
    api_key = PartnerAPIKey.objects.get(partner=partner)
    assert key.startswith(api_key.prefix + ".") and " " not in key
    assert key not in api_key.hashed_key and api_key.hashed_key.startswith("sha512$$")
    assert partner.rate_limit == "50/minute"
    assert client_with(key).get("/api/v1/articles/").status_code == 200


def test_create_partner_refuses_a_bad_rate():
    with pytest.raises(CommandError, match="1000/hour"):
        call_command("create_partner", "Sloppy", "--rate", "lots", stdout=io.StringIO())


def test_refusals_say_why():
    partner, key = make_partner()
    assert "Api-Key <key>" in refusal(client_with(None))
    assert "Api-Key <key>" in refusal(client_with(None, header=f"Bearer {key}"))
    assert "not valid" in refusal(client_with(key[:-1] + ("x" if key[-1] != "x" else "y")))
    assert "not valid" in refusal(client_with("nodot"))

    PartnerAPIKey.objects.filter(partner=partner).update(expiry_date=timezone.now() - datetime.timedelta(days=1))
    assert "expired" in refusal(client_with(key))
    PartnerAPIKey.objects.filter(partner=partner).update(expiry_date=None)
    Partner.objects.filter(pk=partner.pk).update(is_active=False)
    assert "suspended" in refusal(client_with(key))
    Partner.objects.filter(pk=partner.pk).update(is_active=True)
    assert client_with(key).get("/api/v1/articles/").status_code == 200


def test_revocation_takes_effect_on_the_next_request():
    partner, key = make_partner()
    client = client_with(key)
    assert client.get("/api/v1/tags/").status_code == 200
    api_key = PartnerAPIKey.objects.get(partner=partner)
    api_key.revoked = True
    api_key.save()
    assert "revoked" in refusal(client, "/api/v1/tags/")


def test_every_endpoint_needs_a_key_but_the_docs_do_not():
    article = make_article()
    for path in [
        "/api/v1/articles/",
        f"/api/v1/articles/{article.slug}/",
        "/api/v1/tags/",
        "/api/v1/sources/",
        "/api/v1/photos/",
        "/api/v1/changes/",
    ]:
        refusal(client_with(None), path)
    assert APIClient().get("/api/schema/").status_code == 200
    assert APIClient().get("/api/docs/").status_code == 200


def test_requests_are_counted_per_partner_and_day(api_client, partner_key):
    partner, _ = partner_key
    for _ in range(3):
        api_client.get("/api/v1/tags/")
    usage = PartnerUsage.objects.get(partner=partner)
    assert (usage.day, usage.requests) == (timezone.now().date(), 3)
    assert PartnerAPIKey.objects.get(partner=partner).last_used_at is not None


def fresh_partner(**fields):
    partner, key = make_partner(**fields)
    cache.delete(cache_key(partner))
    return partner, key


def test_throttled_per_partner_with_retry_after():
    slow, slow_key = fresh_partner(rate_limit="2/minute")
    _, other_key = fresh_partner()
    client = client_with(slow_key)
    responses = [client.get("/api/v1/tags/") for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert [(r["X-RateLimit-Limit"], r["X-RateLimit-Remaining"]) for r in responses[:2]] == [("2", "1"), ("2", "0")]
    response = client.get("/api/v1/tags/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["error"] == "throttled" and response.json()["retry_after"] == int(response["Retry-After"])
    # Another partner has its own allowance (the default rate).
    assert client_with(other_key).get("/api/v1/tags/").status_code == 200


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: throttling counts in process memory")
def test_counts_are_shared_through_redis():
    """With REDIS_URL set, every worker sees one count: here, a second client to Redis reads what the API wrote."""
    import redis

    partner, key = fresh_partner(rate_limit="5/minute")
    client_with(key).get("/api/v1/tags/")
    stored = [name for name in redis.Redis.from_url(os.environ["REDIS_URL"]).keys(f"*{cache_key(partner)}")]
    assert len(stored) == 1 and len(cache.get(cache_key(partner))) == 1


def test_requests_still_succeed_when_redis_is_gone(settings):
    # Nothing listens on port 1: the cache falls back to this process's memory.
    settings.CACHES = {"default": {"BACKEND": "project.cache.FallbackRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    _, key = make_partner(rate_limit="2/minute")
    client = client_with(key)
    # Counted in this process meanwhile: still limited, never an error.
    assert [client.get("/api/v1/tags/").status_code for _ in range(3)] == [200, 200, 429]
