import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from project import health, media

urlpatterns = [
    # Normally answered by project.health.HealthCheckMiddleware before host checks; routed for reverse().
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("api/", include("archive.api.urls")),
    path("", include("archive.urls")),
]

if settings.SERVE_MEDIA and not settings.MEDIA_URL.startswith(("http://", "https://")):
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns.insert(-1, re_path(rf"^{re.escape(media_prefix)}/(?P<path>.+)$", media.serve_media, name="media"))
