from django.urls import path

from archive import views

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.article_detail, name="article-detail"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    path("sources/<slug:slug>/", views.source_detail, name="source"),
]
