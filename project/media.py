"""Photos under MEDIA_ROOT served by the site itself, for development (`make run`); see SERVE_MEDIA.

Only the image types the archive stores are served, each with its own Content-Type; anything else
under MEDIA_ROOT answers 404, so no upload can reach a browser as a page or a script; the upload
middleware (project.uploads) adds nosniff and the sandboxing policy to everything under MEDIA_URL.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.http import Http404
from django.views.decorators.http import require_safe
from django.views.static import serve

from archive.photos import CONTENT_TYPES


@require_safe
def serve_media(request, path: str):
    content_type = CONTENT_TYPES.get(PurePosixPath(path).suffix.lower().lstrip("."))
    if content_type is None:
        raise Http404("Not a photo.")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Type"] = content_type
    response["Cache-Control"] = "public, max-age=86400"
    return response
