"""Import articles from raw text (.txt), saved web pages (.html, .htm) and JSON Lines (.jsonl), or folders of them.

Raw text is parsed by archive.importers.text, saved web pages by archive.importers.html; JSON Lines carries one interchange record per line
(archive.importers.record), and export_archive's synonym groups, promotions and partners as lines
of their own kinds (archive.importers.extras). Each file is imported in its own transaction; a re-import of the same
file changes nothing and an edited file updates its articles (archive.importers.store explains how
editors' changes are kept). Bad files and bad lines are reported one line each, the rest still
imports, and the command then exits with status 1.

It brings the search statistics up to date itself (an incremental refresh, as the background job
does): a JSON Lines file's before it commits, raw text and web pages at the end. What it imported is
fast to search and known to "did you mean" the moment readers can see it, whether a worker runs or
not; `--no-refresh` leaves that to the worker. It runs at a lower CPU priority,
so readers searching meanwhile wait less (archive.importers.priority), and ends by vacuuming and analysing
what autovacuum would next, at that priority (archive.importers.vacuum).
"""

import contextlib
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive import jobs
from archive.importers import vocabulary
from archive.importers.files import Importer, dry_run_records
from archive.importers.priority import readers_first
from archive.importers.record import SourceRef
from archive.models import Source


class Command(BaseCommand):
    help = (
        "Import articles from .txt (raw text), .html/.htm (saved web pages) and .jsonl (JSON Lines) files or folders."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files or folders to import.")
        parser.add_argument("--publish", action="store_true", help="Publish what is imported (otherwise drafts).")
        parser.add_argument("--source", metavar="SLUG", help="The outlet of articles that do not name one.")
        parser.add_argument("--dry-run", action="store_true", help="Parse and check, write nothing.")
        parser.add_argument("--json", action="store_true", help="With --dry-run: print the records as JSON Lines.")
        parser.add_argument("--strict", action="store_true", help="A bad line fails its whole JSON Lines file.")
        parser.add_argument(
            "--no-refresh",
            action="store_true",
            help="Do not refresh the search statistics at the end (the background worker will).",
        )

    def handle(self, *args, **options):
        if options["json"] and not options["dry_run"]:
            raise CommandError("--json prints what would be imported: use it with --dry-run")
        source = self._source(options["source"])
        if options["json"]:
            return self._print_records(options["paths"], publish=options["publish"], source=source)
        verbosity = options["verbosity"]
        importer = Importer(
            publish=options["publish"],
            source=source,
            dry_run=options["dry_run"],
            strict=options["strict"],
            report=lambda message, level: self._report(message, level, verbosity),
            details=verbosity >= 2,
            progress=(lambda **kw: tqdm(file=sys.stderr, leave=False, mininterval=0.5, **kw)) if verbosity else None,
            refresh_statistics=not options["no_refresh"],
        )
        # Writes queue no background refresh one by one: the refresh below (or, with --no-refresh,
        # the worker's schedule and the one queued here) covers them all.
        with jobs.refresh_held(), readers_first() if not options["dry_run"] else contextlib.nullcontext():
            summary = importer.run(options["paths"])
        if verbosity:
            prefix = "Dry run, nothing written: would be " if options["dry_run"] else "Imported: "
            self.stdout.write(prefix + str(summary))
        if verbosity:
            for result in summary.refreshes:
                kind = "full" if result["full"] else "incremental"
                self.stdout.write(
                    f"Search statistics: {kind} refresh, {result['changed']} of {result['articles']} articles "
                    f"changed, {result['pending_index_pages']} pending index pages merged, in {result['seconds']:.1f} s."
                )
            if summary.tidied is not None and (summary.tidied.vacuumed or summary.tidied.analyzed):
                self.stdout.write(f"Upkeep: {summary.tidied}, at the import's priority.")
        if options["no_refresh"] and not options["dry_run"] and (summary.created or summary.updated):
            jobs.refresh_soon()
            if verbosity:
                self.stdout.write("Search statistics: left to the background worker (--no-refresh).")
        if summary.failed:
            raise CommandError(
                f"{summary.failed} file{'s' if summary.failed != 1 else ''} or line(s) failed (listed above)"
            )
        if summary.images_failed:
            raise CommandError(
                f"{summary.images_failed} image{'s' if summary.images_failed != 1 else ''} could not be imported "
                "(listed above); their articles and captions were imported"
            )

    def _report(self, message: str, level: str, verbosity: int) -> None:
        if level == "error":
            self.stderr.write(f"error: {message}")
        elif level == "info" and verbosity >= 1 or verbosity >= 2:
            self.stdout.write(message)

    def _print_records(self, paths, *, publish: bool, source: SourceRef | None) -> None:
        failed = 0
        for item in dry_run_records(paths, publish=publish, source=source):
            if isinstance(item, str):
                failed += 1
                self.stderr.write(f"error: {item}")
            else:
                self.stdout.write(item.to_json())
        if failed:
            raise CommandError(f"{failed} file{'s' if failed != 1 else ''} or line(s) failed (listed above)")

    def _source(self, slug: str | None) -> SourceRef | None:
        if not slug:
            return None
        source = Source.objects.filter(slug=slug).first()
        if source is not None:
            return SourceRef(source.name, source.slug, source.homepage)
        known = next((o for o in vocabulary.outlets() if o.slug == slug), None)
        if known is not None:
            return SourceRef(known.name, known.slug, known.homepage)
        choices = sorted(set(Source.objects.values_list("slug", flat=True)) | {o.slug for o in vocabulary.outlets()})
        raise CommandError(f"unknown source {slug!r}; known sources: {', '.join(choices)}")
