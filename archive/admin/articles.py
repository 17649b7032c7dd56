"""Articles in the admin: the change list, the edit form, the workflow actions, preview and revert."""

from adminsortable2.admin import SortableAdminBase
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import model_format_dict
from django.contrib.admin.views.main import ORDER_VAR, SEARCH_VAR
from django.db import models
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.views.decorators.cache import never_cache

from archive import duplicates, workflow
from archive.admin import filters
from archive.admin.forms import ArticleForm, TagPickForm
from archive.admin.history import HistoryAdmin
from archive.admin.photos import PhotoInline, add_uploaded_photos, photos_needing_renditions
from archive.admin.search import RANKED_AT_MOST, SearchPaginator, search_articles
from archive.history.context import recorded_as
from archive.history.versions import ARTICLE
from archive.insights import record_search
from archive.models import Article, Credit, DuplicateFlag, Photo
from archive.renditions import renditions_after_commit
from archive.search.core import count_matches
from archive.textsearch import refresh_article_text


class CreditInline(admin.TabularInline):
    model = Credit
    extra = 0
    fields = ("position", "role", "name")


@admin.register(Article)
class ArticleAdmin(SortableAdminBase, HistoryAdmin):
    tracked = ARTICLE
    form = ArticleForm
    inlines = [PhotoInline, CreditInline]
    list_display = (
        "title",
        "status_label",
        "source",
        "published_at",
        "tag_names",
        "photo_count",
        "needs_title",
        "duplicate",
    )
    list_filter = (
        filters.StatusFilter,
        ("source", admin.RelatedOnlyFieldListFilter),
        filters.TagFilter,
        filters.PlaceFilter,
        filters.YearFilter,
        filters.HasPhotosFilter,
        "needs_title",
        filters.DuplicateFilter,
        filters.LanguageFilter,
    )
    list_select_related = ("source",)
    list_per_page = 50
    # Counting every match of a common word costs more than the page itself.
    show_full_result_count = False
    # No date_hierarchy: its links are the distinct days of every match, seconds for a common word at a
    # million articles; the year filter does the same job.
    search_fields = ("title",)  # shows the search box; the search itself is the archive's own (below)
    search_help_text = 'Full-text search, as on the site: words, "phrases", OR, -word.'
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("source",)
    readonly_fields = ("version", "created_at", "updated_at", "content_hash", "possible_duplicates")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ("publish", "send_to_review", "unpublish", "add_tag", "remove_tag")
    fieldsets = (
        (None, {"fields": ("title", "slug", "needs_title", "dek", "body")}),
        ("Publication", {"fields": ("status", "publish_at", "published_at", "source", "article_tags")}),
        ("Origin", {"fields": ("original_url", "external_id", "language"), "classes": ("collapse",)}),
        ("Photos", {"fields": ("add_photos",)}),
        (
            "Record",
            {"fields": ("lock_version", "version", "created_at", "updated_at", "content_hash", "possible_duplicates")},
        ),
    )

    # The change list

    def get_queryset(self, request):
        photos = Photo.objects.filter(article=OuterRef("pk")).order_by().values("article").annotate(n=Count("*"))
        return (
            super()
            .get_queryset(request)
            .annotate(
                photo_total=Coalesce(Subquery(photos.values("n"), output_field=IntegerField()), Value(0)),
                has_duplicate=Exists(DuplicateFlag.objects.filter(article=OuterRef("pk"))),
            )
            .prefetch_related("tags")
        )

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        if request.GET.get(SEARCH_VAR, "").strip():
            return SearchPaginator(
                queryset,
                per_page,
                orphans,
                allow_empty_first_page,
                known_count=getattr(request, "archive_search_count", None),
            )
        return super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        chosen = queryset.query.order_by
        results = search_articles(queryset, search_term)
        total, estimated = count_matches(results)
        request.archive_search_count = total
        # Best match first, unless the editor sorts by a column.
        if ORDER_VAR in request.GET and chosen:
            return results.order_by(*chosen), False
        if total > RANKED_AT_MOST:
            # Ranking every article a word most of the archive holds takes seconds; newest first takes
            # milliseconds (the date index), and the editor is told how to get a ranking.
            if request.resolver_match and request.resolver_match.url_name.endswith("_changelist"):
                self.message_user(
                    request,
                    f"{'About ' if estimated else ''}{total:,} articles match, listed newest "
                    "first: add words or filters to rank them by relevance.",
                    messages.INFO,
                )
            return results.order_by("-published_at", "-id"), False
        return results, False

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None and changelist.query.strip():
            record_search(changelist.query, "admin", changelist.result_count)
        return response

    @admin.display(description="status", ordering="status")
    def status_label(self, obj):
        if obj.status == Article.Status.PUBLISHED and obj.publish_at and obj.publish_at > timezone.now():
            return format_html(
                "scheduled <small>{}</small>", timezone.localtime(obj.publish_at).strftime("%Y-%m-%d %H:%M")
            )
        return obj.get_status_display()

    @admin.display(description="tags")
    def tag_names(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())

    @admin.display(description="photos", ordering="photo_total")
    def photo_count(self, obj):
        return obj.photo_total

    @admin.display(description="dup?", boolean=True, ordering="has_duplicate")
    def duplicate(self, obj):
        return obj.has_duplicate

    # The edit form

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        form.admin_site = self.admin_site
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.has_perm("archive.add_photo"):
            return fieldsets
        return [(name, options) for name, options in fieldsets if "add_photos" not in options["fields"]]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not workflow.can_publish(request.user):
            fields.append("publish_at")
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        # The slug is the article's public address: it is set once, when the article is created.
        return self.prepopulated_fields if obj is None else {}

    @admin.display(description="possible duplicates")
    def possible_duplicates(self, obj):
        if obj is None or not obj.pk:
            return "-"
        flags = duplicates.flags_for(obj)
        if not flags:
            return "none found"
        rows = []
        for flag in flags:
            other = flag.other if flag.article_id == obj.pk else flag.article
            url = reverse("admin:archive_article_change", args=[other.pk])
            rows.append((url, other.title, other.get_status_display(), flag.get_reason_display()))
        return format_html("<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a> ({}, {})</li>', rows))

    def view_on_site(self, obj):
        if obj.is_public:
            return obj.get_absolute_url()
        return reverse("admin:archive_article_preview", args=[obj.pk])

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and workflow.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and workflow.can_edit(request.user, obj)

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    def save_model(self, request, obj, form, change):
        # From the stored version, not the copy the form was built from.
        current = Article.objects.filter(pk=obj.pk).values_list("version", flat=True).first() if change else 0
        obj.version = (current or 0) + 1
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        uploads = form.cleaned_data.get("add_photos") if request.user.has_perm("archive.add_photo") else None
        added = add_uploaded_photos(form.instance, uploads or [])
        if added:
            self.message_user(
                request, f"Added {len(added)} photo{'s' if len(added) != 1 else ''}: write their captions below."
            )
        renditions_after_commit(photos_needing_renditions(form.instance, formsets))
        self._after_save(request, form.instance)

    def _after_save(self, request, article):
        refresh_article_text([article.pk])
        flags = duplicates.flag_duplicates(article)
        if flags:
            links = format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                ((reverse("admin:archive_article_change", args=[f.other_id]), f.other.title) for f in flags),
            )
            self.message_user(request, format_html("This article closely matches: {}", links), messages.WARNING)

    # History (archive.admin.history): after a revert, what a save does next.

    def after_revert(self, request, obj):
        self._after_save(request, obj)

    # Actions

    def response_action(self, request, queryset):
        # The changes an action makes are one version of each article, named after the action.
        action = request.POST.get("action", "")
        description = self.get_actions(request).get(action, (None, None, action))[2]
        with recorded_as(f"bulk action: {description % model_format_dict(self.opts)}"):
            return super().response_action(request, queryset)

    @admin.action(description="Publish selected articles", permissions=["publish"])
    def publish(self, request, queryset):
        changed = workflow.set_status(queryset, Article.Status.PUBLISHED)
        self.message_user(request, f"Published {changed} article(s).", messages.SUCCESS)

    @admin.action(description="Send selected articles to review", permissions=["change"])
    def send_to_review(self, request, queryset):
        editable = workflow.editable_by(request.user, queryset)
        changed = workflow.set_status(editable, Article.Status.REVIEW)
        self._report(request, f"Sent {changed} article(s) to review.", queryset, editable)

    @admin.action(description="Archive (unpublish) selected articles", permissions=["publish"])
    def unpublish(self, request, queryset):
        changed = workflow.set_status(queryset, Article.Status.ARCHIVED)
        self.message_user(request, f"Archived {changed} article(s); they are no longer public.", messages.SUCCESS)

    @admin.action(description="Add a tag to selected articles", permissions=["change"])
    def add_tag(self, request, queryset):
        return self._tag_action(request, queryset, workflow.add_tag, "add_tag", "Add a tag", "Tagged {n} with {tag}.")

    @admin.action(description="Remove a tag from selected articles", permissions=["change"])
    def remove_tag(self, request, queryset):
        return self._tag_action(
            request, queryset, workflow.remove_tag, "remove_tag", "Remove a tag", "Removed {tag} from {n}."
        )

    def _tag_action(self, request, queryset, change, action, title, done):
        editable = workflow.editable_by(request.user, queryset)
        form = TagPickForm(request.POST if "apply" in request.POST else None, admin_site=self.admin_site)
        if form.is_valid():
            tag = form.cleaned_data["tag"]
            changed = change(editable, tag)
            self._report(request, done.format(n=f"{changed} article(s)", tag=tag.name), queryset, editable)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "form": form,
            "media": self.media + form.media,
            "articles": queryset[:50],
            "count": queryset.count(),
            "action": action,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
        }
        return TemplateResponse(request, "admin/archive/article/tag_action.html", context)

    def _report(self, request, text, queryset, editable):
        skipped = queryset.count() - editable.count()
        if skipped:
            text += f" {skipped} published or archived article(s) were left alone: only editors change those."
        self.message_user(request, text, messages.WARNING if skipped else messages.SUCCESS)

    # Preview

    def get_urls(self):
        from archive.admin import imports

        extra = [
            path("<int:object_id>/preview/", never_cache(self.preview_view), name="archive_article_preview"),
            path("import/", self.admin_site.admin_view(imports.import_view), name="archive_article_import"),
            path(
                "import/<int:pk>/",
                self.admin_site.admin_view(imports.progress_view),
                name="archive_article_import_progress",
            ),
        ]
        return extra + super().get_urls()

    def preview_view(self, request, object_id):
        """The article as readers will see it; staff only, and a 404 (not a login page) for anyone else."""
        if not (request.user.is_active and request.user.is_staff and self.has_view_permission(request)):
            raise Http404
        article = get_object_or_404(
            Article.objects.select_related("source").prefetch_related("tags", "photos", "credits"), pk=object_id
        )
        return TemplateResponse(request, "admin/archive/article/preview.html", {"article": article, "preview": True})
