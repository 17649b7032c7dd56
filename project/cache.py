"""Caches: a Redis cache that falls back to this process's memory while Redis cannot be reached, and the
file cache that one host's web workers share without Redis.

Redis makes caches and API throttle counts shared across workers and hosts, but it must not be a
single point of failure: when it is absent or goes away, each process counts and caches on its own
(throttling gets per-process, not off) and requests still succeed. After a failure Redis is left
alone for RETRY_SECONDS, so a dead server costs one short timeout, not one per cache call.
"""

import logging
import time

import redis
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_SECONDS = 10
UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class FallbackRedisCache(BaseCache):
    def __init__(self, server, params):
        super().__init__(params)
        options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, **params.get("OPTIONS", {})}
        self.redis = RedisCache(server, {**params, "OPTIONS": options})
        self.local = LocMemCache(f"fallback-{server}", {k: v for k, v in params.items() if k != "OPTIONS"})
        self._down_until = 0.0

    @property
    def redis_available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _call(self, method: str, *args, **kwargs):
        if self.redis_available:
            try:
                return getattr(self.redis, method)(*args, **kwargs)
            except UNREACHABLE as error:
                logger.warning("Redis unreachable (%s); using local memory for %ss", error, RETRY_SECONDS)
                self._down_until = time.monotonic() + RETRY_SECONDS
        return getattr(self.local, method)(*args, **kwargs)


def _delegate(method: str):
    def call(self, *args, **kwargs):
        return self._call(method, *args, **kwargs)

    call.__name__ = method
    return call


for _method in (
    "add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "decr",
    "set_many", "delete_many", "clear", "get_or_set", "close",
):  # fmt: skip
    setattr(FallbackRedisCache, _method, _delegate(_method))


class SharedFileCache(FileBasedCache):
    """Django's file cache, shared by one host's worker processes, culled every CULL_EVERY writes of a
    process rather than at each one: listing a folder of thousands of entries cost 4 ms a write, more
    than a cached page takes to serve. Between culls the folder may pass MAX_ENTRIES by that many writes
    per process."""

    CULL_EVERY = 100

    def _cull(self):
        self._writes = getattr(self, "_writes", 0) + 1
        if self._writes % self.CULL_EVERY == 0:
            super()._cull()
