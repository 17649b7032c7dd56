"""Start-up checks for the partner API's deployment (Django's system checks)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.caches)
def throttle_counts_are_shared(app_configs, **kwargs):
    """Without Redis, every process counts a partner's requests on its own: say so in production."""
    if not getattr(settings, "PRODUCTION", False) or settings.REDIS_URL:
        return []
    return [
        checks.Warning(
            "API rate limits are counted per process: REDIS_URL is not set, so each web worker keeps its "
            "own count and a partner may make its allowed requests once per worker.",
            hint="Set REDIS_URL so every worker and host shares one count (docs/security.md, Throttling).",
            id="archive.W001",
        )
    ]
