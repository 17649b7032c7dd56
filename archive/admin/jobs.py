"""Background jobs in the admin: procrastinate's own job list, with each failed attempt's error beside it.

The queue keeps a job's status, not why it failed; archive.jobs records every failed attempt
(JobFailure), shown here. Failed jobs are retried from the list with the "Retry Job" action.
"""

from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.utils.html import format_html_join
from procrastinate.contrib.django.admin import ProcrastinateJobAdmin
from procrastinate.contrib.django.models import ProcrastinateJob

from archive.models import JobFailure

admin.site.unregister(ProcrastinateJob)


@admin.register(ProcrastinateJob)
class JobAdmin(ProcrastinateJobAdmin):
    list_display = [*ProcrastinateJobAdmin.list_display, "last_error"]
    fields = [*ProcrastinateJobAdmin.fields, "errors"]

    def get_queryset(self, request):
        latest = JobFailure.objects.filter(job_id=OuterRef("pk")).order_by("-at").values("error")[:1]
        return super().get_queryset(request).annotate(last_error_text=Subquery(latest))

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "errors"]

    @admin.display(description="Last error")
    def last_error(self, job):
        return job.last_error_text or ""

    @admin.display(description="Errors, one per failed attempt")
    def errors(self, job):
        failures = JobFailure.objects.filter(job_id=job.pk).order_by("at")
        return (
            format_html_join(
                "\n",
                "<p>Attempt {} at {:%Y-%m-%d %H:%M:%S}: <code>{}</code></p>",
                ((f.attempt, f.at, f.error) for f in failures),
            )
            or "none"
        )
