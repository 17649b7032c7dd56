"""Per-partner request limits: the partner's own rate, or the default from settings."""

import logging

from django.core.cache import caches
from redis.exceptions import RedisError
from rest_framework.throttling import SimpleRateThrottle

from archive.models import PartnerAPIKey

logger = logging.getLogger(__name__)

CACHE_ALIAS = "api-throttle"
# Where counts go while Redis cannot be reached: requests still succeed, limited per worker.
FALLBACK_ALIAS = "api-throttle-fallback"


class PartnerRateThrottle(SimpleRateThrottle):
    """DRF's sliding-window throttle, keyed by partner (all of a partner's keys share one allowance)."""

    scope = "partner"

    def __init__(self):
        # The rate depends on the partner, known only once the request is authenticated.
        self.rate = None

    @property
    def cache(self):
        return caches[CACHE_ALIAS]

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, PartnerAPIKey):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.partner_id}

    def allow_request(self, request, view):
        if not isinstance(request.auth, PartnerAPIKey):
            return True
        self.rate = request.auth.partner.rate_limit or self.THROTTLE_RATES[self.scope]
        self.num_requests, self.duration = self.parse_rate(self.rate)
        try:
            return super().allow_request(request, view)
        except RedisError:
            logger.warning("Throttle counts unavailable in Redis; counting in this process for now.")
            fallback = _FallbackThrottle(self.rate)
            allowed = fallback.allow_request(request, view)
            self.history, self.now = fallback.history, fallback.now
            return allowed


class _FallbackThrottle(PartnerRateThrottle):
    def __init__(self, rate):
        self.rate = rate
        self.num_requests, self.duration = self.parse_rate(rate)

    @property
    def cache(self):
        return caches[FALLBACK_ALIAS]

    def allow_request(self, request, view):
        return SimpleRateThrottle.allow_request(self, request, view)
