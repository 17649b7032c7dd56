"""Importing files and folders: raw text (.txt), saved web pages (.html, .htm) and JSON Lines (.jsonl), each
file in its own transaction.

A bad file (unreadable, empty, binary, not UTF-8, no article in it) fails alone with a one-line error
naming it; the other files still import.

A bad line of a JSON Lines file fails that line only: it is reported with its line number and the
file's good lines are committed. A newsroom export of 100 000 articles with one broken line should
not lose the other 99 999; fixing the line and importing the file again adds it and leaves the rest
unchanged (imports are idempotent). With `strict=True` a bad line rolls its whole file back instead.
Either way the run ends with a non-zero status when anything failed.

With `refresh_statistics`, the search statistics take the new articles in before readers see them: a
JSON Lines file's transaction ends with an incremental refresh, so its articles become searchable at
full speed the moment they commit; raw text and web pages (a small transaction each) are refreshed
once at the end of the run. Each file's transaction keeps other refreshes out while it is open
(archive.search.stats.hold_statistics).
"""

import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.db import DatabaseError, transaction

from archive.history.context import recorded_as
from archive.importers import extras
from archive.importers.images import ImageLoader, attach_images
from archive.importers.jsonl import read_ahead, read_jsonl
from archive.importers.record import Record, RecordError, SourceRef
from archive.importers.store import CREATED, UNCHANGED, UPDATED, Outcome, Store
from archive.importers.text import ParsedText, TextError, parse_file
from archive.importers.vacuum import Tidied, tidy_after_import
from archive.renditions import renditions_after_commit
from archive.search import hold_statistics, refresh_search_stats

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
BATCH_SIZE = 1000
MANY_FILES = 50


class _Rollback(Exception):
    """Raised inside a file's transaction to undo it (dry runs, strict mode)."""


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    files: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    # Photos' images (JSON Lines `image`): attached, and those that could not be loaded.
    images: int = 0
    images_failed: int = 0
    # The search statistics refreshes the import ran (archive.search.stats summaries).
    refreshes: list[dict] = field(default_factory=list)
    # What the import vacuumed and analysed after itself (archive.importers.vacuum); None when it did not.
    tidied: Tidied | None = None

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.action, getattr(self, outcome.action) + 1)

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged

    def __str__(self) -> str:
        rate = f", {self.imported / self.seconds:.0f} articles/s" if self.seconds >= 1 and self.imported >= 100 else ""
        images = ""
        if self.images or self.images_failed:
            images = f"; {self.images} image{'s' if self.images != 1 else ''}, {self.images_failed} not imported"
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, {self.failed} failed"
            f"{images} ({self.files} file{'s' if self.files != 1 else ''}, {self.seconds:.1f} s{rate})"
        )


def parse_article(path: Path, *, source: SourceRef | None = None) -> ParsedText:
    """One article file, raw text or a saved web page; TextError says why it cannot be read."""
    if path.suffix.lower() in HTML_SUFFIXES:
        from archive.importers.html import parse_html_file

        return parse_html_file(path, source=source)
    return parse_file(path, source=source)


