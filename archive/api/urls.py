"""/api/: the versioned partner API, its OpenAPI schema and its documentation page."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from archive.api import feed, views
from archive.api.errors import not_found

app_name = "api"

router = SimpleRouter()
router.register("articles", views.ArticleViewSet, basename="articles")
router.register("tags", views.TagViewSet, basename="tags")
router.register("sources", views.SourceViewSet, basename="sources")
router.register("photos", views.PhotoViewSet, basename="photos")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/changes/", feed.ChangeFeedView.as_view(), name="changes"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script as a file, which the site's Content-Security-Policy allows.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^", not_found),  # anything else under /api/, newlines included
]
