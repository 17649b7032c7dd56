"""Import in the admin: upload raw text, saved web pages or JSON Lines files, preview every article, confirm to create drafts.

The files go through the same parser and reader as `manage.py import_articles`. Between the preview
and the confirmation the parsed records wait in the default storage (so any web server can finish
the import), tied to the editor's session. The preview and the confirmation decide each record with
the uploader's permissions (archive.importers.permissions): new articles become drafts, existing ones
are updated only where the uploader may edit them.
"""

import json
import tempfile
import uuid
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.admin import site
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from archive import duplicates
from archive.history.context import recorded_as
from archive.importers.files import HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES, parse_article
from archive.importers.jsonl import read_jsonl
from archive.importers.permissions import Decision, ImportPermissions, decide, save_permitted
from archive.importers.record import Record, RecordError, SourceRef, TagRef, from_dict
from archive.importers.store import CREATED, UPDATED, Store, find_tag
from archive.importers.text import TextError
from archive.models import Article, Source, Tag

MAX_FILE_BYTES = 20 * 1024 * 1024
# Beyond this a file belongs to the command line, which streams it with a progress bar.
MAX_ARTICLES = 500
SESSION_KEY = "archive_admin_import"
STASH_LIFETIME = timedelta(days=1)


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


def read_uploads(uploads, source: SourceRef | None, permissions: ImportPermissions) -> tuple[list[Item], list[str]]:
    """The articles of the uploaded files as the import would treat them, and one clear error per bad file or line."""
    items, errors = [], []
    with tempfile.TemporaryDirectory() as folder:
        for upload in uploads:
            name = Path(upload.name).name or "upload"
            suffix = Path(name).suffix.lower()
            if suffix not in TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES:
                errors.append(f"{name}: unsupported file type {suffix or '(none)'!r}: expected .txt, .html or .jsonl")
                continue
            if upload.size > MAX_FILE_BYTES:
                errors.append(f"{name}: too large for the admin ({upload.size // 1_000_000} MB); use import_articles")
                continue
            path = Path(folder) / name
            with open(path, "wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            try:
                if suffix not in JSONL_SUFFIXES:
                    parsed = parse_article(path, source=source)
                    items.append(Item(len(items), name, parsed.record, parsed.dropped))
                else:
                    for number, record, _ in read_jsonl(path):
                        if isinstance(record, RecordError):
                            errors.append(f"{name}, line {number}: {record}")
                        else:
                            items.append(
                                Item(len(items), f"{name}:{number}", replace(record, source=record.source or source))
                            )
            except TextError as exc:
                errors.append(f"{name}: {exc}")
            if len(items) > MAX_ARTICLES:
                return [], [
                    f"More than {MAX_ARTICLES} articles: import files this large with manage.py import_articles."
                ]
    store = Store(publish=False)
    for item in items:
        item.decision = decide(store, _as_draft(item.record), permissions)
        item.tags = [preview_tag(ref) for ref in item.decision.record.tags]
        if item.existing is None:
            item.similar = duplicates.find_duplicates(item.record.title, item.record.body)
    return items, errors


def _as_draft(record: Record) -> Record:
    # New articles from the admin are drafts; an update keeps the article's status (see decide()).
    return replace(record, status="draft")


def _stash(items: list[Item]) -> str:
    _forget_stale()
    token = uuid.uuid4().hex
    lines = [json.dumps({"origin": item.origin, "record": item.record.to_dict()}, ensure_ascii=False) for item in items]
    default_storage.save(_stash_name(token), ContentFile("\n".join(lines).encode()))
    return token


def _forget_stale() -> None:
    """Previews nobody confirmed within a day are dropped."""
    folder = "admin-imports"
    try:
        names = default_storage.listdir(folder)[1]
    except (FileNotFoundError, NotImplementedError):
        return
    cutoff = timezone.now() - STASH_LIFETIME
    for name in names:
        try:
            if default_storage.get_modified_time(f"{folder}/{name}") < cutoff:
                default_storage.delete(f"{folder}/{name}")
        except (FileNotFoundError, NotImplementedError):
            continue


def _stash_name(token: str) -> str:
    return f"admin-imports/{token}.jsonl"


def _unstash(token: str) -> list[tuple[str, Record]] | None:
    name = _stash_name(token)
    if not default_storage.exists(name):
        return None
    with default_storage.open(name) as f:
        entries = [json.loads(line) for line in f.read().decode().splitlines() if line.strip()]
    default_storage.delete(name)
    return [(entry["origin"], from_dict(entry["record"])) for entry in entries]


def import_view(request):
    """Step 1 (upload, then preview) and step 2 (confirm: create the chosen articles as drafts)."""
    if not request.user.has_perm("archive.add_article"):
        raise PermissionDenied
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    form = UploadForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    context = {**site.each_context(request), "title": "Import articles", "opts": Article._meta, "form": form}
    if request.method == "POST" and form.is_valid():
        source = form.cleaned_data["source"]
        ref = SourceRef(source.name, source.slug, source.homepage) if source else None
        items, errors = read_uploads(form.cleaned_data["files"], ref, ImportPermissions(request.user))
        context.update(items=items, errors=errors, step="preview")
        if items:
            token = _stash(items)
            request.session[SESSION_KEY] = token
            context["token"] = token
    return TemplateResponse(request, "admin/archive/article/import.html", context)


def _confirm(request):
    token = request.POST.get("token", "")
    if not token or request.session.get(SESSION_KEY) != token:
        messages.error(request, "This import preview has expired or was already confirmed; upload the files again.")
        return redirect("admin:archive_article_import")
    entries = _unstash(token)
    del request.session[SESSION_KEY]
    if entries is None:
        messages.error(request, "This import preview has expired; upload the files again.")
        return redirect("admin:archive_article_import")
    chosen = {value for value in request.POST.getlist("include") if value.isdigit()}
    store, permissions = Store(publish=False), ImportPermissions(request.user)
    done = []
    for index, (origin, record) in enumerate(entries):
        if str(index) in chosen:
            with recorded_as(f"import of {origin}"):
                imported = save_permitted(store, _as_draft(record), permissions, origin=f"admin upload {origin}")
            done.append((origin, imported))
    actions = [imported.outcome.action for _, imported in done if imported.outcome]
    for origin, imported in done:
        for note in imported.decision.notes:
            messages.warning(request, f"{origin}: {note}")
    if actions.count(CREATED):
        listing = reverse("admin:archive_article_changelist") + "?status=draft"
        messages.success(
            request,
            format_html('Created {} draft(s). <a href="{}">See the drafts</a>.', actions.count(CREATED), listing),
        )
    if actions.count(UPDATED):
        messages.success(request, f"Updated {actions.count(UPDATED)} existing article(s).")
    if not actions.count(CREATED) and not actions.count(UPDATED):
        messages.warning(request, "Nothing was imported: no article was chosen, or the chosen ones were unchanged.")
    return redirect("admin:archive_article_changelist")
