"""Tags and sources in the admin: usage counts, aliases, and merging several tags into one."""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import models
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from archive.admin import filters
from archive.admin.forms import MergeTagsForm
from archive.admin.history import HistoryAdmin
from archive.history.versions import TAG
from archive.models import Source, Tag, TagAlias
from archive.tagging import merge_tags


class TagAliasInline(admin.TabularInline):
    model = TagAlias
    extra = 1
    fields = ("name",)


@admin.register(Tag)
class TagAdmin(HistoryAdmin):
    tracked = TAG
    list_display = ("name", "kind", "usage", "alias_names", "slug")
    list_filter = ("kind",)
    search_fields = ("name", "aliases__name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [TagAliasInline]
    actions = ("merge",)
    list_per_page = 100
    ordering = ("name",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(usage_count=Count("articletag", distinct=True))
            .prefetch_related("aliases")
        )

    @admin.display(description="articles", ordering="usage_count")
    def usage(self, obj):
        parameter = "place" if obj.kind == Tag.Kind.PLACE else "tag"
        url = reverse("admin:archive_article_changelist") + "?" + urlencode({parameter: obj.slug})
        return format_html('<a href="{}">{}</a>', url, obj.usage_count)

    @admin.display(description="aliases")
    def alias_names(self, obj):
        return ", ".join(alias.name for alias in obj.aliases.all())

    def after_revert(self, request, obj):
        filters.forget_choices()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        filters.forget_choices()

    def has_merge_permission(self, request):
        return request.user.has_perms(["archive.change_tag", "archive.delete_tag"])

    @admin.action(description="Merge selected tags into one", permissions=["merge"])
    def merge(self, request, queryset):
        tags = queryset.order_by("name")
        if tags.count() < 2:
            self.message_user(request, "Select at least two tags to merge.", messages.WARNING)
            return None
        form = MergeTagsForm(request.POST if "apply" in request.POST else None, tags=Tag.objects.filter(pk__in=tags))
        if form.is_valid():
            result = merge_tags(form.cleaned_data["target"], list(tags))
            filters.forget_choices()
            self.message_user(
                request,
                f"Merged {', '.join(result.merged)} into {result.target.name}: {result.articles_retagged} article(s) "
                f"newly tagged {result.target.name}; aliases added: {', '.join(result.aliases_added) or 'none'}.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge tags",
            "opts": self.model._meta,
            "form": form,
            "tags": tags.annotate(n=Count("articletag")),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
        }
        return TemplateResponse(request, "admin/archive/tag/merge.html", context)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "homepage", "article_count")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n=Count("articles"))

    @admin.display(description="articles", ordering="n")
    def article_count(self, obj):
        return obj.n
