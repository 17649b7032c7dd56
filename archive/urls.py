from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from archive import feeds, views
from archive.sitemaps import SITEMAPS, cached_until_public_view_changes

app_name = "archive"

sitemap_cache = cached_until_public_view_changes

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("search/suggest", views.suggest, name="suggest"),
    path("search/feed/", feeds.SearchFeed(), name="feed-search"),
    path("articles/<slug:slug>/", views.article_detail, name="article-detail"),
    path("tags/", views.tag_index, name="tag-index"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    path("tags/<slug:slug>/feed/", feeds.TagFeed(), name="feed-tag"),
    path("places/", views.place_index, name="place-index"),
    path("sources/", views.source_index, name="source-index"),
    path("sources/<slug:slug>/", views.source_detail, name="source"),
    path("archive/", views.archive_index, name="browse"),
    path("archive/<int:year>/", views.archive_year, name="browse-year"),
    path("archive/<int:year>/<int:month>/", views.archive_month, name="browse-month"),
    path("feeds/latest/", feeds.LatestArticlesFeed(), name="feed-latest"),
    path(
        "sitemap.xml",
        sitemap_cache(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "archive:sitemap"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_cache(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS, "template_name": "archive/sitemap.xml"},
        name="sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
]
