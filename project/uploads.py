"""Uploads served from the site's own origin never run as a page or a script.

An upload is whatever its uploader made it. An SVG or HTML "photo" opened from the site's origin
would run its script with the site's cookies, and an uploaded JavaScript file would satisfy the
site's own `script-src 'self'`. So whatever serves MEDIA_URL through Django (the development
helper, a renditions view) gets these headers: raster images stay inline, anything else becomes a
download of a neutral type, and nothing there may run script (a sandboxing policy, nosniff).
Uploads served by the proxy or from another origin need the same rules there (docs/security.md).
"""

from urllib.parse import urlsplit

from django.conf import settings

# Types a browser only ever draws. SVG is not one of them: it is a document that can hold script.
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"})
UPLOAD_POLICY = "default-src 'none'; img-src 'self'; sandbox"


class UploadHeadersMiddleware:
    """Sits above the site's Content-Security-Policy middleware, so its policy for uploads wins."""

    def __init__(self, get_response):
        self.get_response = get_response
        media = urlsplit(settings.MEDIA_URL)
        # A MEDIA_URL on another host is another origin: nothing of the site's to protect here.
        self.prefix = None if media.netloc else "/" + media.path.lstrip("/")

    def __call__(self, request):
        response = self.get_response(request)
        if self.prefix and request.path.startswith(self.prefix) and response.status_code < 400:
            content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
            if content_type not in INLINE_TYPES:
                response["Content-Type"] = "application/octet-stream"
                # Keeps the file name FileResponse gave (`inline; filename="…"`).
                _, _, name = response.get("Content-Disposition", "").partition(";")
                response["Content-Disposition"] = "attachment" + (f";{name}" if name else "")
            response["X-Content-Type-Options"] = "nosniff"
            response["Content-Security-Policy"] = UPLOAD_POLICY
        return response
