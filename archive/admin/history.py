"""History in the admin: each version of an article or tag with who or what made it, and revert.

The history page lists versions (archive.history.versions), newest first; each older version has a
revert page that shows what it held and, on POST, writes it back (archive.history.revert). Seeing the
history needs view permission; reverting needs change permission on the object.
"""

import uuid
from types import SimpleNamespace

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from archive.history.revert import CannotRevert, revert
from archive.history.versions import state_at, versions


class HistoryAdmin(admin.ModelAdmin):
    """A model admin whose history page and revert read the database-kept history of `tracked`."""

    tracked = None  # an archive.history.versions.Tracked
    object_history_template = "admin/archive/object_history.html"
    revert_template = "admin/archive/revert_version.html"

    def get_urls(self):
        revert_url = path(
            "<path:object_id>/history/<str:version_id>/",
            self.admin_site.admin_view(self.revert_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_revert",
        )
        return [revert_url, *super().get_urls()]

    def _object_or_404(self, request, object_id):
        if not str(object_id).isdecimal():
            raise Http404
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        return obj

    def history_view(self, request, object_id, extra_context=None):
        obj = self._object_or_404(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {obj}",
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "versions": versions(self.tracked, obj.pk),
            "can_revert": self.has_change_permission(request, obj),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def revert_view(self, request, object_id, version_id):
        obj = self._object_or_404(request, object_id)
        try:
            version_uuid = uuid.UUID(version_id)
        except ValueError:
            raise Http404 from None
        history = versions(self.tracked, obj.pk)
        version = next((v for v in history if v.id == version_uuid), None)
        if version is None:
            raise Http404
        history_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk])
        if request.method == "POST":
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
            try:
                result = revert(self.tracked, obj, version_uuid)
            except (CannotRevert, IntegrityError) as exc:
                self.message_user(request, f"Not reverted: {_reason(exc)}", messages.ERROR)
                return redirect(history_url)
            self.after_revert(request, obj)
            text = f"Reverted to the version of {version.at:%Y-%m-%d %H:%M:%S} ({version.author})."
            if result.skipped:
                text += f" Left out, as they no longer exist: {', '.join(result.skipped)}."
            self.message_user(request, text, messages.WARNING if result.skipped else messages.SUCCESS)
            return redirect(history_url)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Revert {obj}?",
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "version": version,
            "state": _readable(self.tracked, state_at(self.tracked, obj.pk, version_uuid)),
            "is_current": version is history[0],
            "can_revert": self.has_change_permission(request, obj),
            "history_url": history_url,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.revert_template, context)

    def after_revert(self, request, obj) -> None:
        """What a save in the admin would do next (an article's duplicate check)."""


def _readable(tracked, state) -> dict:
    """A state as the revert page lists it: (label, value) per field, and a line per part's row."""
    fields = []
    for name, value in (state.fields or {}).items():
        model_field = tracked.model._meta.get_field(name)
        if model_field.is_relation and value is not None:
            value = model_field.related_model._default_manager.filter(pk=value).first() or f"#{value} (deleted)"
        elif isinstance(value, bool):
            value = "yes" if value else "no"
        fields.append((model_field.verbose_name, value))
    parts = [
        (part.name, [part.describe(SimpleNamespace(**row, pgh_obj_id=row["id"])) for row in state.parts[part.name]])
        for part in tracked.parts
    ]
    return {"exists": state.fields is not None, "fields": fields, "parts": parts}


def _reason(exc: Exception) -> str:
    if isinstance(exc, IntegrityError):
        return "it clashes with another item as things stand now (a name or address taken since)."
    return str(exc)
