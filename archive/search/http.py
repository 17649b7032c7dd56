"""HTTP caching of public search pages, so a proxy or CDN in front absorbs a spike after a story breaks.

An anonymous reader's page gets `Cache-Control: public, max-age=…, stale-while-revalidate=…` and an ETag
made of the archive's generation (archive.search.cache) and the address: a revalidation while nothing
changed is answered 304 after one query, without searching. Signed-in users' pages are not shared.
"""

import functools
import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control

from archive.search.cache import current_generation


def http_max_age() -> int:
    return int(getattr(settings, "ARCHIVE_SEARCH_HTTP_MAX_AGE", 60))


def http_stale_seconds() -> int:
    return int(getattr(settings, "ARCHIVE_SEARCH_HTTP_STALE_SECONDS", 300))


def page_etag(request) -> str:
    """A strong ETag of the page: the generation, the release being served and the full address."""
    text = f"{current_generation().tag}|{getattr(settings, 'ARCHIVE_RELEASE', '')}|{request.get_full_path()}"
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def public_page(view):
    """Cache headers, ETag and 304s for an anonymous reader's GET of `view`'s pages."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        user = getattr(request, "user", None)
        if request.method not in ("GET", "HEAD") or (user is not None and user.is_authenticated):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True)
            return response
        etag = page_etag(request)
        response = get_conditional_response(request, etag=etag)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return response
        response.headers["ETag"] = etag
        patch_cache_control(response, public=True, max_age=http_max_age(), stale_while_revalidate=http_stale_seconds())
        return response

    return wrapper
