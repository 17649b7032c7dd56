"""Files uploaded through the admin's import page: kept in the default storage, read back as articles.

The preview and the import job read the same files through `read_entries()`, in the same order, so
the n-th article of the preview is the n-th article the job sees: the editor's ticks (indexes) carry
over. Each article is decided and saved in its own transaction, through the same store as `manage.py
import_articles` and under the uploading editor's permissions (archive.importers.permissions): new
articles are created as drafts, an existing one is updated only if the editor may edit it (its status
stays as it is), and what the editor may not create is left out and reported.
"""

import contextlib
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pghistory
from django.core.files.storage import default_storage
from django.db import DatabaseError
from django.utils import timezone

from archive.history.context import recorded_as
from archive.importers.extras import Extra
from archive.importers.files import HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES, parse_article
from archive.importers.jsonl import read_jsonl
from archive.importers.permissions import Imported, ImportPermissions, save_permitted
from archive.importers.record import Record, RecordError, SourceRef
from archive.importers.store import CREATED, Store
from archive.importers.text import TextError
from archive.models import AdminImport

FOLDER = "admin-imports"
# Progress is written every this many entries: often enough for the page, rarely enough to cost nothing.
PROGRESS_EVERY = 100
# Errors kept for the summary page; past this only their number grows.
MAX_ERRORS = 1000


@dataclass
class Entry:
    """One article read from an upload; `origin` names its file (and line)."""

    index: int
    origin: str
    record: Record
    dropped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class EntryError:
    """A file or line that could not be read, with a message naming it."""

    message: str


ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES


def supported(name: str) -> bool:
    return Path(name).suffix.lower() in ARTICLE_SUFFIXES


def store_upload(upload) -> str:
    """Save one uploaded file under a folder of its own; returns its name in the default storage."""
    name = Path(upload.name).name or "upload"
    return default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}/{name}", upload)


def delete_stored(names: list[str]) -> None:
    for name in names:
        with contextlib.suppress(FileNotFoundError, NotImplementedError):
            default_storage.delete(name)


@contextlib.contextmanager
def local_path(name: str) -> Iterator[Path]:
    """A path on this machine for a stored file: the file itself on disk storage, a temporary copy otherwise."""
    try:
        on_disk = default_storage.path(name)
    except NotImplementedError:
        on_disk = None
    if on_disk is not None:
        yield Path(on_disk)
        return
    with tempfile.TemporaryDirectory() as folder, default_storage.open(name, "rb") as stored:
        path = Path(folder) / Path(name).name
        with open(path, "wb") as out:
            shutil.copyfileobj(stored, out)
        yield path


def display_name(name: str) -> str:
    """The file's name as uploaded (the storage may have added a suffix to keep it unique)."""
    return Path(name).name


def read_entries(names: list[str], source: SourceRef | None) -> Iterator[Entry | EntryError]:
    """Every article of the stored files in order, and an EntryError for each bad file or line."""
    index = 0
    for name in names:
        shown = display_name(name)
        suffix = Path(shown).suffix.lower()
        if suffix not in ARTICLE_SUFFIXES:
            yield EntryError(f"{shown}: unsupported file type {suffix or '(none)'!r}: expected .txt, .html or .jsonl")
            continue
        if not default_storage.exists(name):
            # Raised, not reported: a stored upload that vanished is the storage's fault, and worth a retry.
            raise FileNotFoundError(f"{shown}: the uploaded file is no longer in the storage")
        with local_path(name) as path:
            try:
                if suffix not in JSONL_SUFFIXES:
                    parsed = parse_article(path, source=source)
                    yield Entry(index, shown, parsed.record, parsed.dropped)
                    index += 1
                    continue
                for number, record, _ in read_jsonl(path):
                    if isinstance(record, RecordError):
                        yield EntryError(f"{shown}, line {number}: {record}")
                    elif isinstance(record, Extra):
                        yield EntryError(
                            f"{shown}, line {number}: a {record.kind}, not an article (use import_articles)"
                        )
                    else:
                        yield Entry(index, f"{shown}:{number}", replace(record, source=record.source or source))
                        index += 1
            except TextError as exc:
                yield EntryError(f"{shown}: {exc}")


def count_entries(names: list[str]) -> int:
    """About how many entries `read_entries` yields, cheaply: one per text file, one per non-blank JSON line."""
    total = 0
    for name in names:
        suffix = Path(display_name(name)).suffix.lower()
        if suffix in JSONL_SUFFIXES and default_storage.exists(name):
            with default_storage.open(name, "rb") as f:
                total += sum(1 for line in f if line.strip())
        else:
            total += 1
    return total


def as_draft(record: Record) -> Record:
    """New articles from the admin are drafts; an update keeps the article's status (see permissions.decide)."""
    return replace(record, status="draft")


def import_entry(store: Store, entry: Entry, permissions: ImportPermissions) -> Imported:
    """Decide and save the entry's article as the uploading editor may, recorded as this file's import."""
    with recorded_as(f"import of {entry.origin}"):
        return save_permitted(store, as_draft(entry.record), permissions, origin=f"admin upload {entry.origin}")


def run_import(upload: AdminImport) -> AdminImport:
    """Import an upload's articles as drafts (the ticked ones, or all), saving progress as it goes.

    Running it again is safe: counts start over and what the first run created is found in the
    archive and not created twice. The stored files are deleted once it has finished.
    """
    user = upload.user
    AdminImport.objects.filter(pk=upload.pk).update(
        status=AdminImport.Status.RUNNING, done=0, created=0, existing=0, unticked=0, failed=0, errors=[]
    )
    upload.refresh_from_db()
    if not (user.is_active and user.has_perm("archive.add_article")):
        return _finish(upload, AdminImport.Status.FAILED, [f"{user} may no longer import articles."])
    source = upload.source
    ref = SourceRef(source.name, source.slug, source.homepage) if source else None
    chosen = set(upload.chosen)
    upload.total = count_entries(upload.files)
    upload.save(update_fields=["total"])
    store, permissions = Store(publish=False), ImportPermissions(user)
    errors: list[str] = []
    # The history names the uploading editor, as it does for the admin's own saves.
    with pghistory.context(user=user.pk):
        for entry in read_entries(upload.files, ref):
            if isinstance(entry, EntryError):
                upload.failed += 1
                errors.append(entry.message)
            elif not upload.import_all and entry.index not in chosen:
                upload.unticked += 1
            else:
                try:
                    imported = import_entry(store, entry, permissions)
                except DatabaseError as exc:
                    # A rolled-back save may have undone tags or sources the store remembers.
                    store = Store(publish=False)
                    upload.failed += 1
                    errors.append(f"{entry.origin}: could not be saved ({str(exc).strip().splitlines()[0]})")
                else:
                    errors += [f"{entry.origin}: {note}" for note in imported.decision.notes]
                    if imported.outcome is None:
                        upload.failed += 1
                    elif imported.outcome.action == CREATED:
                        upload.created += 1
                    else:
                        # Already in the archive: updated where the file changed it, or left as it was.
                        upload.existing += 1
            upload.done += 1
            if upload.done % PROGRESS_EVERY == 0:
                upload.errors = errors[:MAX_ERRORS]
                upload.save(update_fields=["done", "created", "existing", "unticked", "failed", "errors"])
    return _finish(upload, AdminImport.Status.DONE, errors)


def _finish(upload: AdminImport, status: str, errors: list[str]) -> AdminImport:
    upload.status = status
    upload.errors = errors[:MAX_ERRORS]
    upload.total = max(upload.total, upload.done)
    upload.finished_at = timezone.now()
    upload.save()
    delete_stored(upload.files)
    return upload
