"""Import in the admin: upload raw text, saved web pages or JSON Lines, preview the articles, confirm; a job imports them.

The uploaded files are kept in the default storage (so any web server can take the confirmation and
the worker can read them) and go through the same parser and store as `manage.py import_articles`
(archive.importers.uploads). The preview shows each article of an upload of up to PREVIEW_LIMIT
articles, to tick or untick, each as the import will treat it: created, updated, or refused with the
reason (archive.importers.permissions: what the uploading editor may change); a larger upload shows its
first ones and is imported whole, under the same rules. The import
itself runs in the background (archive.jobs.import_upload), as the uploading editor; its page shows
how far it got, then the summary with one line per file or line that failed.
"""

from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin import site
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse

from archive import duplicates, jobs
from archive.importers import uploads
from archive.importers.permissions import Decision, ImportPermissions, decide
from archive.importers.record import Record, SourceRef, TagRef
from archive.importers.store import Store, find_tag
from archive.models import AdminImport, Article, Source, Tag
from archive.workflow import can_publish

# Uploads with more articles than this are previewed by their first ones and imported whole.
PREVIEW_LIMIT = 500
# The editor's recent imports listed under the upload form.
RECENT_IMPORTS = 5


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if not data and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    # Empty files are reported by the reader, per file, like every other bad file.
    files = MultipleFileField(
        allow_empty_file=True,
        help_text="Raw text articles (.txt), saved web pages (.html, .htm) or JSON Lines (.jsonl), one or more.",
    )
    source = forms.ModelChoiceField(
        queryset=Source.objects.all(), required=False, help_text="The outlet, for texts that do not name their own."
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        size, limit = sum(upload.size for upload in files), settings.ARCHIVE_IMPORT_MAX_BYTES
        if size > limit:
            raise forms.ValidationError(
                f"These files come to {filesizeformat(size)}; an import takes at most {filesizeformat(limit)}. "
                "Split them, or import them with manage.py import_articles."
            )
        return files


@dataclass
class Item:
    """One article of the preview."""

    index: int
    origin: str
    record: Record
    dropped: list[str] = field(default_factory=list)
    similar: list = field(default_factory=list)
    decision: Decision | None = None

    tags: list = field(default_factory=list)

    @property
    def existing(self) -> Article | None:
        return self.decision.existing if self.decision else None

    @property
    def places(self):
        return [tag for tag in self.tags if tag.kind == "place"]

    @property
    def topics(self):
        return [tag for tag in self.tags if tag.kind != "place"]


@dataclass(frozen=True)
class TagPreview:
    name: str
    kind: str
    new: bool


def preview_tag(ref: TagRef) -> TagPreview:
    """The tag the import will attach for `ref`, found as the store finds it, without creating anything."""
    name, kind, tag = find_tag(ref)
    if tag is not None:
        return TagPreview(tag.name, tag.kind, False)
    return TagPreview(name, kind or Tag.Kind.TOPIC, True)


def read_preview(
    upload: AdminImport, source: SourceRef | None, permissions: ImportPermissions
) -> tuple[list[Item], list[str], bool]:
    """The first PREVIEW_LIMIT articles of the upload as the import would treat them, one clear error per
    bad file or line, and whether there are more articles than that."""
    items, errors, more = [], [], False
    for entry in uploads.read_entries(upload.files, source):
        if isinstance(entry, uploads.EntryError):
            errors.append(entry.message)
        elif len(items) == PREVIEW_LIMIT:
            more = True
            break
        else:
            items.append(Item(entry.index, entry.origin, entry.record, entry.dropped))
    store = Store(publish=False)
    for item in items:
        item.decision = decide(store, uploads.as_draft(item.record), permissions)
        item.tags = [preview_tag(ref) for ref in item.decision.record.tags]
        if item.existing is None and not more:
            item.similar = duplicates.find_duplicates(item.record.title, item.record.body)
    return items, errors, more


def import_view(request):
    """Step 1 (upload, then preview) and step 2 (confirm: a job creates the chosen articles as drafts)."""
    if not request.user.has_perm("archive.add_article"):
        raise PermissionDenied
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    form = UploadForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    context = {
        **site.each_context(request),
        "title": "Import articles",
        "opts": Article._meta,
        "form": form,
        "recent": AdminImport.objects.filter(user=request.user).exclude(status=AdminImport.Status.PREVIEW)[
            :RECENT_IMPORTS
        ],
        "limit": settings.ARCHIVE_IMPORT_MAX_BYTES,
    }
    if request.method == "POST" and form.is_valid():
        source = form.cleaned_data["source"]
        ref = SourceRef(source.name, source.slug, source.homepage) if source else None
        files = form.cleaned_data["files"]
        upload = AdminImport.objects.create(
            user=request.user,
            source=source,
            files=[uploads.store_upload(file) for file in files],
            size=sum(file.size for file in files),
        )
        items, errors, more = read_preview(upload, ref, ImportPermissions(request.user))
        context.update(items=items, errors=errors, more=more, step="preview", upload=upload)
        if items:
            context["token"] = str(upload.pk)
        else:
            uploads.delete_stored(upload.files)
            upload.delete()
    return TemplateResponse(request, "admin/archive/article/import.html", context)


def _confirm(request):
    token = request.POST.get("token", "")
    upload = (
        AdminImport.objects.filter(pk=int(token), user=request.user, status=AdminImport.Status.PREVIEW).first()
        if token.isdecimal()
        else None
    )
    if upload is None:
        messages.error(request, "This import preview has expired or was already confirmed; upload the files again.")
        return redirect("admin:archive_article_import")
    upload.import_all = request.POST.get("import_all") == "1"
    upload.chosen = sorted({int(value) for value in request.POST.getlist("include") if value.isdecimal()})
    if not upload.import_all and not upload.chosen:
        uploads.delete_stored(upload.files)
        upload.delete()
        messages.warning(request, "Nothing was imported: no article was chosen.")
        return redirect("admin:archive_article_changelist")
    upload.save(update_fields=["import_all", "chosen"])
    jobs.queue_import(upload)
    messages.success(request, "The import has started in the background; this page shows how far it got.")
    return redirect("admin:archive_article_import_progress", upload.pk)


def progress_view(request, pk: int):
    """How far an import got, then its summary; for the editor who uploaded it (and those who may publish)."""
    upload = AdminImport.objects.select_related("user").filter(pk=pk).exclude(status=AdminImport.Status.PREVIEW).first()
    allowed = upload is not None and (upload.user_id == request.user.pk or can_publish(request.user))
    if not allowed:
        raise Http404
    context = {
        **site.each_context(request),
        "title": f"Import of {upload.created_at:%Y-%m-%d %H:%M}",
        "opts": Article._meta,
        "upload": upload,
        "percent": int(100 * upload.done / upload.total) if upload.total else 0,
        "drafts_url": reverse("admin:archive_article_changelist") + "?status=draft",
    }
    return TemplateResponse(request, "admin/archive/article/import_progress.html", context)
