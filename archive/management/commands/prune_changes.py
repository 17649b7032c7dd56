"""Delete change-feed events older than the retention period (ARCHIVE_CHANGES_RETENTION_DAYS).

Run it daily (cron or a scheduler). Partners whose cursor is older than the period get 410 Gone and
resynchronise; pending events of articles still under embargo are kept.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from archive.models import ChangeEvent


class Command(BaseCommand):
    help = "Delete change-feed events older than ARCHIVE_CHANGES_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Keep this many days instead of the setting.")

    def handle(self, *args, days, **options):
        days = settings.ARCHIVE_CHANGES_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - datetime.timedelta(days=days)
        deleted, _ = ChangeEvent.objects.filter(txid__isnull=False, occurred_at__lt=cutoff).delete()
        if options["verbosity"]:
            self.stdout.write(f"Deleted {deleted} change event(s) older than {days} days.")
