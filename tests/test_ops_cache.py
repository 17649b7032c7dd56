"""Redis absent or gone: caches and throttles fall back to each process's memory; requests succeed."""

import shutil
import subprocess
import time

import pytest
from django.urls import path
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from project import cache as fallback
from tests.ops_servers import free_port


class TwoPerMinute(AnonRateThrottle):
    rate = "2/min"


class ThrottledView(APIView):
    authentication_classes = []
    permission_classes = []
    throttle_classes = [TwoPerMinute]

    def get(self, request):
        return Response({"ok": True})


urlpatterns = [path("throttled/", ThrottledView.as_view())]


def dead_redis_url() -> str:
    return f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there


def fallback_cache(url: str) -> fallback.FallbackRedisCache:
    return fallback.FallbackRedisCache(url, {})


def test_cache_works_without_redis_and_pays_the_timeout_once():
    cache = fallback_cache(dead_redis_url())
    started = time.monotonic()
    cache.set("key", "value")
    assert cache.get("key") == "value"
    cache.set("hits", 0)
    assert cache.incr("hits") == 1
    for _ in range(50):
        cache.get("key")
    assert time.monotonic() - started < 2


@pytest.mark.urls("tests.test_ops_cache")
def test_throttling_still_limits_without_redis(client, settings):
    settings.CACHES = {"default": {"BACKEND": "project.cache.FallbackRedisCache", "LOCATION": dead_redis_url()}}
    statuses = [client.get("/throttled/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


@pytest.fixture
def redis_server():
    """A Redis server of this test's own on a free loopback port."""
    binary = shutil.which("redis-server")
    if not binary:
        pytest.skip("redis-server is not installed (Debian package redis-server)")
    port = free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    probe = fallback_cache(url)
    try:
        deadline = time.monotonic() + 10
        while not _reachable(probe):
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.1)
        yield url, process, command
    finally:
        process.terminate()
        process.wait(10)


def _reachable(cache) -> bool:
    try:
        cache.redis.set("ping", "pong", 1)
        return True
    except fallback.UNREACHABLE:
        return False


def test_processes_share_through_redis_and_carry_on_when_it_goes(redis_server, monkeypatch):
    url, process, command = redis_server
    monkeypatch.setattr(fallback, "RETRY_SECONDS", 0.2)
    # Two caches of one URL, as two processes would hold (in one process they share the local fallback).
    worker_a, worker_b = fallback_cache(url), fallback_cache(url)

    worker_a.set("count", 5)
    assert worker_b.get("count") == 5  # shared

    process.kill()
    process.wait(10)
    worker_a.set("count", 7)  # Redis gone: no error, kept locally
    assert worker_a.get("count") == 7
    assert worker_b.get("count") == 7

    restarted = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not _reachable(worker_a):
            assert time.monotonic() < deadline, "redis-server did not restart"
            time.sleep(0.1)
        time.sleep(0.3)  # past the retry pause
        worker_a.set("count", 9)
        assert worker_b.get("count") == 9  # shared again
    finally:
        restarted.terminate()
        restarted.wait(10)


def test_the_shared_file_cache_culls_now_and_then_not_at_each_write(tmp_path):
    cache = fallback.SharedFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 5, "CULL_FREQUENCY": 2}})
    cache.CULL_EVERY = 10
    for n in range(9):
        cache.set(f"page-{n}", n)
    assert len(list(tmp_path.glob("*.djcache"))) == 9  # past MAX_ENTRIES, not culled yet
    assert cache.get("page-8") == 8
    cache.set("page-9", 9)
    assert len(list(tmp_path.glob("*.djcache"))) < 10  # the tenth write culled
