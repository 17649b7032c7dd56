"""reverse(), remembered: a results page builds a few hundred links (facets, tags, articles, pages) from a
handful of URL patterns, and each reverse() costs tens of microseconds."""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

# Links to tags, places, sources and searches (a few thousand) and to the articles pages list. Past that,
# the least used fall out.
CACHED_URLS = 20_000


def cached_reverse(viewname: str, *args) -> str:
    """reverse(viewname, args=args), the same answer for the same URLconf and script prefix."""
    return _reverse(viewname, args, get_urlconf(), get_script_prefix())


@lru_cache(maxsize=CACHED_URLS)
def _reverse(viewname, args, urlconf, script_prefix) -> str:
    # urlconf and script_prefix are part of the key only: reverse() reads both from the request's thread.
    return reverse(viewname, urlconf=urlconf, args=args)


@receiver(setting_changed)
def _forget_on_new_urlconf(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()
