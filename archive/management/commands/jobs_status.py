"""Say whether the background work keeps up: worker heartbeat, queue, failed jobs, statistics' age.

The same reading as /healthz/jobs and the admin dashboard (archive.jobstatus). Exits with status 1
when something is behind, so a cron job or a monitor can act on it; --json prints what /healthz/jobs
serves.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from archive.jobstatus import jobs_status


class Command(BaseCommand):
    help = "Show whether background jobs keep up (exit status 1 when something is behind)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the status as JSON, as /healthz/jobs does.")

    def handle(self, *args, **options):
        status = jobs_status()
        if options["json"]:
            self.stdout.write(json.dumps(status.as_dict(), indent=2))
        else:
            for line in status.sentences():
                self.stdout.write(line)
        if status.behind:
            raise CommandError("background jobs are behind (see above)")
