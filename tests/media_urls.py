"""The site's routes plus uploads served by Django, as the development helper or a renditions view would."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from project.urls import urlpatterns as site_urlpatterns


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", media), *site_urlpatterns]
