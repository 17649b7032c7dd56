"""Files uploaded through the admin's import page: kept in the default storage, read back as articles.

The preview and the import job read the same files through `read_entries()`, in the same order, so
the n-th article of the preview is the n-th article the job sees: the editor's ticks (indexes) carry
over. An admin import creates drafts only and never updates an article already in the archive (the
command line is the tool for re-imports); each article is saved in its own transaction, through the
same store as `manage.py import_articles`.
"""

import contextlib
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import SimpleNamespace

from django.core.files.storage import default_storage
from django.db import DatabaseError
from django.utils import timezone
from simple_history.models import HistoricalRecords

from archive import duplicates
from archive.importers.extras import Extra
from archive.importers.files import JSONL_SUFFIXES, TEXT_SUFFIXES
from archive.importers.jsonl import read_jsonl
from archive.importers.record import Record, RecordError, SourceRef
from archive.importers.store import Outcome, Store, save_in_transaction
from archive.importers.text import TextError, parse_file
from archive.models import AdminImport, Article

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


def supported(name: str) -> bool:
    return Path(name).suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES


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
        if suffix not in TEXT_SUFFIXES + JSONL_SUFFIXES:
            yield EntryError(f"{shown}: unsupported file type {suffix or '(none)'!r}: expected .txt or .jsonl")
            continue
        if not default_storage.exists(name):
            # Raised, not reported: a stored upload that vanished is the storage's fault, and worth a retry.
            raise FileNotFoundError(f"{shown}: the uploaded file is no longer in the storage")
        with local_path(name) as path:
            try:
                if suffix in TEXT_SUFFIXES:
                    parsed = parse_file(path, source=source)
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


def existing_article(record: Record) -> Article | None:
    """The article this record would update rather than create (its external id or identical text)."""
    if record.external_id:
        found = Article.objects.filter(external_id=record.external_id)
        if record.source is not None:
            found = found.filter(source__name__iexact=record.source.name)
        return found.first()
    return Article.objects.filter(content_hash=duplicates.content_hash(record.title, record.body)).first()


def import_entry(store: Store, entry: Entry) -> Outcome | None:
    """Create the entry's article as a draft; None when it is already in the archive. (A new article's
    possible duplicates are flagged as it is saved, by archive.duplicates.)"""
    if existing_article(entry.record) is not None:
        return None
    return save_in_transaction(store, replace(entry.record, status="draft"), origin=f"admin upload {entry.origin}")


@contextlib.contextmanager
def acting_as(user) -> Iterator[None]:
    """Saves inside are recorded in the articles' history as `user`'s, as the admin's own saves are."""
    context = HistoricalRecords.context
    previous = getattr(context, "request", None)
    context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        if previous is None:
            del context.request
        else:
            context.request = previous


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
    store = Store(publish=False)
    errors: list[str] = []
    with acting_as(user):
        for entry in read_entries(upload.files, ref):
            if isinstance(entry, EntryError):
                upload.failed += 1
                errors.append(entry.message)
            elif not upload.import_all and entry.index not in chosen:
                upload.unticked += 1
            else:
                try:
                    outcome = import_entry(store, entry)
                except DatabaseError as exc:
                    # A rolled-back save may have undone tags or sources the store remembers.
                    store = Store(publish=False)
                    upload.failed += 1
                    errors.append(f"{entry.origin}: could not be saved ({str(exc).strip().splitlines()[0]})")
                else:
                    if outcome is None:
                        upload.existing += 1
                    else:
                        upload.created += 1
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
