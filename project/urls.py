from django.contrib import admin
from django.urls import include, path

from project import health

urlpatterns = [
    # Normally answered by project.health.HealthCheckMiddleware before host checks; routed for reverse().
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("api/", include("archive.api.urls")),
    path("", include("archive.urls")),
]
