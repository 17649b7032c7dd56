"""Search curation in the admin: synonym groups (with a preview of what they add) and promoted results."""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html

from archive.admin.search import reader_count
from archive.models import Promotion, SynonymGroup


def preview_synonyms(group: SynonymGroup, sample_query: str) -> tuple[int, int]:
    """Articles the sample query finds now, and with `group` as it stands in the form.

    The trial group is written inside a savepoint that is rolled back: nothing is saved, and readers'
    searches in other transactions never see it.
    """
    before = reader_count(sample_query)
    with transaction.atomic():
        savepoint = transaction.savepoint()
        fields = {"terms": group.terms, "one_way": group.one_way, "is_active": True}
        if group.pk:
            SynonymGroup.objects.filter(pk=group.pk).update(**fields)
        else:
            SynonymGroup.objects.create(**fields)
        after = reader_count(sample_query)
        transaction.savepoint_rollback(savepoint)
    return before, after


class SynonymGroupForm(forms.ModelForm):
    sample_query = forms.CharField(
        required=False,
        max_length=300,
        help_text="A query to try the group on: “Preview” shows how many articles it finds without and with "
        "this group, before anything is saved.",
    )

    class Meta:
        model = SynonymGroup
        fields = ("terms", "one_way", "is_active", "note")

    def __init__(self, *args, preview_requested=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.preview_requested = preview_requested
        self.preview = None
        if not self.is_bound and self.initial.get("terms") and not self.initial.get("sample_query"):
            first = self.initial["terms"]
            self.fields["sample_query"].initial = first if isinstance(first, str) else ", ".join(first)[:300]

    def clean(self):
        cleaned = super().clean()
        sample = (cleaned.get("sample_query") or "").strip()
        if self.preview_requested and not self.errors:
            if not sample:
                raise forms.ValidationError("Type a sample query to preview the group.")
            self.instance.terms = cleaned.get("terms") or []
            self.instance.one_way = cleaned.get("one_way", False)
            before, after = preview_synonyms(self.instance, sample)
            self.preview = (sample, before, after)
            # Stops the save and shows the form again with the figures.
            raise forms.ValidationError(
                f"Preview (nothing saved yet): “{sample}” finds {before} article(s) now and {after} with this "
                f"group as in the form ({after - before:+d}). Press Save to keep it.",
                code="preview",
            )
        return cleaned


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin):
    form = SynonymGroupForm
    list_display = ("__str__", "one_way", "is_active", "note", "updated_at")
    list_filter = ("is_active", "one_way")
    search_fields = ("terms", "note")
    fields = ("terms", "one_way", "is_active", "note", "sample_query")
    change_form_template = "admin/archive/synonymgroup/change_form.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        preview = request.method == "POST" and "_preview" in request.POST

        class Form(form_class):
            def __init__(self, *args, **kw):
                super().__init__(*args, preview_requested=preview, **kw)

        return Form

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        # Arriving from the insights report with ?terms=<query>: the query is the first term.
        if isinstance(initial.get("terms"), str):
            initial["terms"] = [initial["terms"]]
        return initial

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        sample = form.cleaned_data.get("sample_query", "").strip()
        if sample:
            self.message_user(request, f"“{sample}” now finds {reader_count(sample)} article(s).", messages.INFO)


class PromotionStateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("current", "Current"), ("upcoming", "Not started"), ("ended", "Ended")]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "current":
            return queryset.current(now)
        if self.value() == "upcoming":
            return queryset.filter(starts_at__gt=now)
        if self.value() == "ended":
            return queryset.filter(ends_at__lte=now)
        return queryset


@admin.register(Promotion)
class PromotionAdmin(admin.ModelAdmin):
    list_display = ("article", "target", "match", "position", "starts_at", "ends_at", "is_current")
    list_display_links = ("article",)
    list_editable = ("position",)
    list_filter = (PromotionStateFilter, "match")
    list_select_related = ("article", "tag")
    search_fields = ("query", "article__title", "tag__name")
    autocomplete_fields = ("article", "tag")
    fields = ("query", "match", "tag", "article", "position", "starts_at", "ends_at", "note")
    ordering = ("normalized_query", "tag__name", "position")

    @admin.display(description="for")
    def target(self, obj):
        if obj.tag_id:
            return format_html("tag page: {}", obj.tag.name)
        return format_html("“{}”", obj.query)

    @admin.display(description="current", boolean=True)
    def is_current(self, obj):
        now = timezone.now()
        return (obj.starts_at is None or obj.starts_at <= now) and (obj.ends_at is None or obj.ends_at > now)
