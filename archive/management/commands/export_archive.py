"""Export articles as JSON Lines in the interchange format that import_articles reads.

Every status is exported (drafts, embargoed and archived articles too), with photos, credits, tags
with their kinds and aliases, the slug and the embargo, so importing the file into an empty database
reproduces the articles. Photos' images are copied into a folder beside the file (archive.jsonl →
archive-images/), and each photo's `image` is its path relative to the file, which is what the import
reads; exporting to standard output leaves images out. Articles are streamed in batches: memory stays flat on a large archive.
Synonym groups, promotions and partners (without their API keys) follow as records of their own
kinds (archive.importers.extras), unless --status picks some articles only.
"""

import sys
from dataclasses import replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Prefetch

from archive.importers import extras
from archive.importers.images import ImageExport
from archive.importers.store import article_to_record
from archive.models import Article, Tag


class Command(BaseCommand):
    help = "Write articles as JSON Lines (the import format) to PATH, or to standard output with '-'."

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="The file to write, or - for standard output.")
        parser.add_argument(
            "--status",
            action="append",
            choices=[s.value for s in Article.Status],
            help="Only these statuses (repeatable).",
        )

    def handle(self, *args, path, status=None, **options):
        articles = (
            Article.objects.order_by("id")
            .select_related("source")
            .prefetch_related(Prefetch("tags", queryset=Tag.objects.prefetch_related("aliases")), "photos", "credits")
        )
        if status:
            articles = articles.filter(status__in=status)
        try:
            out = sys.stdout if path == "-" else open(path, "w", encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None
        count = 0
        images = ImageExport(Path(path)) if path != "-" else None
        try:
            for article in articles.iterator(chunk_size=1000):
                record = article_to_record(article)
                record.photos = [
                    images.export(photo) if images else replace(photo, image="") for photo in record.photos
                ]
                out.write(record.to_json() + "\n")
                count += 1
            if not status:
                # Then synonym groups, promotions and partners: records of their own kinds, after the articles.
                for line in extras.export_lines():
                    out.write(line + "\n")
        finally:
            if out is not sys.stdout:
                out.close()
        if images is not None:
            for problem in images.problems:
                self.stderr.write(f"warning: {problem}")
        if path != "-" and options["verbosity"]:
            written = (
                f" and {images.copied} image{'s' if images.copied != 1 else ''} to {images.folder}"
                if images.copied
                else ""
            )
            self.stdout.write(f"Exported {count} article{'s' if count != 1 else ''} to {path}{written}")
