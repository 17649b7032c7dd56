"""Health checks for load balancers and orchestrators.

/healthz says the process is up (no database work: a database outage must not get every web process
restarted). /readyz says this process can serve: the database answers and every migration is applied.
/healthz/jobs says whether the background work keeps up (archive.jobstatus): 200 when it does, 503
with the reasons in words when it is behind, for a monitor to alert on (not for a load balancer).
"""

import logging

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

# Migrations are not unapplied under a running site, so once they were all found applied the
# (relatively costly) check is not repeated.
_migrations_applied = False


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


def _pending_migrations() -> int:
    global _migrations_applied
    if _migrations_applied:
        return 0
    executor = MigrationExecutor(connection)
    pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    _migrations_applied = pending == 0
    return pending


@never_cache
def readyz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        pending = _pending_migrations()
    except DatabaseError as error:
        logger.warning("Not ready: database unreachable: %s", str(error).strip())
        return _not_ready({"status": "unavailable", "database": "unreachable"})
    if pending:
        return _not_ready({"status": "unavailable", "database": "ok", "pending_migrations": pending})
    return JsonResponse({"status": "ok", "database": "ok", "migrations": "applied"})


@never_cache
def jobs(request):
    from archive.jobstatus import jobs_status

    try:
        status = jobs_status()
    except DatabaseError as error:
        logger.warning("Jobs status unknown: database unreachable: %s", str(error).strip())
        return _not_ready({"status": "unavailable", "database": "unreachable"})
    if status.behind:
        return _not_ready(status.as_dict())
    return JsonResponse(status.as_dict())


def _not_ready(body: dict) -> JsonResponse:
    response = JsonResponse(body, status=503)
    # An expected answer to a probe, not a server error for Django to log.
    response._has_been_logged = True
    return response


class HealthCheckMiddleware:
    """Answers the health paths before host validation and HTTPS redirects.

    Load balancers probe each host by its address and over plain HTTP; those probes must not be
    refused by ALLOWED_HOSTS or redirected. Goes first in MIDDLEWARE, so probes stay out of the request log.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return healthz(request)
        if request.path == "/readyz":
            return readyz(request)
        if request.path == "/healthz/jobs":
            return jobs(request)
        return self.get_response(request)
