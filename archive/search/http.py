"""HTTP caching of the reader site's public pages (search, home, articles, tags, sources), so a proxy or
CDN in front absorbs a spike after a story breaks.

An anonymous reader's page gets `Cache-Control: public, max-age=…, stale-while-revalidate=…` and an ETag
made of the archive's generation (archive.search.cache) and the address. A revalidation while nothing
changed is answered 304 after one query, without searching; a page already rendered under the same
ETag is served from Django's cache, without searching or rendering. Signed-in users' pages are private.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import get_script_prefix
from django.utils.cache import get_conditional_response, patch_cache_control

from archive.search.cache import cache_seconds, caching_whole_page, held_generation


def http_max_age() -> int:
    return int(getattr(settings, "ARCHIVE_SEARCH_HTTP_MAX_AGE", 60))


def http_stale_seconds() -> int:
    return int(getattr(settings, "ARCHIVE_SEARCH_HTTP_STALE_SECONDS", 300))


def page_etag(request, generation) -> str:
    """A strong ETag of the page: the generation, the release being served and the full address (with the
    prefix the site is served under, which its links carry)."""
    address = f"{get_script_prefix()}|{request.build_absolute_uri()}"
    text = f"{generation.tag}|{getattr(settings, 'ARCHIVE_RELEASE', '')}|{address}"
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def public_page(view):
    """Cache headers, ETag, 304s and rendered pages for an anonymous reader's GET of `view`'s pages."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        user = getattr(request, "user", None)
        # Without a cache the generation would not make an exact ETag either (see cache_seconds()).
        if cache_seconds() <= 0:
            return view(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or (user is not None and user.is_authenticated):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True)
            return response
        with held_generation() as generation:
            etag = page_etag(request, generation)
            response = get_conditional_response(request, etag=etag) or _rendered(etag, view, request, *args, **kwargs)
        if response.status_code not in (200, 304):
            return response
        response.headers["ETag"] = etag
        patch_cache_control(response, public=True, max_age=http_max_age(), stale_while_revalidate=http_stale_seconds())
        return response

    return wrapper


def _rendered(etag: str, view, request, *args, **kwargs):
    """The page under this ETag from the cache, or rendered now (and kept when it is a 200)."""
    key = f"archive:search:http:{etag}"
    seconds = cache_seconds()
    kept = cache.get(key) if seconds > 0 else None
    if kept is not None:
        content, content_type = kept
        return HttpResponse(content, content_type=content_type)
    with caching_whole_page():
        response = view(request, *args, **kwargs)
    if seconds > 0 and response.status_code == 200 and not response.streaming and not response.cookies:
        cache.set(key, (response.content, response.headers.get("Content-Type")), seconds)
    return response
