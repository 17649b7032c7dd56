"""Partners in the admin: their keys (created here, shown once), rates and daily request counts."""

import datetime

from django.contrib import admin, messages
from django.db.models import F, OuterRef, Subquery, Sum
from django.utils import timezone
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey

from archive.admin.readonly import ReadOnlyAdminMixin
from archive.models import ChangeEvent, Partner, PartnerAPIKey, PartnerUsage

# The library's own key model is unused here: partners' keys are PartnerAPIKey.
if admin.site.is_registered(APIKey):
    admin.site.unregister(APIKey)


class PartnerAPIKeyInline(admin.TabularInline):
    model = PartnerAPIKey
    fields = ["prefix", "name", "created", "last_used_at", "expiry_date", "revoked"]
    readonly_fields = ["prefix", "name", "created", "last_used_at"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        # A key is made by the "Create a new key" action, which can show the key once.
        return False


class PartnerUsageInline(admin.TabularInline):
    model = PartnerUsage
    fields = ["day", "requests"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "requests per day (last 30 days)"

    def get_queryset(self, request):
        since = timezone.now().date() - datetime.timedelta(days=30)
        return super().get_queryset(request).filter(day__gte=since)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active", "rate", "requests_today", "requests_week", "last_used"]
    list_filter = ["is_active"]
    search_fields = ["name", "contact_email", "api_keys__prefix"]
    readonly_fields = ["created_at"]
    inlines = [PartnerAPIKeyInline, PartnerUsageInline]
    actions = ["create_key", "revoke_keys"]

    def get_queryset(self, request):
        today = timezone.now().date()
        usage = PartnerUsage.objects.filter(partner=OuterRef("pk"))
        week = usage.filter(day__gt=today - datetime.timedelta(days=7)).values("partner").annotate(n=Sum("requests"))
        keys = PartnerAPIKey.objects.filter(partner=OuterRef("pk")).order_by(F("last_used_at").desc(nulls_last=True))
        return (
            super()
            .get_queryset(request)
            .annotate(
                today_count=Subquery(usage.filter(day=today).values("requests")[:1]),
                week_count=Subquery(week.values("n")[:1]),
                last_used_at=Subquery(keys.values("last_used_at")[:1]),
            )
        )

    @admin.display(description="rate")
    def rate(self, partner):
        return partner.rate_limit or "default"

    @admin.display(description="requests today", ordering="today_count")
    def requests_today(self, partner):
        return partner.today_count or 0

    @admin.display(description="last 7 days", ordering="week_count")
    def requests_week(self, partner):
        return partner.week_count or 0

    @admin.display(description="last used", ordering="last_used_at")
    def last_used(self, partner):
        return partner.last_used_at

    # Keys are credentials: minting or revoking one is a change to the partner, not something viewing allows.
    @admin.action(description="Create a new API key (shown once)", permissions=["change"])
    def create_key(self, request, queryset):
        for partner in queryset:
            _, key = partner.create_key()
            self.message_user(
                request,
                f"New key for {partner}: {key} — copy it now, it will not be shown again.",
                messages.WARNING,
            )

    @admin.action(description="Revoke every key of the selected partners", permissions=["change"])
    def revoke_keys(self, request, queryset):
        count = PartnerAPIKey.objects.filter(partner__in=queryset, revoked=False).update(revoked=True)
        self.message_user(request, f"Revoked {count} key(s); they stop working on the next request.", messages.SUCCESS)


@admin.register(PartnerAPIKey)
class PartnerAPIKeyAdmin(APIKeyModelAdmin):
    """The library's key admin (key shown once on creation), with the partner and last use."""

    list_display = ["prefix", "partner", "name", "created", "last_used_at", "expiry_date", "_has_expired", "revoked"]
    list_filter = ["revoked", "partner"]
    list_select_related = ["partner"]
    search_fields = ["prefix", "name", "partner__name"]
    autocomplete_fields = ["partner"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "last_used_at"]


@admin.register(ChangeEvent)
class ChangeEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The change feed as partners receive it (read-only: the database writes it)."""

    list_display = ["occurred_at", "kind", "reason", "slug", "merged_into", "released"]
    list_filter = ["kind", "reason"]
    search_fields = ["slug", "merged_into"]
    date_hierarchy = "occurred_at"
    show_full_result_count = False

    @admin.display(description="in the feed", boolean=True)
    def released(self, event):
        return event.txid is not None