def collect(paths: list[str | Path]) -> Iterator[tuple[Path, str | None]]:
    """(file, error or None) for each path given; folders are walked for .txt and .jsonl files, in name order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = False
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower() in ARTICLE_SUFFIXES:
                    found = True
                    yield child, None
            if not found:
                yield path, "no .txt, .html or .jsonl files in this folder"
        elif not path.exists():
            yield path, "no such file or folder"
        elif not path.is_file():
            yield path, "not a regular file"
        elif path.suffix.lower() not in ARTICLE_SUFFIXES:
            yield path, f"unsupported file type {path.suffix or '(none)'!r}: expected .txt, .html or .jsonl"
        else:
            yield path, None


class Importer:
    """Runs an import; `report(message, level)` receives per-file lines ("error", "info", "detail")."""

    def __init__(
        self,
        *,
        publish: bool = False,
        source: SourceRef | None = None,
        dry_run: bool = False,
        strict: bool = False,
        report: Callable[[str, str], None] = lambda message, level: None,
        details: bool = False,
        progress: Callable[..., object] | None = None,
        refresh_statistics: bool = False,
    ):
        self.store = Store(publish=publish, default_source=source)
        self.refresh_statistics = refresh_statistics and not dry_run
        self._refresh_at_end = False
        self.source = source
        self.dry_run = dry_run
        self.strict = strict
        self.report = report
        self.details = details
        self.progress = progress
        self.summary = Summary()

    def run(self, paths: list[str | Path]) -> Summary:
        started = time.monotonic()
        files = list(collect(paths))
        # A bar over files for folders of raw text; JSON Lines files get their own bar, by bytes.
        bar = self.progress(total=len(files), unit="file") if self.progress and len(files) >= MANY_FILES else None
        for path, error in files:
            self.summary.files += 1
            if error:
                self._fail(f"{path}: {error}")
            elif path.suffix.lower() in JSONL_SUFFIXES:
                with recorded_as(f"import of {path}"):
                    self._import_jsonl(path)
            else:
                with recorded_as(f"import of {path}"):
                    self._import_text(path)
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
        if self._refresh_at_end:
            self._refresh()
        if not self.dry_run and (self.summary.created or self.summary.updated):
            self.summary.tidied = tidy_after_import()
        self.summary.seconds = time.monotonic() - started
        return self.summary

    def _begin_file(self) -> None:
        """First thing in a file's transaction: no refresh may date itself past rows it cannot see yet."""
        if not self.dry_run:
            hold_statistics()

    def _refresh(self) -> None:
        """An incremental refresh in a savepoint: if it fails, the articles stay and are still found
        (as recently changed) until the worker's next refresh."""
        try:
            with transaction.atomic():
                self.summary.refreshes.append(refresh_search_stats(full=None))
        except DatabaseError as exc:
            self.report(f"search statistics not refreshed ({_first_line(exc)}): the worker will", "error")

    def _reset_store(self) -> None:
        """Forget cached tags and sources: a rollback may have undone their creation."""
        self.store = Store(publish=self.store.publish, default_source=self.store.default_source)

    def _fail(self, message: str) -> None:
        self.summary.failed += 1
        self.summary.errors.append(message)
        self.report(message, "error")

    # -------------------------------------------------------------------------------------------- raw text

    def _import_text(self, path: Path) -> None:
        try:
            parsed = parse_article(path, source=self.source)
        except TextError as exc:
            self._fail(f"{path}: {exc}")
            return
        try:
            with transaction.atomic():
                self._begin_file()
                outcome = self.store.save(parsed.record, origin=str(path))
                if self.dry_run:
                    raise _Rollback
        except _Rollback:
            self._reset_store()
        except (DatabaseError, RecordError) as exc:
            self._reset_store()
            self._fail(f"{path}: could not be saved ({_first_line(exc)})")
            return
        self.summary.add(outcome)
        self._refresh_at_end |= self.refresh_statistics and outcome.action != UNCHANGED
        self._report_outcome(str(path), outcome)

    # ----------------------------------------------------------------------------------------- JSON Lines

    def _import_jsonl(self, path: Path) -> None:
        # Outcomes count only once the file's transaction commits. Only counts and the outcomes worth a
        # line of their own are kept, so memory stays flat on a long file.
        self._counts: Counter = Counter()
        self._pending: list[tuple[str, Outcome]] = []
        self._images = ImageLoader(path.parent)
        size = path.stat().st_size
        bar = (
            self.progress(total=size, unit="B", unit_scale=True, desc=path.name)
            if self.progress and size > 1 << 20
            else None
        )
        try:
            with transaction.atomic():
                self._begin_file()
                batch: list[tuple[Record, str, int]] = []
                others: list[tuple[extras.Extra, int]] = []
                for number, item, offset in read_ahead(read_jsonl(path)):
                    if bar is not None:
                        bar.update(offset - bar.n)
                    if isinstance(item, RecordError):
                        self._fail(f"{path}:{number}: {item}")
                        if self.strict:
                            raise _Rollback
                        continue
                    if isinstance(item, extras.Extra):
                        others.append((item, number))  # saved after the articles they may refer to
                        continue
                    batch.append((item, f"{path}:{number}", number))
                    if len(batch) >= BATCH_SIZE:
                        self._flush(path, batch)
                        batch = []
                self._flush(path, batch)
                self._save_extras(path, others)
                if self.dry_run:
                    raise _Rollback
                if self.refresh_statistics and (self._counts[CREATED] or self._counts[UPDATED]):
                    self._refresh()
        except _Rollback:
            self._reset_store()
            if not self.dry_run:
                self.report(f"{path}: nothing imported from this file (--strict and a line failed)", "error")
                self._counts, self._pending = Counter(), []
        except TextError as exc:
            self._reset_store()
            self._fail(f"{path}: {exc}")
        finally:
            if bar is not None:
                bar.close()
        for action, count in self._counts.items():
            setattr(self.summary, action, getattr(self.summary, action) + count)
        for origin, outcome in self._pending:
            self._report_outcome(origin, outcome)

    def _flush(self, path: Path, batch: list[tuple[Record, str, int]]) -> None:
        if not batch:
            return
        try:
            with transaction.atomic():
                outcomes = self.store.save_batch([(record, origin) for record, origin, _ in batch])
        except (DatabaseError, RecordError):
            # Find the line the database refused: one savepoint per record.
            self._reset_store()
            outcomes = []
            for record, origin, number in batch:
                try:
                    with transaction.atomic():
                        outcomes.append(self.store.save_batch([(record, origin)])[0])
                except (DatabaseError, RecordError) as exc:
                    self._fail(f"{path}:{number}: could not be saved ({_first_line(exc)})")
                    if self.strict:
                        raise _Rollback from None
                    outcomes.append(None)
        for (_, origin, _), outcome in zip(batch, outcomes):
            if outcome is not None:
                self._counts[outcome.action] += 1
                if outcome.kept or self.details:
                    self._pending.append((origin, outcome))
        if not self.dry_run:
            self._attach_images(batch, outcomes)

    def _attach_images(self, batch: list[tuple[Record, str, int]], outcomes: list[Outcome | None]) -> None:
        """Images of the photos just written; one that cannot be loaded is reported, the rest stays."""
        attached = []
        for (record, origin, _), outcome in zip(batch, outcomes):
            if outcome is None or outcome.action == UNCHANGED:
                continue
            ids, failures = attach_images(outcome.article_id, record.photos, self._images)
            attached += ids
            for failure in failures:
                self.summary.images_failed += 1
                self.summary.errors.append(f"{origin}: {failure}")
                self.report(f"{origin}: {failure}", "error")
        self.summary.images += len(attached)
        renditions_after_commit(attached)

    def _save_extras(self, path: Path, others: list[tuple[extras.Extra, int]]) -> None:
        for extra, number in others:
            try:
                with transaction.atomic():
                    action = extras.save(extra)
            except (RecordError, DatabaseError) as exc:
                self._fail(f"{path}:{number}: {extra.kind}: {_first_line(exc)}")
                if self.strict:
                    raise _Rollback from None
                continue
            self._counts[action] += 1

    def _report_outcome(self, origin: str, outcome: Outcome) -> None:
        if outcome.kept:
            self.report(f"{origin}: {outcome.action}; kept the editors' changes to {', '.join(outcome.kept)}", "info")
        elif outcome.action in (CREATED, UPDATED, UNCHANGED):
            self.report(f"{origin}: {outcome.action}", "detail")


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def dry_run_records(
    paths: list[str | Path], *, publish: bool = False, source: SourceRef | None = None
) -> Iterator[str | Record]:
    """Records as an import would store them, without touching the database; an error message (str) per bad file or line."""
    status = "published" if publish else "draft"
    for path, error in collect(paths):
        if error:
            yield f"{path}: {error}"
            continue
        try:
            if path.suffix.lower() in JSONL_SUFFIXES:
                for number, item, _ in read_jsonl(path):
                    if isinstance(item, RecordError):
                        yield f"{path}:{number}: {item}"
                    elif isinstance(item, extras.Extra):
                        yield item
                    else:
                        yield replace(item, status=item.status or status, source=item.source or source)
            else:
                record = parse_article(path, source=source).record
                yield replace(record, status=record.status or status)
        except TextError as exc:
            yield f"{path}: {exc}"
