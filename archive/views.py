"""The public site: only published, non-embargoed articles appear here."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from archive.models import Article, Source, Tag


def home(request):
    published = Article.objects.published()
    context = {
        "latest": published.select_related("source")[:20],
        "article_count": published.count(),
        "top_tags": Tag.objects.annotate(
            n=Count("articles", filter=Q(articles__in=published))
        ).filter(n__gt=0).order_by("-n", "name")[:20],
    }
    return render(request, "archive/home.html", context)


def article_detail(request, slug):
    article = get_object_or_404(
        Article.objects.published().select_related("source").prefetch_related("tags", "photos", "credits"), slug=slug
    )
    return render(request, "archive/article_detail.html", {"article": article})


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().filter(tags=tag).select_related("source")[:50]
    return render(request, "archive/article_list.html", {"heading": tag.name, "articles": articles})


def source_detail(request, slug):
    source = get_object_or_404(Source, slug=slug)
    articles = Article.objects.published().filter(source=source).select_related("source")[:50]
    return render(request, "archive/article_list.html", {"heading": source.name, "articles": articles})
