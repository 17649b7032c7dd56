"""Start-up checks for the partner API's deployment (Django's system checks)."""

from django.conf import settings
from django.core import checks

PER_PROCESS_CACHE = "django.core.cache.backends.locmem.LocMemCache"


@checks.register(checks.Tags.caches)
def throttle_counts_are_shared(app_configs, **kwargs):
    """A cache of each process's own counts API requests per process: say so in production.

    Production shares one cache between its web workers: Redis (REDIS_URL) across hosts, or files under
    ARCHIVE_CACHE_DIR on one host (project/settings.py). Only a cache configured otherwise warns."""
    if not getattr(settings, "PRODUCTION", False):
        return []
    if settings.CACHES["default"]["BACKEND"] != PER_PROCESS_CACHE:
        return []
    return [
        checks.Warning(
            "API rate limits are counted per process: the default cache is each process's own memory, so "
            "each web worker keeps its own count and a partner may make its allowed requests once per worker.",
            hint="Leave CACHES as the settings make it (files under ARCHIVE_CACHE_DIR), or set REDIS_URL "
            "so every worker and host shares one count (docs/security.md, Throttling).",
            id="archive.W001",
        )
    ]
