"""Per-partner request limits: the partner's own rate, or the default from settings.

Counts live in the default cache: Redis when REDIS_URL is set, so every worker and host shares them,
and this process's memory otherwise or while Redis is unreachable (project.cache).
"""

from rest_framework.throttling import SimpleRateThrottle

from archive.models import PartnerAPIKey


class PartnerRateThrottle(SimpleRateThrottle):
    """DRF's sliding-window throttle, keyed by partner (all of a partner's keys share one allowance)."""

    scope = "partner"

    def __init__(self):
        # The rate depends on the partner, known only once the request is authenticated.
        self.rate = None

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, PartnerAPIKey):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.partner_id}

    def allow_request(self, request, view):
        if not isinstance(request.auth, PartnerAPIKey):
            return True
        self.rate = request.auth.partner.rate_limit or self.THROTTLE_RATES[self.scope]
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)


def cache_key(partner) -> str:
    """Where a partner's recent requests are counted (for tests and support)."""
    return PartnerRateThrottle.cache_format % {"scope": PartnerRateThrottle.scope, "ident": partner.pk}
